/**
 * The race behind "a fresh connection deleted by a concurrent broadcast": API Gateway answers 410 to a
 * post to a connection whose $connect has stored its row but whose upgrade has not finished. The
 * broadcast must not delete that row (the socket would stay open but unregistered: its sends fail with
 * INTERNAL, it receives nothing). A row old enough to be really gone is still deleted at once.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { StaleConnectionError } from '../../src/errors.js';
import { ConnectionsRepository } from '../../src/repositories/connections.js';
import type { ConnectionsApi } from '../../src/aws/connections-api.js';
import { broadcastToRoom, YOUNG_CONNECTION_MS } from '../../src/services/broadcast.js';
import { memoryLogger, startTestDb, type TestDb } from '../helpers/dynamo.js';

let db: TestDb;
before(async () => (db = await startTestDb()));
after(() => db.close());

/** Like API Gateway: 410 until the connection's upgrade completes at `openAt`, then delivered. */
class OpeningConnectionsApi implements Pick<ConnectionsApi, 'post'> {
  delivered: string[] = [];
  attempts = new Map<string, number>();
  constructor(private readonly openAt: Map<string, number>) {}
  async post(connectionId: string): Promise<void> {
    this.attempts.set(connectionId, (this.attempts.get(connectionId) ?? 0) + 1);
    const at = this.openAt.get(connectionId);
    if (at === undefined || Date.now() < at) throw new StaleConnectionError(connectionId);
    this.delivered.push(connectionId);
  }
}

test('a 410 from a connection still finishing its upgrade does not delete it; the post is retried and delivered', async () => {
  const now = Date.now();
  const put = (connectionId: string, connectedAt: number) =>
    db.connections.put(
      ConnectionsRepository.item({ connectionId, roomId: 'fresh', username: 'u', userId: 'guest:u', connectedAt }),
    );
  await put('opening', now); // $connect done, upgrade finishing in 150 ms
  await put('open', now - 60_000);
  await put('gone', now - YOUNG_CONNECTION_MS - 5_000); // old enough: a 410 means gone
  await put('young-but-dead', now); // young, and never comes up
  const connectionsApi = new OpeningConnectionsApi(
    new Map([
      ['opening', now + 150],
      ['open', 0],
    ]),
  );
  const result = await broadcastToRoom(
    { connections: db.connections, connectionsApi, log: memoryLogger() },
    'fresh',
    'F',
    { concurrency: 10, nowMs: now },
  );
  assert.deepEqual(connectionsApi.delivered.sort(), ['open', 'opening']);
  assert.ok(await db.connections.get('opening'), 'the fresh row is kept');
  assert.equal(await db.connections.get('gone'), undefined, 'the old gone row is deleted');
  assert.equal(connectionsApi.attempts.get('gone'), 1, 'at once');
  assert.equal(
    await db.connections.get('young-but-dead'),
    undefined,
    'a young row still 410 after the retries is deleted',
  );
  assert.equal(connectionsApi.attempts.get('young-but-dead'), 4);
  assert.deepEqual([result.sent, result.gone, result.failed], [2, 2, 0]);
});
