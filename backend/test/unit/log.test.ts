import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger, errorFields, parseLogLevel } from '../../src/log.js';

test('logs are one JSON line each, filtered by level, with the request fields', () => {
  const lines: string[] = [];
  const log = createLogger(parseLogLevel('WARN'), { fn: 'messages' }, (l) => lines.push(l)).child({
    requestId: 'r-1',
    connectionId: 'c-1',
  });
  log.info('hidden');
  log.warn('shown', { code: 'X' });
  log.error('failed', errorFields(new TypeError('bad')));
  assert.equal(lines.length, 2);
  const first = JSON.parse(lines[0]!) as Record<string, unknown>;
  assert.deepEqual(
    { ...first, time: undefined },
    { time: undefined, level: 'warn', msg: 'shown', fn: 'messages', requestId: 'r-1', connectionId: 'c-1', code: 'X' },
  );
  assert.deepEqual(JSON.parse(lines[1]!).errorName, 'TypeError');
  assert.ok(lines.every((l) => !l.includes('\n')));
  const silent: string[] = [];
  createLogger(parseLogLevel('silent'), {}, (l) => silent.push(l)).error('nothing');
  assert.equal(silent.length, 0);
  assert.equal(parseLogLevel('nonsense'), 'info');
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const out: string[] = [];
  createLogger('debug', {}, (l) => out.push(l)).info('cyclic', cyclic);
  assert.match(out[0]!, /not serialisable/);
});
