import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatOutboxFullError, ChatServerError, ChatValidationError, type OutboxEntry } from '../src/index.js';
import { FakeWebSocket, harness, msg, settle } from './fakes.js';

test('invalid text is rejected with ChatValidationError and nothing is queued', async () => {
  const h = harness();
  await assert.rejects(
    h.client.send('   \r\n '),
    (e: unknown) => e instanceof ChatValidationError && e.code === 'INVALID_MESSAGE',
  );
  await assert.rejects(h.client.send('x'.repeat(2001)), { name: 'ChatValidationError', code: 'MESSAGE_TOO_LONG' });
  await assert.rejects(h.client.send('bell\u0007'), { name: 'ChatValidationError' });
  await assert.rejects(h.client.send(42 as unknown as string), { name: 'ChatValidationError' });
  assert.equal(h.client.outbox.length, 0);
});

test('send while offline queues; flushed exactly once on connect, after the history request; ack resolves', async () => {
  const h = harness();
  const first = h.client.send('  hello\r\nworld  ');
  const second = h.client.send('two');
  assert.deepEqual(
    h.client.outbox.map((e) => [e.message, e.status]),
    [
      ['hello\nworld', 'queued'],
      ['two', 'queued'],
    ],
  );
  h.client.connect();
  await settle();
  const ws = FakeWebSocket.last;
  ws.open();
  const frames = ws.frames;
  assert.equal(frames[0]!.action, 'getHistory', 'history is requested first');
  const sends = ws.framesOf('sendMessage');
  assert.equal(sends.length, 2);
  assert.equal(sends[0]!.message, 'hello\nworld');
  assert.match(String(sends[0]!.clientMessageId), /^[\x21-\x7e]{1,64}$/);
  assert.deepEqual(
    h.client.outbox.map((e) => e.status),
    ['sending', 'sending'],
  );
  ws.receive({ type: 'ack', clientMessageId: String(sends[0]!.clientMessageId), messageId: 'm000100', timestamp: 5 });
  const message = await first;
  assert.deepEqual(message, {
    clientMessageId: sends[0]!.clientMessageId,
    messageId: 'm000100',
    timestamp: 5,
    roomId: 'lobby',
    username: 'alice',
    message: 'hello\nworld',
  });
  assert.deepEqual(
    h.client.messages.map((m) => m.messageId),
    ['m000100'],
  );
  assert.equal(h.client.outbox.length, 1);
  // the broadcast of the same message comes later: no duplicate
  ws.receive({
    type: 'message',
    ...msg(100, { username: 'alice', message: 'hello\nworld', clientMessageId: String(sends[0]!.clientMessageId) }),
  });
  assert.equal(h.client.messages.length, 1);
  // a broadcast arriving before the ack resolves the send too
  ws.receive({
    type: 'message',
    ...msg(101, { username: 'alice', message: 'two', clientMessageId: String(sends[1]!.clientMessageId) }),
  });
  assert.equal((await second).messageId, 'm000101');
  ws.receive({ type: 'ack', clientMessageId: String(sends[1]!.clientMessageId), messageId: 'm000101', timestamp: 6 });
  assert.equal(h.client.messages.length, 2);
  assert.equal(h.client.outbox.length, 0);
  ws.drop();
  await h.clock.tick(3000);
  FakeWebSocket.last.open();
  assert.equal(FakeWebSocket.last.framesOf('sendMessage').length, 0, 'acknowledged messages are never sent again');
  assert.ok(h.events.some(([t]) => t === 'ack'));
  assert.ok(h.events.some(([t]) => t === 'outboxchange'));
});

test('sent but unacked when the socket drops: re-sent with the same clientMessageId, never duplicated', async () => {
  const h = harness();
  h.client.connect();
  const ws = await h.open();
  const pending = h.client.send('are you there?');
  const [sent] = ws.framesOf('sendMessage');
  ws.drop();
  assert.equal(h.client.outbox[0]!.status, 'sending');
  await h.clock.tick(3000);
  const ws2 = FakeWebSocket.last;
  ws2.open();
  const [resent] = ws2.framesOf('sendMessage');
  assert.equal(resent!.clientMessageId, sent!.clientMessageId);
  assert.equal(ws2.framesOf('sendMessage').length, 1);
  ws2.receive({
    type: 'history',
    roomId: 'lobby',
    messages: [
      msg(7, { clientMessageId: String(sent!.clientMessageId), username: 'alice', message: 'are you there?' }),
    ],
    hasMore: false,
  });
  ws2.receive({ type: 'ack', clientMessageId: String(sent!.clientMessageId), messageId: 'm000007', timestamp: 9 });
  assert.equal((await pending).messageId, 'm000007');
  assert.deepEqual(
    h.client.messages.map((m) => m.messageId),
    ['m000007'],
  );
});

test('a server error frame rejects with ChatServerError; RATE_LIMITED marks the entry failed; retry and discard', async () => {
  const h = harness();
  h.client.connect();
  const ws = await h.open();
  const p = h.client.send('spam');
  const id = String(ws.framesOf('sendMessage')[0]!.clientMessageId);
  ws.receive({ type: 'error', code: 'RATE_LIMITED', message: 'slow down', clientMessageId: id });
  await assert.rejects(
    p,
    (e: unknown) =>
      e instanceof ChatServerError &&
      e.code === 'RATE_LIMITED' &&
      e.message === 'slow down' &&
      e.clientMessageId === id,
  );
  const entry = h.client.outbox[0] as OutboxEntry;
  assert.equal(entry.status, 'failed');
  assert.equal(entry.error?.code, 'RATE_LIMITED');
  await h.clock.tick(60_000);
  FakeWebSocket.last.drop();
  await h.clock.tick(3000);
  const ws2 = await h.open();
  assert.equal(ws2.framesOf('sendMessage').length, 0, 'failed entries wait for retry()');
  const retried = h.client.retry(id);
  assert.equal(ws2.framesOf('sendMessage')[0]!.clientMessageId, id, 'retry keeps the clientMessageId');
  ws2.receive({ type: 'ack', clientMessageId: id, messageId: 'm000001', timestamp: 1 });
  assert.equal((await retried).message, 'spam');
  const q = h.client.send('oops');
  h.client.discard(h.client.outbox[0]!.clientMessageId);
  await assert.rejects(q, { name: 'ChatError', code: 'DISCARDED' });
  assert.equal(h.client.outbox.length, 0);
  await assert.rejects(h.client.retry('nope'), { code: 'NOT_FOUND' });
});

test('the outbox is bounded: with every entry unsent, send() rejects with ChatOutboxFullError', async () => {
  const h = harness({ outboxLimit: 3 });
  const kept = [h.client.send('1'), h.client.send('2'), h.client.send('3')];
  await assert.rejects(
    h.client.send('4'),
    (e: unknown) => e instanceof ChatOutboxFullError && e.code === 'OUTBOX_FULL',
  );
  assert.equal(h.client.outbox.length, 3);
  h.client.disconnect();
  for (const p of kept) await assert.rejects(p, { name: 'ChatDisconnectedError', code: 'CLIENT_CLOSED' });
  assert.equal(h.client.outbox.length, 0, 'disconnect() clears the outbox');
});

test('failed entries never block sending: when the outbox is full the oldest failed one makes room', async () => {
  const h = harness({ outboxLimit: 3 });
  h.client.connect();
  const ws = await h.open();
  const sends = ['a', 'b', 'c'].map((text) => h.client.send(text));
  const ids = ws.framesOf('sendMessage').map((f) => String(f.clientMessageId));
  for (const id of ids) ws.receive({ type: 'error', code: 'RATE_LIMITED', message: 'slow down', clientMessageId: id });
  for (const p of sends) await assert.rejects(p, { name: 'ChatServerError', code: 'RATE_LIMITED' });
  assert.deepEqual(
    h.client.outbox.map((e) => e.status),
    ['failed', 'failed', 'failed'],
  );
  const changes: number[] = [];
  h.client.addEventListener('outboxchange', (e) => changes.push(e.detail.length));
  const next = h.client.send('d');
  assert.deepEqual(
    h.client.outbox.map((e) => e.message),
    ['b', 'c', 'd'],
    'the oldest failed entry was dropped',
  );
  assert.deepEqual(changes, [3]);
  await assert.rejects(h.client.retry(ids[0]!), { code: 'NOT_FOUND' });
  const sent = ws.framesOf('sendMessage').at(-1)!;
  assert.equal(sent.message, 'd');
  ws.receive({ type: 'ack', clientMessageId: sent.clientMessageId, messageId: 'm000009', timestamp: 9 });
  assert.equal((await next).message, 'd');
  assert.deepEqual(
    h.client.outbox.map((e) => e.message),
    ['b', 'c'],
    'failed entries stay for retry() until room is needed',
  );
});

test('giving up rejects pending sends with ChatDisconnectedError/GAVE_UP and keeps them as failed', async () => {
  const h = harness({ maxReconnectAttempts: 1 });
  const p = h.client.send('later');
  h.client.connect();
  await settle();
  FakeWebSocket.last.drop();
  await h.clock.tick(3000);
  FakeWebSocket.last.drop();
  await assert.rejects(p, { name: 'ChatDisconnectedError', code: 'GAVE_UP' });
  assert.equal(h.client.outbox[0]!.status, 'failed');
});

test('each queued message is flushed exactly once even across several reconnects before the ack', async () => {
  const h = harness();
  const p = h.client.send('once');
  h.client.connect();
  const ws = await h.open();
  const id = ws.framesOf('sendMessage')[0]!.clientMessageId;
  ws.drop();
  await h.clock.tick(3000);
  const ws2 = await h.open();
  assert.equal(ws2.framesOf('sendMessage').length, 1);
  assert.equal(ws2.framesOf('sendMessage')[0]!.clientMessageId, id);
  ws2.receive({ type: 'ack', clientMessageId: String(id), messageId: 'm000009', timestamp: 1 });
  await p;
  assert.equal(h.client.messages.length, 1);
});
