import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AckFrame, ErrorFrame } from '@chat-room/client-sdk/protocol';
import { ConnectionsRepository } from '../../src/repositories/connections.js';
import { eventually } from '../helpers/stack.js';
import { useTestStack } from '../helpers/suite.js';

const suite = useTestStack({ env: { RATE_LIMIT_MESSAGES: '3', RATE_LIMIT_WINDOW_MS: '60000' } });
const { join } = suite;

test('error frames: BAD_JSON, UNKNOWN_ACTION, INVALID_MESSAGE, MESSAGE_TOO_LONG; nothing stored', async () => {
  const c = await join('erin', 'errors');
  const error = (frame: unknown) => c.request<ErrorFrame>(frame, ['error']);
  assert.equal((await error('{not json')).code, 'BAD_JSON');
  assert.equal((await error('"a string"')).code, 'BAD_JSON');
  assert.equal((await error({ action: 'shout', message: 'hi' })).code, 'UNKNOWN_ACTION');
  const invalid = await error({ action: 'sendMessage', message: '   ', clientMessageId: 'bad-1' });
  assert.deepEqual([invalid.code, invalid.clientMessageId], ['INVALID_MESSAGE', 'bad-1']);
  assert.match(invalid.message, /empty/);
  const long = await error({ action: 'sendMessage', message: 'y'.repeat(2001), clientMessageId: 'bad-2' });
  assert.deepEqual([long.code, long.clientMessageId], ['MESSAGE_TOO_LONG', 'bad-2']);
  assert.match(long.message, /2001.*2000/);
  assert.equal((await error({ action: 'getHistory', limit: 0 })).code, 'INVALID_MESSAGE');
  // PAYLOAD_TOO_LARGE (a message over 32 KB): the local gateway closes such a message with 1009 before
  // any handler runs (see test/gateway); the handler's reply to one is tested in test/handlers.
  assert.equal((await suite.db.stored('errors')).length, 0);
});

test('RATE_LIMITED over the limit, nothing stored; other connections are not limited', async () => {
  const c = await join('rachel', 'rate');
  for (let i = 0; i < 3; i++)
    await c.request<AckFrame>({ action: 'sendMessage', message: `ok ${i}`, clientMessageId: `rate-${i}` }, ['ack']);
  const limited = await c.request<ErrorFrame>(
    { action: 'sendMessage', message: 'one too many', clientMessageId: 'rate-3' },
    ['error'],
  );
  assert.deepEqual([limited.code, limited.clientMessageId], ['RATE_LIMITED', 'rate-3']);
  assert.equal((await suite.db.stored('rate')).length, 3);
  const other = await join('rachel', 'rate');
  assert.equal(
    (
      await other.request({ action: 'sendMessage', message: 'fresh connection', clientMessageId: 'rate-x' }, [
        'ack',
        'error',
      ])
    ).type,
    'ack',
  );
});

test('INTERNAL when the connection is no longer registered, nothing stored', async () => {
  const c = await join('ivan', 'internal');
  const id = (await suite.db.connections.queryRoom('internal')).connections[0]!.connectionId;
  await suite.db.connections.delete(id);
  const reply = await c.request<ErrorFrame>({ action: 'sendMessage', message: 'lost', clientMessageId: 'int-1' }, [
    'error',
  ]);
  assert.deepEqual([reply.code, reply.clientMessageId], ['INTERNAL', 'int-1']);
  assert.match(reply.message, /reconnect/);
  assert.equal((await suite.db.stored('internal')).length, 0);
});

test('a connection gone without $disconnect is removed by the next broadcast; the others still receive', async () => {
  const alive = await join('alive', 'stale');
  // A row whose socket is gone at the gateway (its $disconnect never ran), as API Gateway can leave behind.
  await suite.db.connections.put(
    ConnectionsRepository.item({
      connectionId: 'Zm9yZ290dGVuPQ=',
      roomId: 'stale',
      username: 'ghost',
      userId: 'guest:ghost',
      connectedAt: Date.now(),
    }),
  );
  const listener = await join('listener', 'stale');
  const ack = await alive.request<AckFrame>({ action: 'sendMessage', message: 'still here', clientMessageId: 'st-1' }, [
    'ack',
  ]);
  await listener.next((f) => f.type === 'message' && f.messageId === ack.messageId, 'message at listener');
  await eventually(async () => (await suite.db.connections.get('Zm9yZ290dGVuPQ=')) === undefined, 'stale row deleted');
  const room = await suite.db.connections.queryRoom('stale');
  assert.equal(room.connections.length, 2);
});

test('a client that vanished: its row is removed on its $disconnect or, failing that, by the next broadcast', async () => {
  const sender = await join('sender', 'vanish');
  const gone = await join('gone', 'vanish');
  const before = await suite.db.connections.queryRoom('vanish');
  assert.equal(before.connections.length, 2);
  gone.ws.terminate(); // no close frame: the gateway sees the TCP connection drop
  await sender.request<AckFrame>({ action: 'sendMessage', message: 'anyone?', clientMessageId: 'v-1' }, ['ack']);
  await eventually(
    async () => (await suite.db.connections.queryRoom('vanish')).connections.length === 1,
    'only the sender remains',
  );
});
