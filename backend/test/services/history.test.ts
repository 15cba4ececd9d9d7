import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_FRAME_BYTES, utf8ByteLength, validateServerFrame } from '@chat-room/client-sdk/protocol';
import { InvalidRequestError } from '../../src/errors.js';
import { createMessageId } from '../../src/message-id.js';
import { getHistory } from '../../src/services/history.js';
import { startTestDb, type TestDb } from '../helpers/dynamo.js';

let db: TestDb;
before(async () => (db = await startTestDb()));
after(() => db.close());

async function fill(roomId: string, n: number, text = (i: number) => `message ${i}`): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const messageId = createMessageId(1_000_000 + i);
    await db.messages.putMessage({
      messageId,
      roomId,
      username: 'ana',
      userId: 'guest:ana',
      message: text(i),
      timestamp: 1_000_000 + i,
    });
    ids.push(messageId);
  }
  return ids;
}

test('latest page oldest → newest with hasMore and cursor; paging back reaches the start', async () => {
  const ids = await fill('h-page', 7);
  const seen: string[] = [];
  let before: string | undefined;
  for (;;) {
    const { frame } = await getHistory(db.messages, 'h-page', {
      action: 'getHistory',
      limit: 3,
      ...(before ? { before } : {}),
    });
    assert.ok(validateServerFrame(frame).ok);
    seen.unshift(...frame.messages.map((m) => m.messageId));
    if (!frame.hasMore) {
      assert.equal(frame.cursor, undefined);
      break;
    }
    assert.equal(frame.cursor, frame.messages[0]!.messageId);
    before = frame.cursor;
  }
  assert.deepEqual(seen, ids);
});

test('default limit is 50; an empty room is an empty page', async () => {
  await fill('h-default', 55);
  const { frame } = await getHistory(db.messages, 'h-default', { action: 'getHistory' });
  assert.equal(frame.messages.length, 50);
  assert.equal(frame.hasMore, true);
  assert.equal(frame.messages.at(-1)!.message, 'message 54');
  const empty = await getHistory(db.messages, 'h-empty', { action: 'getHistory' });
  assert.deepEqual(empty.frame, { type: 'history', roomId: 'h-empty', messages: [], hasMore: false });
});

test('gap-fill after a message id: oldest first, limit, hasMore', async () => {
  const ids = await fill('h-after', 6);
  const first = await getHistory(db.messages, 'h-after', { action: 'getHistory', after: ids[1]!, limit: 2 });
  assert.deepEqual(
    first.frame.messages.map((m) => m.messageId),
    [ids[2], ids[3]],
  );
  assert.equal(first.frame.hasMore, true);
  const rest = await getHistory(db.messages, 'h-after', { action: 'getHistory', after: ids[3]! });
  assert.deepEqual(
    rest.frame.messages.map((m) => m.messageId),
    [ids[4], ids[5]],
  );
  assert.equal(rest.frame.hasMore, false);
});

test('cursors this server never issued are refused', async () => {
  await assert.rejects(
    getHistory(db.messages, 'h-page', { action: 'getHistory', before: '~idem#zzz' }),
    InvalidRequestError,
  );
  await assert.rejects(getHistory(db.messages, 'h-page', { action: 'getHistory', after: 'abc' }), InvalidRequestError);
});

test('a page that would not fit in one frame is trimmed, and paging still reaches everything', async () => {
  const big = (i: number) => `${i} `.padEnd(2000, '€'); // ~6 KB of UTF-8 each
  const ids = await fill('h-big', 12, big);
  const { frame } = await getHistory(db.messages, 'h-big', { action: 'getHistory', limit: 100 });
  assert.ok(utf8ByteLength(JSON.stringify(frame)) <= MAX_FRAME_BYTES);
  assert.ok(frame.messages.length < 12 && frame.messages.length > 0);
  assert.equal(frame.hasMore, true);
  assert.equal(frame.messages.at(-1)!.messageId, ids[11], 'the newest are kept');
  const gap = await getHistory(db.messages, 'h-big', { action: 'getHistory', after: ids[0]!, limit: 100 });
  assert.ok(utf8ByteLength(JSON.stringify(gap.frame)) <= MAX_FRAME_BYTES);
  assert.equal(gap.frame.messages[0]!.messageId, ids[1], 'gap-fill keeps the oldest');
  assert.equal(gap.frame.hasMore, true);
});
