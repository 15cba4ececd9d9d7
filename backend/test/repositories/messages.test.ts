import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { DuplicateError } from '../../src/errors.js';
import { createMessageId } from '../../src/message-id.js';
import type { StoredMessage } from '../../src/repositories/messages.js';
import { startTestDb, type TestDb } from '../helpers/dynamo.js';

let db: TestDb;
before(async () => (db = await startTestDb()));
after(() => db.close());

const msg = (roomId: string, ts: number, text = `m${ts}`): StoredMessage => ({
  messageId: createMessageId(ts),
  roomId,
  username: 'ana',
  userId: 'guest:ana',
  message: text,
  timestamp: ts,
});

test('putMessage refuses the same messageId twice', async () => {
  const m = msg('r-dup', 1);
  await db.messages.putMessage(m);
  await assert.rejects(db.messages.putMessage({ ...m, message: 'other' }), DuplicateError);
});

test('claim is conditional and the record reads back', async () => {
  const record = {
    roomId: 'r-claim',
    userId: 'u#1',
    clientMessageId: 'c-1',
    targetMessageId: createMessageId(5),
    timestamp: 5,
    username: 'ana',
    message: 'hi',
  };
  await db.messages.claim(record, 5);
  await assert.rejects(db.messages.claim({ ...record, targetMessageId: createMessageId(6) }, 6), DuplicateError);
  assert.deepEqual(await db.messages.getClaim('r-claim', 'u#1', 'c-1'), record);
  await db.messages.markBroadcast('r-claim', 'u#1', 'c-1', 7);
  assert.equal((await db.messages.getClaim('r-claim', 'u#1', 'c-1'))?.broadcastAt, 7);
  assert.equal(await db.messages.getClaim('r-claim', 'u#2', 'c-1'), undefined);
  // other users may use the same clientMessageId
  await db.messages.claim({ ...record, userId: 'u#2' }, 5);
});

test('history queries never see idempotency records or other rooms', async () => {
  const room = 'r-hist';
  const stored = [];
  for (let i = 0; i < 5; i++) {
    const m = msg(room, 1000 + i);
    await db.messages.putMessage(m);
    stored.push(m);
  }
  await db.messages.claim(
    {
      roomId: room,
      userId: 'guest:ana',
      clientMessageId: 'zz',
      targetMessageId: stored[4]!.messageId,
      timestamp: 1,
      username: 'ana',
      message: 'x',
    },
    1,
  );
  await db.messages.putMessage(msg('r-hist-other', 1002));
  // an item with a key above every message id (no message may start with a non-digit)
  await db.doc.send(
    new PutCommand({ TableName: db.dynamo.tableNames.messages, Item: { roomId: room, messageId: 'zzz' } }),
  );

  const latest = await db.messages.latest(room, 10);
  assert.deepEqual(
    latest.items.map((m) => m.messageId),
    stored.map((m) => m.messageId).reverse(),
  );
  assert.equal(latest.hasMore, false);

  const page = await db.messages.latest(room, 2);
  assert.deepEqual(
    page.items.map((m) => m.timestamp),
    [1004, 1003],
  );
  assert.equal(page.hasMore, true);
  const older = await db.messages.latest(room, 2, page.items[1]!.messageId);
  assert.deepEqual(
    older.items.map((m) => m.timestamp),
    [1002, 1001],
  );
  const oldest = await db.messages.latest(room, 2, older.items[1]!.messageId);
  assert.deepEqual(
    oldest.items.map((m) => m.timestamp),
    [1000],
  );
  assert.equal(oldest.hasMore, false);

  const gap = await db.messages.after(room, stored[1]!.messageId, 2);
  assert.deepEqual(
    gap.items.map((m) => m.timestamp),
    [1002, 1003],
  );
  assert.equal(gap.hasMore, true);
  const rest = await db.messages.after(room, stored[3]!.messageId, 10);
  assert.deepEqual(
    rest.items.map((m) => m.timestamp),
    [1004],
  );
  assert.equal(rest.hasMore, false);
  assert.ok(latest.readCapacityUnits > 0);
});
