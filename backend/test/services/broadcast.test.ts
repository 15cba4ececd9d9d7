import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { StaleConnectionError, ThrottledError } from '../../src/errors.js';
import { ConnectionsRepository } from '../../src/repositories/connections.js';
import type { ConnectionsApi } from '../../src/aws/connections-api.js';
import {
  broadcastToRoom,
  forEachBounded,
  postRetryDelay,
  type BroadcastOptions,
} from '../../src/services/broadcast.js';
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

/** Broadcasts the frame `F` to a room of the test database through `connectionsApi`. */
const broadcast = (
  connectionsApi: ScriptedConnectionsApi,
  roomId: string,
  options: BroadcastOptions,
  log = memoryLogger(),
) => broadcastToRoom({ connections: db.connections, connectionsApi, log }, roomId, 'F', { nowMs: NOW, ...options });

test('posts to every connection of the room, and only that room', async () => {
  const ids = await room('b-all', 7);
  await room('b-elsewhere', 3);
  const connectionsApi = new ScriptedConnectionsApi(() => undefined);
  const result = await broadcast(connectionsApi, 'b-all', { concurrency: 3 });
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
  const result = await broadcast(connectionsApi, 'b-first', { concurrency: 1, first: sender });
  assert.equal(connectionsApi.posts[0], `${sender}:F`);
  assert.deepEqual(connectionsApi.posts.sort(), ids.map((id) => `${id}:F`).sort(), 'everyone once');
  assert.equal(result.sent, 12);
});

test('a gone connection is deleted (that one only) and the others still receive', async () => {
  const ids = await room('b-gone', 4);
  const gone = ids[2]!;
  const connectionsApi = new ScriptedConnectionsApi((id) => (id === gone ? new StaleConnectionError(id) : undefined));
  const result = await broadcast(connectionsApi, 'b-gone', { concurrency: 10 });
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
  const result = await broadcast(
    connectionsApi,
    'b-throttle',
    {
      concurrency: 5,
      maxRetries: 3,
      sleep: async (ms) => void delays.push(ms),
      random: () => 0.5,
    },
    log,
  );
  assert.deepEqual({ sent: result.sent, failed: result.failed, gone: result.gone }, { sent: 1, failed: 2, gone: 0 });
  assert.equal(result.throttledRetries, 2 + 3);
  assert.equal(delays.length, 5);
  assert.ok(delays.every((d) => d >= 0 && d <= 1000));
  assert.equal(log.lines.filter((l) => l.msg === 'post to connection failed').length, 2);
  for (const id of ids) assert.ok(await db.connections.get(id, NOW), 'failed posts do not delete connections');
});

test('the post retry delay is exponential, capped, and jittered in its upper half', () => {
  // [attempt, random(), delay] with base 50 ms and cap 1000 ms
  const cases: [number, number, number][] = [
    [0, 0, 25],
    [0, 0.999, 49],
    [3, 0.5, 300],
    [10, 0, 500],
    [10, 0.999, 999],
  ];
  for (const [attempt, random, delay] of cases) {
    assert.equal(
      postRetryDelay(attempt, 50, 1000, () => random),
      delay,
      `attempt ${attempt}, random ${random}`,
    );
  }
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
