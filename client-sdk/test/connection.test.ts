// Connecting, the states and their details, the reconnect schedule and giving up, options, heartbeat, disconnect().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatClient, ChatError, DisconnectCode } from '../src/index.js';
import { FakeWebSocket, harness, settle, stateChanges } from './fakes.js';

test('connect URL carries room and username, URL-encoded, keeping existing query parameters', async () => {
  const h = harness({ url: 'wss://chat.example/prod?x=1', room: 'dev.room', username: 'Zoë Ö' });
  h.client.connect();
  await settle();
  assert.equal(FakeWebSocket.last.url, 'wss://chat.example/prod?x=1&room=dev.room&username=Zo%C3%AB%20%C3%96');
  const t = harness({ token: 'a.b+c/d', username: undefined });
  t.client.connect();
  await settle();
  assert.equal(FakeWebSocket.last.url, 'wss://chat.example/prod?room=lobby&token=a.b%2Bc%2Fd');
  assert.equal(h.client.userId, undefined, 'guests have no userId on the client (compare usernames)');
});

test('idle → connecting → connected, with previous state and attempt in each statechange', async () => {
  const h = harness();
  assert.equal(h.client.state, 'idle');
  h.client.connect();
  await h.open();
  assert.equal(h.client.state, 'connected');
  assert.deepEqual(
    stateChanges(h).map(({ state, previous, attempt }) => ({ state, previous, attempt })),
    [
      { state: 'connecting', previous: 'idle', attempt: 0 },
      { state: 'connected', previous: 'connecting', attempt: 0 },
    ],
  );
  h.client.connect(); // no-op while connected
  assert.equal(FakeWebSocket.instances.length, 1);
});

test('a drop schedules retries on the exact seed schedule, then gives up after 5 → disconnected/GAVE_UP', async () => {
  const h = harness();
  h.client.connect();
  const ws = await h.open();
  ws.drop(1006);
  const seen: number[] = [];
  for (let i = 0; i < 5; i++) {
    const detail = stateChanges(h).at(-1)!;
    assert.equal(detail.state, 'reconnecting');
    assert.equal(detail.code, DisconnectCode.NETWORK);
    assert.equal(detail.attempt, i + 1);
    seen.push(detail.retryAt! - h.clock.now());
    const before = FakeWebSocket.instances.length;
    await h.clock.tick(detail.retryAt! - h.clock.now() - 1);
    assert.equal(FakeWebSocket.instances.length, before, 'no attempt before retryAt');
    await h.clock.tick(1);
    assert.equal(FakeWebSocket.instances.length, before + 1, 'attempt at retryAt');
    assert.equal(h.client.state, 'reconnecting');
    FakeWebSocket.last.drop(1006); // the attempt fails before open
    await settle();
  }
  assert.deepEqual(seen, [3000, 6000, 12000, 24000, 48000]);
  const last = stateChanges(h).at(-1)!;
  assert.equal(last.state, 'disconnected');
  assert.equal(last.code, DisconnectCode.GAVE_UP);
  const count = FakeWebSocket.instances.length;
  await h.clock.tick(10 * 60_000);
  assert.equal(FakeWebSocket.instances.length, count, 'no more attempts after giving up');
  h.client.reconnect();
  await settle();
  assert.equal(FakeWebSocket.instances.length, count + 1);
  assert.equal(stateChanges(h).at(-1)!.attempt, 0, 'reconnect() resets the attempt counter');
  FakeWebSocket.last.drop(1006);
  assert.equal(stateChanges(h).at(-1)!.retryAt! - h.clock.now(), 3000);
});

test('the attempt counter resets only after the socket stayed up minUptime', async () => {
  const h = harness({ minUptime: 10_000 });
  h.client.connect();
  let ws = await h.open();
  ws.drop();
  await h.clock.tick(3000);
  ws = await h.open(); // up again, but only briefly
  await h.clock.tick(9_999);
  ws.drop();
  assert.equal(stateChanges(h).at(-1)!.attempt, 2, 'short uptime: the counter keeps growing');
  assert.equal(stateChanges(h).at(-1)!.retryAt! - h.clock.now(), 6000);
  await h.clock.tick(6000);
  ws = await h.open();
  await h.clock.tick(10_000);
  ws.drop();
  assert.equal(stateChanges(h).at(-1)!.attempt, 1, 'after minUptime the counter starts again');
  assert.equal(stateChanges(h).at(-1)!.retryAt! - h.clock.now(), 3000);
});

test('no WebSocket on the platform: a clear error at construction', () => {
  const saved = (globalThis as { WebSocket?: unknown }).WebSocket;
  delete (globalThis as { WebSocket?: unknown }).WebSocket;
  try {
    assert.throws(
      () => new ChatClient({ url: 'wss://x' }),
      (e: unknown) => e instanceof ChatError && /options\.WebSocket/.test(e.message),
    );
  } finally {
    if (saved) (globalThis as { WebSocket?: unknown }).WebSocket = saved;
  }
});

test('bad options are refused with ChatValidationError; no identity → error/INVALID_OPTIONS', async () => {
  assert.throws(() => harness({ room: 'no spaces' }), { name: 'ChatValidationError' });
  assert.throws(() => harness({ username: ' lead' }), { name: 'ChatValidationError' });
  assert.throws(() => harness({ historyLimit: 101 }), { name: 'ChatValidationError' });
  const h = harness({ username: undefined });
  h.client.connect();
  await settle();
  assert.equal(h.client.state, 'error');
  assert.equal(stateChanges(h).at(-1)!.code, DisconnectCode.INVALID_OPTIONS);
  assert.equal(FakeWebSocket.instances.length, 0);
});

test('heartbeat: a ping every heartbeatInterval while connected; pong frames are accepted', async () => {
  const warn = console.warn;
  const warnings: unknown[] = [];
  console.warn = (...args: unknown[]) => warnings.push(args);
  try {
    const h = harness({ heartbeatInterval: 1000 });
    h.client.connect();
    const ws = await h.open();
    await h.clock.tick(999);
    assert.equal(ws.framesOf('ping').length, 0);
    await h.clock.tick(1);
    assert.equal(ws.framesOf('ping').length, 1);
    ws.receive({ type: 'pong' });
    await h.clock.tick(3000);
    assert.equal(ws.framesOf('ping').length, 4);
    assert.deepEqual(warnings, []);
    h.client.disconnect();
    await h.clock.tick(5000);
    assert.equal(ws.framesOf('ping').length, 4, 'no pings after disconnect()');
  } finally {
    console.warn = warn;
  }
});

test('disconnect() stops for good with CLIENT_CLOSED; connect() starts again', async () => {
  const h = harness();
  h.client.connect();
  const ws = await h.open();
  h.client.disconnect();
  assert.equal(ws.closedWith?.code, 1000);
  assert.equal(h.client.state, 'disconnected');
  assert.equal(stateChanges(h).at(-1)!.code, DisconnectCode.CLIENT_CLOSED);
  await h.clock.tick(60 * 60_000);
  assert.equal(FakeWebSocket.instances.length, 1);
  assert.equal(h.env.listeners.size, 0, 'environment listeners removed');
  h.client.connect();
  await settle();
  assert.equal(FakeWebSocket.instances.length, 2);
  assert.equal(h.client.state, 'connecting');
});
