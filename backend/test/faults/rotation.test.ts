/**
 * API Gateway's idle timeout and 2-hour limit, shortened (gateway: 1.5 s idle, 3 s maximum). Readers
 * rotate three ways: the SDK's own rotation before the maximum (`maxConnectionMs` 1.2 s), the gateway's
 * 1001 at the maximum (SDK rotation left at its default), and the idle timeout (heartbeat longer than
 * it). A writer posts throughout (each send after the previous ack, as one person types; no send may
 * fail: see fresh-connection.test.ts for the race that once failed some with INTERNAL); every reader ends with every message exactly once, back `connected`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LocalStack } from '../../src/local/stack.js';
import { startTestStack } from '../helpers/stack.js';
import { chatClient, exactlyOnce, waitFor, type TrackedClient } from './clients.js';

let stack: LocalStack;
before(async () => {
  stack = await startTestStack({ idleTimeoutMs: 1500, maxConnectionMs: 3000, env: { RATE_LIMIT_MESSAGES: '1000' } });
});
after(() => stack.close());

test(
  'connections rotate (SDK rotation, 2-hour limit, idle limit) without the reader noticing',
  { timeout: 120_000 },
  async () => {
    const room = 'rotation';
    const writer = chatClient(stack.wsUrl, { username: 'Writer', room, heartbeatInterval: 400, maxConnectionMs: 1200 });
    const selfRotating = chatClient(stack.wsUrl, {
      username: 'Rotor',
      room,
      heartbeatInterval: 400,
      maxConnectionMs: 1200,
    });
    const atMaximum = chatClient(stack.wsUrl, { username: 'Maxed', room, heartbeatInterval: 400 });
    const idle = chatClient(stack.wsUrl, { username: 'Idle', room, heartbeatInterval: 60_000 });
    const readers = [selfRotating, atMaximum, idle];
    const all: TrackedClient[] = [writer, ...readers];
    const closes = new Map<TrackedClient, string[]>();
    for (const c of all) {
      closes.set(c, []);
      c.client.addEventListener('statechange', (e) => {
        if (e.detail.state === 'reconnecting' || e.detail.state === 'connecting')
          closes.get(c)!.push(String(e.detail.code ?? ''));
      });
    }
    const sent: string[] = [];
    try {
      for (const c of all) c.client.connect();
      await waitFor(() => all.every((c) => c.client.state === 'connected'), 'all connected');
      const started = Date.now();
      // One person typing: each send waits for its ack (the SDK resends the one in flight across a rotation).
      for (let i = 0; Date.now() - started < 7000; i++) {
        const text = `tick ${i}`;
        sent.push(text);
        await writer.client.send(text);
        await new Promise((r) => setTimeout(r, 60));
      }
      await waitFor(
        () => all.every((c) => c.client.state === 'connected' && exactlyOnce(c, sent).ok),
        'every reader has every message once',
      ).catch((error) => {
        throw new Error(`${(error as Error).message}: ${all.map((c) => exactlyOnce(c, sent).detail).join(' ')}`);
      });
      const connections = (c: TrackedClient) => c.states.filter((s) => s === 'connected').length;
      // 7 s of traffic: the self-rotating client and the writer rotate every ~1.2 s, the others at 3 s / 1.5 s idle.
      for (const c of all)
        assert.ok(
          connections(c) >= 3,
          `${c.client.username} rotated (${connections(c)} connections; ${closes.get(c)!.join(',')})`,
        );
      assert.ok(closes.get(selfRotating)!.includes('ROTATING'), `SDK rotation: ${closes.get(selfRotating)}`);
      assert.ok(closes.get(atMaximum)!.includes('SERVER_GOING_AWAY'), `gateway maximum: ${closes.get(atMaximum)}`);
      assert.ok(closes.get(idle)!.includes('SERVER_GOING_AWAY'), `idle timeout: ${closes.get(idle)}`);
      for (const c of all)
        assert.ok(
          !c.states.includes('disconnected') && !c.states.includes('error'),
          `${c.client.username}: ${c.states}`,
        );
      assert.ok(sent.length >= 10);
    } finally {
      for (const c of all) c.client.disconnect();
    }
  },
);
