import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HistoryDetail } from '../src/index.js';
import { FakeWebSocket, harness, msg, settle } from './fakes.js';

const ids = (list: readonly { messageId: string }[]) => list.map((m) => m.messageId);

test('first open asks for the latest historyLimit messages; messages are time-ordered', async () => {
  const h = harness({ historyLimit: 20 });
  h.client.connect();
  await settle();
  const ws = FakeWebSocket.last;
  ws.open();
  assert.deepEqual(ws.framesOf('getHistory'), [{ action: 'getHistory', limit: 20 }]);
  ws.receive({ type: 'history', roomId: 'lobby', messages: [msg(1), msg(2), msg(3)], hasMore: true, cursor: 'CUR1' });
  assert.deepEqual(ids(h.client.messages), ['m000001', 'm000002', 'm000003']);
  assert.equal(h.client.hasMoreHistory, true);
  const detail = h.events.find(([t]) => t === 'history')![1] as HistoryDetail;
  assert.equal(detail.kind, 'latest');
  assert.equal(detail.hasMore, true);
});

test('de-duplicated by messageId across live frames, history pages and gap-fills', async () => {
  const h = harness();
  h.client.connect();
  await settle();
  const ws = FakeWebSocket.last;
  ws.open();
  ws.receive({ type: 'message', ...msg(3) }); // live frame arrives before the history reply
  ws.receive({ type: 'history', roomId: 'lobby', messages: [msg(1), msg(2), msg(3)], hasMore: false });
  ws.receive({ type: 'message', ...msg(3) });
  ws.receive({ type: 'message', ...msg(4) });
  assert.deepEqual(ids(h.client.messages), ['m000001', 'm000002', 'm000003', 'm000004']);
  const live = h.events.filter(([t]) => t === 'message').map(([, d]) => (d as { messageId: string }).messageId);
  assert.deepEqual(live, ['m000003', 'm000004'], "'message' fires once per new message");
  ws.drop();
  await h.clock.tick(3000);
  const ws2 = FakeWebSocket.last;
  ws2.open();
  ws2.receive({ type: 'message', ...msg(6) });
  ws2.receive({ type: 'history', roomId: 'lobby', messages: [msg(4), msg(5), msg(6)], hasMore: false });
  assert.deepEqual(ids(h.client.messages), ['m000001', 'm000002', 'm000003', 'm000004', 'm000005', 'm000006']);
});

test('reconnect gap-fills with after=newest (gapOverlap 0), repeating while hasMore, one request in flight', async () => {
  const h = harness({ gapOverlap: 0 });
  h.client.connect();
  const ws = await h.open([msg(1), msg(2)]);
  ws.drop();
  await h.clock.tick(3000);
  const ws2 = FakeWebSocket.last;
  ws2.open();
  assert.deepEqual(ws2.framesOf('getHistory'), [{ action: 'getHistory', after: 'm000002', limit: 100 }]);
  ws2.receive({ type: 'history', roomId: 'lobby', messages: [msg(3), msg(4)], hasMore: true });
  assert.deepEqual(ws2.framesOf('getHistory').at(-1), { action: 'getHistory', after: 'm000004', limit: 100 });
  ws2.receive({ type: 'history', roomId: 'lobby', messages: [msg(5)], hasMore: false });
  assert.equal(ws2.framesOf('getHistory').length, 2, 'stops when hasMore is false');
  assert.deepEqual(ids(h.client.messages), ['m000001', 'm000002', 'm000003', 'm000004', 'm000005']);
  const kinds = h.events.filter(([t]) => t === 'history').map(([, d]) => (d as HistoryDetail).kind);
  assert.deepEqual(kinds, ['latest', 'gap', 'gap']);
});

test('gap-fill starts gapOverlap before the newest message, so a message stored late is not missed', async () => {
  const T = 1_700_000_000_000;
  const h = harness();
  h.client.connect();
  const ws = await h.open([
    msg(1, { timestamp: T }),
    msg(2, { timestamp: T + 40_000 }),
    msg(4, { timestamp: T + 60_000 }),
  ]);
  ws.drop();
  await h.clock.tick(3000);
  const ws2 = FakeWebSocket.last;
  ws2.open();
  // The newest message at least 30 s older than the newest (T + 60 s) is m000001 (T).
  assert.deepEqual(ws2.framesOf('getHistory'), [{ action: 'getHistory', after: 'm000001', limit: 100 }]);
  const before = h.events.filter(([t]) => t === 'message').length;
  // m000003 got its id before m000004 but was stored after it: the overlap brings it in.
  const late = msg(3, { timestamp: T + 59_000 });
  ws2.receive({ type: 'history', roomId: 'lobby', messages: [msg(2, { timestamp: T + 40_000 }), late], hasMore: true });
  assert.deepEqual(
    ws2.framesOf('getHistory').at(-1),
    { action: 'getHistory', after: 'm000003', limit: 100 },
    'continues after the page, not after the list',
  );
  ws2.receive({ type: 'history', roomId: 'lobby', messages: [msg(4, { timestamp: T + 60_000 })], hasMore: false });
  assert.deepEqual(ids(h.client.messages), ['m000001', 'm000002', 'm000003', 'm000004']);
  assert.equal(h.events.filter(([t]) => t === 'message').length, before, "history does not fire 'message'");
});

test('when every message is within gapOverlap, the gap-fill takes the latest page, then goes on from the newest', async () => {
  const h = harness();
  h.client.connect();
  const ws = await h.open([msg(1), msg(2)]);
  ws.drop();
  await h.clock.tick(3000);
  const ws2 = FakeWebSocket.last;
  ws2.open();
  assert.deepEqual(ws2.framesOf('getHistory'), [{ action: 'getHistory', limit: 100 }]);
  // The latest page does not reach back to m000002 (more than a page arrived): fill forward from it.
  ws2.receive({ type: 'history', roomId: 'lobby', messages: [msg(200), msg(201)], hasMore: true, cursor: 'C200' });
  assert.deepEqual(ws2.framesOf('getHistory').at(-1), { action: 'getHistory', after: 'm000002', limit: 100 });
  ws2.receive({ type: 'history', roomId: 'lobby', messages: [msg(3), msg(4)], hasMore: false });
  assert.equal(ws2.framesOf('getHistory').length, 2);
  assert.deepEqual(ids(h.client.messages), ['m000001', 'm000002', 'm000003', 'm000004', 'm000200', 'm000201']);
  assert.equal(h.client.hasMoreHistory, false, 'a gap-fill page leaves the loadOlder cursor alone');
});

test('loadOlder pages back with before=cursor and is queued behind the request in flight', async () => {
  const h = harness({ historyLimit: 2 });
  h.client.connect();
  const ws = await h.open([msg(5), msg(6)], true);
  ws.drop();
  await h.clock.tick(3000);
  const ws2 = FakeWebSocket.last;
  ws2.open(); // gap-fill is now in flight
  const older = h.client.loadOlder();
  assert.strictEqual(h.client.loadOlder(), older, 'a second call while one is pending shares it');
  assert.equal(ws2.framesOf('getHistory').length, 1, 'one history request in flight');
  ws2.receive({ type: 'history', roomId: 'lobby', messages: [], hasMore: false });
  assert.deepEqual(ws2.framesOf('getHistory')[1], { action: 'getHistory', before: 'c-m000005', limit: 2 });
  ws2.receive({ type: 'history', roomId: 'lobby', messages: [msg(3), msg(4)], hasMore: true, cursor: 'C3' });
  assert.equal(await older, true);
  assert.deepEqual(ids(h.client.messages), ['m000003', 'm000004', 'm000005', 'm000006']);
  const next = h.client.loadOlder();
  assert.deepEqual(ws2.framesOf('getHistory')[2], { action: 'getHistory', before: 'C3', limit: 2 });
  ws2.receive({ type: 'history', roomId: 'lobby', messages: [msg(2)], hasMore: false });
  assert.equal(await next, true);
  assert.equal(h.client.hasMoreHistory, false);
  assert.equal(await h.client.loadOlder(), false, 'nothing older');
  assert.equal(ws2.framesOf('getHistory').length, 3);
  assert.deepEqual(ids(h.client.messages), ['m000002', 'm000003', 'm000004', 'm000005', 'm000006']);
});

test('a loadOlder request lost with the socket is sent again after the reconnect gap-fill', async () => {
  const h = harness({ gapOverlap: 0 });
  h.client.connect();
  const ws = await h.open([msg(5)], true);
  const older = h.client.loadOlder();
  assert.equal(ws.framesOf('getHistory').length, 2);
  ws.drop();
  await h.clock.tick(3000);
  const ws2 = FakeWebSocket.last;
  ws2.open();
  assert.deepEqual(ws2.framesOf('getHistory'), [{ action: 'getHistory', after: 'm000005', limit: 100 }]);
  ws2.receive({ type: 'history', roomId: 'lobby', messages: [], hasMore: false });
  assert.deepEqual(ws2.framesOf('getHistory')[1], { action: 'getHistory', before: 'c-m000005', limit: 50 });
  ws2.receive({ type: 'history', roomId: 'lobby', messages: [msg(4)], hasMore: false });
  assert.equal(await older, true);
});

test('an error frame without clientMessageId fails the history request in flight (queue does not stall)', async () => {
  const h = harness();
  h.client.connect();
  const ws = await h.open([msg(5)], true);
  const older = h.client.loadOlder();
  ws.receive({ type: 'error', code: 'INTERNAL', message: 'boom' });
  await assert.rejects(older, { name: 'ChatServerError', code: 'INTERNAL' });
  const again = h.client.loadOlder();
  assert.equal(ws.framesOf('getHistory').length, 3);
  ws.receive({ type: 'history', roomId: 'lobby', messages: [msg(4)], hasMore: false });
  assert.equal(await again, true);
});

test('disconnect() rejects a pending loadOlder with ChatDisconnectedError', async () => {
  const h = harness();
  h.client.connect();
  await h.open([msg(5)], true);
  const older = h.client.loadOlder();
  h.client.disconnect();
  await assert.rejects(older, { name: 'ChatDisconnectedError', code: 'CLIENT_CLOSED' });
  assert.equal(h.client.messages.length, 1, 'messages are kept');
});

test('messages inserted out of order end up sorted; appends take the fast path', async () => {
  const h = harness();
  h.client.connect();
  const ws = await h.open([]);
  for (const n of [10, 2, 7, 2, 11, 1, 7, 12]) ws.receive({ type: 'message', ...msg(n) });
  assert.deepEqual(ids(h.client.messages), ['m000001', 'm000002', 'm000007', 'm000010', 'm000011', 'm000012']);
  const list = h.client.messages;
  ws.receive({ type: 'message', ...msg(13) });
  assert.strictEqual(h.client.messages, list, 'a live view, not a copy per read');
  assert.equal(list.length, 7);
});
