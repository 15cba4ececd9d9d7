import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimitedError } from '../../src/errors.js';
import { ConnectionsRepository } from '../../src/repositories/connections.js';
import { MessagesRepository, type StoredMessage } from '../../src/repositories/messages.js';
import type { ConnectionsApi } from '../../src/aws/connections-api.js';
import type { ConnectionIdentity } from '../../src/identity.js';
import { sendMessage, type SendMessageDeps } from '../../src/services/send-message.js';
import { memoryLogger, startTestDb, type TestDb } from '../helpers/dynamo.js';

let db: TestDb;
before(async () => (db = await startTestDb()));
after(() => db.close());

const NOW = 1_800_000_000_000;

class RecordingConnectionsApi implements Pick<ConnectionsApi, 'post'> {
  frames: { connectionId: string; frame: Record<string, unknown> }[] = [];
  async post(connectionId: string, data: string): Promise<void> {
    this.frames.push({ connectionId, frame: JSON.parse(data) as Record<string, unknown> });
  }
}

/** The real repository, with writes that fail on demand (what a DynamoDB outage looks like to the service). */
class FlakyMessages extends MessagesRepository {
  failPut = 0;
  failMark = 0;
  override async putMessage(message: StoredMessage): Promise<void> {
    if (this.failPut > 0) {
      this.failPut--;
      throw Object.assign(new Error('Internal server error'), { name: 'InternalServerError' });
    }
    return super.putMessage(message);
  }
  override async markBroadcast(roomId: string, userId: string, clientMessageId: string, atMs: number): Promise<void> {
    if (this.failMark > 0) {
      this.failMark--;
      throw Object.assign(new Error('Throughput exceeded'), { name: 'ProvisionedThroughputExceededException' });
    }
    return super.markBroadcast(roomId, userId, clientMessageId, atMs);
  }
}

async function setup(roomId: string, limit = 100) {
  const sender: ConnectionIdentity = { connectionId: `${roomId}-sender`, userId: 'guest:ana', username: 'ana', roomId };
  await db.connections.put(ConnectionsRepository.item({ ...sender, connectedAt: NOW }));
  await db.connections.put(
    ConnectionsRepository.item({
      connectionId: `${roomId}-peer`,
      roomId,
      username: 'bo',
      userId: 'guest:bo',
      connectedAt: NOW,
    }),
  );
  const connectionsApi = new RecordingConnectionsApi();
  const messages = new FlakyMessages(db.doc, db.dynamo.tableNames.messages);
  const deps: SendMessageDeps = {
    connections: db.connections,
    messages,
    connectionsApi,
    log: memoryLogger(),
    rateLimit: { limit, windowMs: 10_000 },
    broadcast: { concurrency: 10 },
  };
  const stored = async () => (await db.messages.latest(roomId, 100)).items;
  return { sender, connectionsApi, messages, deps, stored };
}

test('seed form: stored and broadcast to the whole room, sender included', async () => {
  const { sender, connectionsApi, deps, stored } = await setup('s-seed');
  const result = await sendMessage(deps, sender, { action: 'sendMessage', message: 'Hello' }, NOW);
  assert.equal(result.duplicate, false);
  assert.equal(result.broadcast?.sent, 2);
  const [item] = await stored();
  assert.equal(item?.message, 'Hello');
  assert.equal(item?.username, 'ana');
  assert.deepEqual(connectionsApi.frames.map((f) => f.connectionId).sort(), ['s-seed-peer', 's-seed-sender']);
  assert.deepEqual(connectionsApi.frames[0]!.frame, {
    type: 'message',
    messageId: item!.messageId,
    roomId: 's-seed',
    username: 'ana',
    userId: 'guest:ana',
    message: 'Hello',
    timestamp: NOW,
  });
});

test('a retry with the same clientMessageId is stored and broadcast once and gets the original answer', async () => {
  const { sender, connectionsApi, deps, stored } = await setup('s-retry');
  const frame = { action: 'sendMessage' as const, message: 'once', clientMessageId: 'cm-1' };
  const first = await sendMessage(deps, sender, frame, NOW);
  const second = await sendMessage(deps, sender, { ...frame, message: 'changed text' }, NOW + 500);
  assert.equal(second.duplicate, true);
  assert.deepEqual(second.message, first.message);
  assert.equal((await stored()).length, 1);
  assert.equal(connectionsApi.frames.length, 2, 'one broadcast to two connections');
  // another user may reuse the id
  const other = await sendMessage(deps, { ...sender, userId: 'guest:bo', username: 'bo' }, frame, NOW + 600);
  assert.equal(other.duplicate, false);
  assert.notEqual(other.message.messageId, first.message.messageId);
});

test('a write failing after the claim: the retry stores and broadcasts the message once, with the claimed id', async () => {
  const { sender, connectionsApi, messages, deps, stored } = await setup('s-fail');
  messages.failPut = 1;
  const frame = { action: 'sendMessage' as const, message: 'survives', clientMessageId: 'cm-2' };
  await assert.rejects(sendMessage(deps, sender, frame, NOW), /Internal server error/);
  assert.equal((await stored()).length, 0);
  assert.equal(connectionsApi.frames.length, 0);
  const claim = await db.messages.getClaim('s-fail', sender.userId, 'cm-2');
  const retry = await sendMessage(deps, sender, frame, NOW + 1000);
  assert.equal(retry.duplicate, false);
  assert.equal(retry.message.messageId, claim?.targetMessageId);
  assert.equal(retry.message.timestamp, NOW);
  assert.deepEqual(
    (await stored()).map((m) => m.messageId),
    [retry.message.messageId],
  );
  assert.equal(connectionsApi.frames.length, 2);
  const third = await sendMessage(deps, sender, frame, NOW + 2000);
  assert.equal(third.duplicate, true);
  assert.equal(connectionsApi.frames.length, 2);
});

test('a broadcast not confirmed (cut off before marking): the retry re-broadcasts the same messageId, stores nothing new', async () => {
  const { sender, connectionsApi, messages, deps, stored } = await setup('s-cut');
  messages.failMark = 1;
  const frame = { action: 'sendMessage' as const, message: 'maybe seen', clientMessageId: 'cm-3' };
  await assert.rejects(sendMessage(deps, sender, frame, NOW));
  const retry = await sendMessage(deps, sender, frame, NOW + 1);
  assert.equal((await stored()).length, 1);
  const ids = new Set(connectionsApi.frames.map((f) => f.frame.messageId));
  assert.deepEqual([...ids], [retry.message.messageId]);
  assert.equal(
    connectionsApi.frames.length,
    4,
    'at-least-once: same messageId twice per recipient, clients de-duplicate',
  );
  assert.equal((await sendMessage(deps, sender, frame, NOW + 2)).duplicate, true);
});

test('over the rate: RATE_LIMITED and nothing stored or broadcast', async () => {
  const { sender, connectionsApi, deps, stored } = await setup('s-rate', 2);
  await sendMessage(deps, sender, { action: 'sendMessage', message: 'a' }, NOW);
  await sendMessage(deps, sender, { action: 'sendMessage', message: 'b' }, NOW + 1);
  await assert.rejects(
    sendMessage(deps, sender, { action: 'sendMessage', message: 'c', clientMessageId: 'cm-r' }, NOW + 2),
    RateLimitedError,
  );
  assert.deepEqual((await stored()).map((m) => m.message).sort(), ['a', 'b']);
  assert.equal(connectionsApi.frames.length, 4);
  assert.equal(await db.messages.getClaim('s-rate', sender.userId, 'cm-r'), undefined);
});

test('two messages in the same millisecond are both stored, in order', async () => {
  const { sender, deps, stored } = await setup('s-same-ms');
  const [a, b] = await Promise.all([
    sendMessage(deps, sender, { action: 'sendMessage', message: 'first' }, NOW),
    sendMessage(deps, sender, { action: 'sendMessage', message: 'second' }, NOW),
  ]);
  assert.notEqual(a.message.messageId, b.message.messageId);
  const items = await stored();
  assert.equal(items.length, 2);
  assert.ok(items.every((m) => m.timestamp === NOW));
});
