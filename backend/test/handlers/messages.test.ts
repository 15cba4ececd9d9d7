import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { ERROR_CODES, validateServerFrame, type ServerFrame } from '@chat-room/client-sdk/protocol';
import { fixture } from '../helpers/fixtures.js';
import { handlerEnvironment } from '../helpers/handler-env.js';
import { ConnectionsRepository } from '../../src/repositories/connections.js';

const env = await handlerEnvironment({ RATE_LIMIT_MESSAGES: '5', RATE_LIMIT_WINDOW_MS: '60000' });
after(() => env.close());
const { handler } = await import('../../src/handlers/messages.js');

let n = 0;
async function connection(roomId: string, username = 'alice') {
  const connectionId = `m-conn-${++n}`;
  const identity = { userId: `guest:${username}`, username, roomId };
  await env.db.connections.put(ConnectionsRepository.item({ connectionId, ...identity, connectedAt: Date.now() }));
  return { connectionId, identity };
}

/** The captured MESSAGE event with this connection, authorizer context and body. */
function event(c: { connectionId: string; identity: Record<string, string> }, body: unknown, routeKey = 'sendMessage') {
  const e = fixture('message.json');
  e.requestContext.connectionId = c.connectionId;
  e.requestContext.routeKey = routeKey;
  e.requestContext.authorizer = { principalId: c.identity.userId, integrationLatency: 5, ...c.identity };
  e.body = typeof body === 'string' ? body : JSON.stringify(body);
  return e;
}

async function call(e: Record<string, any>): Promise<ServerFrame | undefined> {
  const out = await handler(e);
  assert.equal(out.statusCode, 200);
  if (out.body === undefined) return undefined;
  const checked = validateServerFrame(JSON.parse(out.body));
  assert.ok(checked.ok, `reply is a valid frame: ${out.body}`);
  return checked.value;
}

const stored = async (roomId: string) => (await env.db.messages.latest(roomId, 100)).items;

test('the seed frame is stored and broadcast, with no reply', async () => {
  const a = await connection('room-seed');
  const b = await connection('room-seed', 'bob');
  assert.equal(await call(event(a, { action: 'sendMessage', message: 'Hello' })), undefined);
  const [item] = await stored('room-seed');
  assert.equal(item?.message, 'Hello');
  for (const id of [a.connectionId, b.connectionId]) {
    const frame = JSON.parse(env.api.posts.get(id)![0]!);
    assert.deepEqual(frame, {
      type: 'message',
      messageId: item!.messageId,
      roomId: 'room-seed',
      username: 'alice',
      userId: 'guest:alice',
      message: 'Hello',
      timestamp: item!.timestamp,
    });
  }
});

test('the sender name and room come from the authorizer context, never from the frame', async () => {
  const a = await connection('room-ctx');
  const reply = await call(
    event(a, { action: 'sendMessage', message: '  hi  ', clientMessageId: 'k1', username: 'admin', roomId: 'other' }),
  );
  assert.equal(reply?.type, 'ack');
  const [item] = await stored('room-ctx');
  assert.deepEqual([item?.username, item?.roomId, item?.message], ['alice', 'room-ctx', 'hi']);
  assert.equal((await stored('other')).length, 0);
});

test('ack carries the clientMessageId, messageId and timestamp; a retry gets the same ack', async () => {
  const a = await connection('room-ack');
  const first = await call(event(a, { action: 'sendMessage', message: 'x', clientMessageId: 'retry-me' }));
  const second = await call(event(a, { action: 'sendMessage', message: 'x', clientMessageId: 'retry-me' }));
  assert.equal(first?.type, 'ack');
  assert.deepEqual(second, first);
  assert.equal((await stored('room-ack')).length, 1);
  assert.equal(env.api.posts.get(a.connectionId)?.length, 1);
});

test('getHistory: seed form and paging', async () => {
  const a = await connection('room-hist');
  for (let i = 0; i < 4; i++) await call(event(a, { action: 'sendMessage', message: `m${i}` }));
  const all = await call(event(a, { action: 'getHistory' }, 'getHistory'));
  assert.equal(all?.type, 'history');
  if (all?.type !== 'history') return;
  assert.deepEqual(
    all.messages.map((m) => m.message),
    ['m0', 'm1', 'm2', 'm3'],
  );
  assert.equal(all.hasMore, false);
  const page = await call(event(a, { action: 'getHistory', limit: 3 }, 'getHistory'));
  assert.ok(page?.type === 'history' && page.hasMore && page.cursor);
  const older = await call(event(a, { action: 'getHistory', before: page.cursor, limit: 3 }, 'getHistory'));
  assert.ok(older?.type === 'history');
  assert.deepEqual(
    older.messages.map((m) => m.message),
    ['m0'],
  );
});

test('every bad frame gets its error code and nothing is stored', async () => {
  const a = await connection('room-bad');
  const cases: [unknown, string, string?][] = [
    ['not json', 'BAD_JSON'],
    ['[1,2]', 'BAD_JSON'],
    ['x'.repeat(40_000), 'PAYLOAD_TOO_LARGE'],
    [{ action: 'dance' }, 'UNKNOWN_ACTION'],
    [{ message: 'no action' }, 'UNKNOWN_ACTION'],
    [{ action: 'sendMessage', message: '', clientMessageId: 'e1' }, 'INVALID_MESSAGE', 'e1'],
    [{ action: 'sendMessage', message: 'bell \u0007', clientMessageId: 'e2' }, 'INVALID_MESSAGE', 'e2'],
    [{ action: 'sendMessage', message: 42 }, 'INVALID_MESSAGE'],
    [{ action: 'sendMessage', message: 'x'.repeat(2001), clientMessageId: 'e3' }, 'MESSAGE_TOO_LONG', 'e3'],
    [{ action: 'sendMessage', message: 'ok', clientMessageId: 'x'.repeat(65) }, 'INVALID_MESSAGE'],
    [{ action: 'getHistory', limit: 101 }, 'INVALID_MESSAGE'],
    [{ action: 'getHistory', before: '~idem#x' }, 'INVALID_MESSAGE'],
    [{ action: 'getHistory', before: 'a', after: 'b' }, 'INVALID_MESSAGE'],
  ];
  const seen = new Set<string>();
  for (const [body, code, clientMessageId] of cases) {
    const reply = await call(event(a, body, '$default'));
    assert.equal(reply?.type, 'error', JSON.stringify(body).slice(0, 50));
    if (reply?.type !== 'error') continue;
    assert.equal(reply.code, code, JSON.stringify(body).slice(0, 50));
    assert.equal(reply.clientMessageId, clientMessageId);
    assert.ok(reply.message.length > 5 && !/\n\s+at /.test(reply.message), 'a reason, never a stack');
    seen.add(code);
  }
  const binary = await call({ ...event(a, 'AAEC'), isBase64Encoded: true });
  assert.ok(binary?.type === 'error' && binary.code === 'BAD_JSON');
  assert.equal((await stored('room-bad')).length, 0);
  assert.equal(env.api.posts.get(a.connectionId), undefined);
  assert.deepEqual([...seen].sort(), ERROR_CODES.filter((c) => !['RATE_LIMITED', 'INTERNAL'].includes(c)).sort());
});

test('RATE_LIMITED past the limit, nothing stored', async () => {
  const a = await connection('room-rate');
  for (let i = 0; i < 5; i++)
    assert.equal(
      (await call(event(a, { action: 'sendMessage', message: `ok ${i}`, clientMessageId: `r${i}` })))?.type,
      'ack',
    );
  const reply = await call(event(a, { action: 'sendMessage', message: 'too many', clientMessageId: 'r5' }));
  assert.ok(reply?.type === 'error' && reply.code === 'RATE_LIMITED' && reply.clientMessageId === 'r5');
  assert.equal((await stored('room-rate')).length, 5);
});

test('INTERNAL when the connection has no identity or no stored item', async () => {
  const a = await connection('room-internal');
  const noContext = event(a, { action: 'sendMessage', message: 'x', clientMessageId: 'i1' });
  delete noContext.requestContext.authorizer;
  const reply = await call(noContext);
  assert.ok(reply?.type === 'error' && reply.code === 'INTERNAL' && reply.clientMessageId === 'i1');
  const ghost = {
    connectionId: 'never-connected',
    identity: { userId: 'guest:g', username: 'g', roomId: 'room-internal' },
  };
  const ghostReply = await call(event(ghost, { action: 'sendMessage', message: 'x' }));
  assert.ok(ghostReply?.type === 'error' && ghostReply.code === 'INTERNAL');
  assert.equal((await stored('room-internal')).length, 0);
});

test('a gone recipient is removed, the others still receive', async () => {
  const a = await connection('room-gone');
  const b = await connection('room-gone', 'bob');
  env.api.gone.add(b.connectionId);
  await call(event(a, { action: 'sendMessage', message: 'anyone?' }));
  assert.equal(env.api.posts.get(a.connectionId)?.length, 1);
  assert.equal(await env.db.connections.get(b.connectionId), undefined);
  assert.ok(await env.db.connections.get(a.connectionId));
});
