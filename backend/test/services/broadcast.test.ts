import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { StaleConnectionError, ThrottledError } from '../../src/errors.js';
import { ConnectionsRepository } from '../../src/repositories/connections.js';
import type { ConnectionsApi } from '../../src/aws/connections-api.js';
import { backoffDelay, broadcastToRoom, forEachBounded } from '../../src/services/broadcast.js';
import { memoryLogger, startTestDb, type TestDb } from '../helpers/dynamo.js';

let db: TestDb;
before(async () => (db = await startTestDb()));
after(() => db.close());

const NOW = 1_800_000_000_000;
async function room(roomId: string, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `${roomId}-c${i}`);
  for (const connectionId of ids) {
    await db.connections.put(
      ConnectionsRepository.item({ connectionId, roomId, username: 'u', userId: 'guest:u', connectedAt: NOW }),
    );
  }
  return ids;
}

/** A @connections API whose answer to each post a test scripts. */
class ScriptedConnectionsApi implements Pick<ConnectionsApi, 'post'> {
  posts: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  constructor(private readonly script: (id: string, attempt: number) => Error | undefined) {}
  private attempts = new Map<string, number>();
  async post(connectionId: string, data: string): Promise<void> {
    const attempt = this.attempts.get(connectionId) ?? 0;
    this.attempts.set(connectionId, attempt + 1);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    this.inFlight--;
    const error = this.script(connectionId, attempt);
    if (error) throw error;
    this.posts.push(`${connectionId}:${data}`);
  }
}

test('posts to every connection of the room, and only that room', async () => {
  const ids = await room('b-all', 7);
  await room('b-elsewhere', 3);
  const connectionsApi = new ScriptedConnectionsApi(() => undefined);
  const result = await broadcastToRoom(
    { connections: db.connections, connectionsApi, log: memoryLogger() },
    'b-all',
    'F',
    {
      concurrency: 3,
      nowMs: NOW,
    },
  );
  assert.deepEqual(connectionsApi.posts.sort(), ids.map((id) => `${id}:F`).sort());
  assert.equal(result.sent, 7);
  assert.equal(result.recipients, 7);
  assert.ok(
    connectionsApi.maxInFlight <= 3 && connectionsApi.maxInFlight > 1,
    `in flight ${connectionsApi.maxInFlight}`,
  );
});

test('the `first` connection (the sender) is posted to before every other one', async () => {
  const ids = await room('b-first', 12);
  const sender = ids[9]!;
  const connectionsApi = new ScriptedConnectionsApi(() => undefined);
  const result = await broadcastToRoom(
    { connections: db.connections, connectionsApi, log: memoryLogger() },
    'b-first',
    'F',
    {
      concurrency: 1,
      nowMs: NOW,
      first: sender,
    },
  );
  assert.equal(connectionsApi.posts[0], `${sender}:F`);
  assert.deepEqual(connectionsApi.posts.sort(), ids.map((id) => `${id}:F`).sort(), 'everyone once');
  assert.equal(result.sent, 12);
});

test('a gone connection is deleted (that one only) and the others still receive', async () => {
  const ids = await room('b-gone', 4);
  const gone = ids[2]!;
  const connectionsApi = new ScriptedConnectionsApi((id) => (id === gone ? new StaleConnectionError(id) : undefined));
  const result = await broadcastToRoom(
    { connections: db.connections, connectionsApi, log: memoryLogger() },
    'b-gone',
    'F',
    {
      concurrency: 10,
      nowMs: NOW,
    },
  );
  assert.deepEqual({ sent: result.sent, gone: result.gone, failed: result.failed }, { sent: 3, gone: 1, failed: 0 });
  assert.equal(await db.connections.get(gone, NOW), undefined);
  for (const id of ids.filter((i) => i !== gone)) assert.ok(await db.connections.get(id, NOW), id);
});

test('throttled posts are retried with jittered, bounded backoff; other failures do not fail the send', async () => {
  const ids = await room('b-throttle', 3);
  const delays: number[] = [];
  const connectionsApi = new ScriptedConnectionsApi((id, attempt) => {
    if (id === ids[0] && attempt < 2) return new ThrottledError('429');
    if (id === ids[1]) return new ThrottledError('always 429');
    if (id === ids[2]) return new Error('boom');
    return undefined;
  });
  const log = memoryLogger();
  const result = await broadcastToRoom({ connections: db.connections, connectionsApi, log }, 'b-throttle', 'F', {
    concurrency: 5,
    nowMs: NOW,
    maxRetries: 3,
    sleep: async (ms) => void delays.push(ms),
    random: () => 0.5,
  });
  assert.deepEqual({ sent: result.sent, failed: result.failed, gone: result.gone }, { sent: 1, failed: 2, gone: 0 });
  assert.equal(result.throttledRetries, 2 + 3);
  assert.equal(delays.length, 5);
  assert.ok(delays.every((d) => d >= 0 && d <= 1000));
  assert.equal(log.lines.filter((l) => l.msg === 'post to connection failed').length, 2);
  for (const id of ids) assert.ok(await db.connections.get(id, NOW), 'failed posts do not delete connections');
});

test('backoff is exponential, capped, and jittered in its upper half', () => {
  assert.equal(
    backoffDelay(0, 50, 1000, () => 0),
    25,
  );
  assert.equal(
    backoffDelay(0, 50, 1000, () => 0.999),
    49,
  );
  assert.equal(
    backoffDelay(3, 50, 1000, () => 0.5),
    300,
  );
  assert.equal(
    backoffDelay(10, 50, 1000, () => 0),
    500,
  );
  assert.equal(
    backoffDelay(10, 50, 1000, () => 0.999),
    999,
  );
});

test('forEachBounded handles empty input and limits concurrency', async () => {
  await forEachBounded([], 5, async () => assert.fail('not called'));
  let active = 0;
  let peak = 0;
  const seen: number[] = [];
  await forEachBounded([1, 2, 3, 4, 5, 6], 2, async (n) => {
    active++;
    peak = Math.max(peak, active);
    await new Promise((r) => setImmediate(r));
    seen.push(n);
    active--;
  });
  assert.equal(peak, 2);
  assert.deepEqual(seen.sort(), [1, 2, 3, 4, 5, 6]);
});
