import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AckFrame, HistoryFrame, MessageFrame } from '@chat-room/client-sdk/protocol';
import type { TestClient } from '../helpers/stack.js';
import { useTestStack } from '../helpers/suite.js';

const suite = useTestStack({ env: { RATE_LIMIT_MESSAGES: '1000' } });
const { join } = suite;

test('seed frames: sendMessage broadcasts to the room, getHistory returns it', async () => {
  const alice = await join('alice', 'seed');
  const bob = await join('bob', 'seed');
  alice.send({ action: 'sendMessage', message: 'Hello' });
  const atBob = await bob.next<MessageFrame>((f) => f.type === 'message' && f.message === 'Hello', 'Hello at bob');
  const atAlice = await alice.next<MessageFrame>(
    (f) => f.type === 'message' && f.message === 'Hello',
    'Hello at alice',
  );
  assert.equal(atBob.username, 'alice');
  assert.equal(atBob.roomId, 'seed');
  assert.equal(atAlice.messageId, atBob.messageId);
  assert.ok(!alice.frames.some((f) => f.type === 'ack'), 'no ack without clientMessageId');
  const history = await bob.request<HistoryFrame>({ action: 'getHistory' }, ['history']);
  assert.deepEqual(
    history.messages.map((m) => m.messageId),
    [atBob.messageId],
  );
  assert.equal(history.hasMore, false);
});

test('the default room is lobby; broadcasts stay inside their room', async () => {
  const lobby1 = await join('ana');
  const lobby2 = await join('ben', 'lobby');
  const other = await join('cy', 'elsewhere');
  const ack = await lobby1.request<AckFrame>({ action: 'sendMessage', message: 'lobby only', clientMessageId: 'l-1' }, [
    'ack',
  ]);
  const got = await lobby2.next<MessageFrame>(
    (f) => f.type === 'message' && f.messageId === ack.messageId,
    'lobby message',
  );
  assert.equal(got.roomId, 'lobby');
  // a marker in the other room arrives after anything the lobby send could have produced there
  const marker = await other.request<AckFrame>({ action: 'sendMessage', message: 'marker', clientMessageId: 'm-1' }, [
    'ack',
  ]);
  await other.next((f) => f.type === 'message' && f.messageId === marker.messageId, 'marker');
  assert.ok(!other.messages().some((m) => m.message === 'lobby only'));
  assert.ok(!lobby2.messages().some((m) => m.message === 'marker'));
});

test('ping is answered pong by the gateway', async () => {
  const c = await join('pinger', 'ping-room');
  assert.deepEqual(await c.request({ action: 'ping' }, ['pong']), { type: 'pong' });
});

test('history: order, limit, paging back with the cursor, gap-fill after an id', async () => {
  const writer = await join('writer', 'hist');
  const ids: string[] = [];
  for (let i = 0; i < 12; i++) {
    const ack = await writer.request<AckFrame>({ action: 'sendMessage', message: `n${i}`, clientMessageId: `h-${i}` }, [
      'ack',
    ]);
    ids.push(ack.messageId);
  }
  const reader = await join('reader', 'hist');
  const latest = await reader.request<HistoryFrame>({ action: 'getHistory', limit: 5 }, ['history']);
  assert.deepEqual(
    latest.messages.map((m) => m.message),
    ['n7', 'n8', 'n9', 'n10', 'n11'],
  );
  assert.equal(latest.hasMore, true);
  const collected = [...latest.messages];
  let cursor = latest.cursor;
  while (cursor) {
    const page = await reader.request<HistoryFrame>({ action: 'getHistory', limit: 5, before: cursor }, ['history']);
    collected.unshift(...page.messages);
    cursor = page.hasMore ? page.cursor : undefined;
  }
  assert.deepEqual(
    collected.map((m) => m.messageId),
    ids,
  );
  const gap = await reader.request<HistoryFrame>({ action: 'getHistory', after: ids[8], limit: 2 }, ['history']);
  assert.deepEqual(
    gap.messages.map((m) => m.message),
    ['n9', 'n10'],
  );
  assert.equal(gap.hasMore, true);
  const tail = await reader.request<HistoryFrame>({ action: 'getHistory', after: ids[10] }, ['history']);
  assert.deepEqual(
    tail.messages.map((m) => m.message),
    ['n11'],
  );
  assert.equal(tail.hasMore, false);
});

test('idempotent retry: same clientMessageId → stored and broadcast once, same ack', async () => {
  const sender = await join('retrier', 'idem');
  const peer = await join('peer', 'idem');
  const frame = { action: 'sendMessage', message: 'exactly once', clientMessageId: 'retry-1' };
  const first = await sender.request<AckFrame>(frame, ['ack']);
  const second = await sender.request<AckFrame>(frame, ['ack']);
  assert.deepEqual(second, first);
  const marker = await sender.request<AckFrame>(
    { action: 'sendMessage', message: 'after', clientMessageId: 'retry-2' },
    ['ack'],
  );
  await peer.next((f) => f.type === 'message' && f.messageId === marker.messageId, 'marker at peer');
  assert.equal(peer.messages().filter((m) => m.clientMessageId === 'retry-1').length, 1);
  assert.equal((await suite.db.stored('idem')).filter((m) => m.clientMessageId === 'retry-1').length, 1);
});

test('a burst from two clients: every message stored once with a unique id, even within one millisecond', async () => {
  const a = await join('burst-a', 'burst');
  const b = await join('burst-b', 'burst');
  for (let i = 0; i < 20; i++)
    (i % 2 ? a : b).send({ action: 'sendMessage', message: `b${i}`, clientMessageId: `burst-${i}` });
  const acked = (c: TestClient) => c.frames.filter((f): f is AckFrame => f.type === 'ack');
  await a.next(() => acked(a).length >= 10, '10 acks at a');
  await b.next(() => acked(b).length >= 10, '10 acks at b');
  const acks = [...acked(a), ...acked(b)];
  assert.deepEqual(
    acks.map((f) => f.clientMessageId).sort(),
    Array.from({ length: 20 }, (_, i) => `burst-${i}`).sort(),
  );
  const stored = await suite.db.stored('burst');
  assert.equal(stored.length, 20);
  assert.equal(new Set(stored.map((m) => m.messageId)).size, 20);
  assert.deepEqual(stored.map((m) => m.messageId).sort(), acks.map((f) => f.messageId).sort());
});

test('the example page and the widget script are served on the same port', async () => {
  const page = await fetch(suite.stack.pageUrl);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type') ?? '', /text\/html/);
  const script = await fetch(new URL('/chat-room.js', suite.stack.pageUrl));
  assert.ok(script.status === 200 || script.status === 503, `status ${script.status}`);
  if (script.status === 200) assert.match(script.headers.get('content-type') ?? '', /javascript/);
  else assert.match(await script.text(), /npm run build/);
});
