import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectionNotFoundError, RateLimitedError } from '../../src/errors.js';
import { CONNECTION_TTL_SECONDS, ConnectionsRepository } from '../../src/repositories/connections.js';
import { startTestDb, type TestDb } from '../helpers/dynamo.js';

let db: TestDb;
before(async () => (db = await startTestDb()));
after(() => db.close());

const T0 = 1_800_000_000_000;
const item = (connectionId: string, roomId: string, connectedAt = T0) =>
  ConnectionsRepository.item({ connectionId, roomId, username: 'u', userId: 'guest:u', connectedAt });

test('put, get, delete', async () => {
  const c = item('c-put', 'r-put');
  assert.equal(c.expiresAt, T0 / 1000 + CONNECTION_TTL_SECONDS);
  assert.ok(CONNECTION_TTL_SECONDS > 2 * 3600);
  await db.connections.put(c);
  assert.deepEqual(await db.connections.get('c-put', T0), c);
  await db.connections.delete('c-put');
  assert.equal(await db.connections.get('c-put', T0), undefined);
  await db.connections.delete('c-put'); // deleting twice is fine
});

test('queryRoom returns every page of its room only, skipping expired rows', async () => {
  for (let i = 0; i < 23; i++) await db.connections.put(item(`c-q-${i}`, 'r-q'));
  await db.connections.put(item('c-q-old', 'r-q', T0 - 3 * 3600_000));
  await db.connections.put(item('c-other', 'r-other'));
  const result = await db.connections.queryRoom('r-q', T0, 5);
  assert.equal(result.connections.length, 23);
  assert.equal(result.expired, 1);
  assert.ok(result.pages >= 5, `pages: ${result.pages}`);
  assert.ok(result.readCapacityUnits > 0);
  assert.ok(result.connections.every((c) => c.connectionId.startsWith('c-q-') && c.connectionId !== 'c-q-old'));
  assert.equal(new Set(result.connections.map((c) => c.connectionId)).size, 23);
  assert.equal(await db.connections.get('c-q-old', T0), undefined, 'get skips expired rows too');
});

test('rate limit: N per window, then RATE_LIMITED, then a new window', async () => {
  await db.connections.put(item('c-rate', 'r'));
  const opts = (nowMs: number) => ({ limit: 3, windowMs: 10_000, nowMs });
  for (let i = 0; i < 3; i++) await db.connections.consumeRate('c-rate', opts(T0 + i));
  await assert.rejects(db.connections.consumeRate('c-rate', opts(T0 + 5)), RateLimitedError);
  await assert.rejects(db.connections.consumeRate('c-rate', opts(T0 + 9_999)), RateLimitedError);
  await db.connections.consumeRate('c-rate', opts(T0 + 10_000));
  await db.connections.consumeRate('c-rate', opts(T0 + 10_001));
  await db.connections.consumeRate('c-rate', opts(T0 + 10_002));
  await assert.rejects(db.connections.consumeRate('c-rate', opts(T0 + 10_003)), RateLimitedError);
});

test('rate limit is atomic under concurrency', async () => {
  await db.connections.put(item('c-race', 'r'));
  const results = await Promise.allSettled(
    Array.from({ length: 12 }, () => db.connections.consumeRate('c-race', { limit: 5, windowMs: 60_000, nowMs: T0 })),
  );
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 5);
  assert.ok(
    results
      .filter((r) => r.status === 'rejected')
      .every((r) => (r as PromiseRejectedResult).reason instanceof RateLimitedError),
  );
});

test('rate limit on a missing connection says so', async () => {
  await assert.rejects(
    db.connections.consumeRate('c-none', { limit: 3, windowMs: 1000, nowMs: T0 }),
    ConnectionNotFoundError,
  );
});
