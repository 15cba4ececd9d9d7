import { test } from 'node:test';
import assert from 'node:assert/strict';
import { platformEnvironment } from '../src/platform.js';
import type { EnvironmentEvent } from '../src/index.js';

test('without window/document (Node): always online, subscribing is a no-op', () => {
  const env = platformEnvironment();
  assert.equal(env.isOnline(), true);
  const stop = env.subscribe(() => assert.fail('no events in Node'));
  stop();
});

test('with window and document: online/offline and visibility events reach the listener until unsubscribed', () => {
  const g = globalThis as Record<string, unknown>;
  const win = new EventTarget();
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  const saved = {
    addEventListener: g.addEventListener,
    removeEventListener: g.removeEventListener,
    document: g.document,
  };
  const nav = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  g.addEventListener = win.addEventListener.bind(win);
  g.removeEventListener = win.removeEventListener.bind(win);
  g.document = doc;
  let onLine = false;
  Object.defineProperty(globalThis, 'navigator', { configurable: true, get: () => ({ onLine }) });
  try {
    const env = platformEnvironment();
    assert.equal(env.isOnline(), false);
    onLine = true;
    assert.equal(env.isOnline(), true);
    const seen: EnvironmentEvent[] = [];
    const stop = env.subscribe((e) => seen.push(e));
    win.dispatchEvent(new Event('offline'));
    win.dispatchEvent(new Event('online'));
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    stop();
    win.dispatchEvent(new Event('offline'));
    assert.deepEqual(seen, ['offline', 'online', 'hidden', 'visible']);
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete g[k];
      else g[k] = v;
    }
    if (nav) Object.defineProperty(globalThis, 'navigator', nav);
    else delete g.navigator;
  }
});
