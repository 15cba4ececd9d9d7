import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatAuthError, ChatClient, ChatError, DisconnectCode, type StateChangeDetail } from '../src/index.js';
import { FakeWebSocket, harness, settle } from './fakes.js';

const changes = (h: ReturnType<typeof harness>) =>
  h.events.filter(([t]) => t === 'statechange').map(([, d]) => d as StateChangeDetail);

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
    changes(h).map(({ state, previous, attempt }) => ({ state, previous, attempt })),
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
    const detail = changes(h).at(-1)!;
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
  const last = changes(h).at(-1)!;
  assert.equal(last.state, 'disconnected');
  assert.equal(last.code, DisconnectCode.GAVE_UP);
  const count = FakeWebSocket.instances.length;
  await h.clock.tick(10 * 60_000);
  assert.equal(FakeWebSocket.instances.length, count, 'no more attempts after giving up');
  h.client.reconnect();
  await settle();
  assert.equal(FakeWebSocket.instances.length, count + 1);
  assert.equal(changes(h).at(-1)!.attempt, 0, 'reconnect() resets the attempt counter');
  FakeWebSocket.last.drop(1006);
  assert.equal(changes(h).at(-1)!.retryAt! - h.clock.now(), 3000);
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
  assert.equal(changes(h).at(-1)!.attempt, 2, 'short uptime: the counter keeps growing');
  assert.equal(changes(h).at(-1)!.retryAt! - h.clock.now(), 6000);
  await h.clock.tick(6000);
  ws = await h.open();
  await h.clock.tick(10_000);
  ws.drop();
  assert.equal(changes(h).at(-1)!.attempt, 1, 'after minUptime the counter starts again');
  assert.equal(changes(h).at(-1)!.retryAt! - h.clock.now(), 3000);
});

test('a refused upgrade (ws: "Unexpected server response: 401") ends in error with no retry', async () => {
  const h = harness();
  const errors: unknown[] = [];
  h.client.addEventListener('error', (e) => errors.push(e.detail));
  h.client.connect();
  await settle();
  FakeWebSocket.last.error('Unexpected server response: 401');
  FakeWebSocket.last.emitClose(1006);
  assert.equal(h.client.state, 'error');
  assert.equal(changes(h).at(-1)!.code, DisconnectCode.AUTH_REFUSED);
  assert.ok(errors[0] instanceof ChatAuthError);
  assert.match(String((errors[0] as Error).message), /401/);
  await h.clock.tick(60 * 60_000);
  assert.equal(FakeWebSocket.instances.length, 1, 'no retry loop');
});

for (const code of [4401, 4403]) {
  test(`close ${code} ends in error/AUTH_REFUSED with no retry`, async () => {
    const h = harness();
    h.client.connect();
    await settle();
    FakeWebSocket.last.emitClose(code, 'nope');
    assert.equal(h.client.state, 'error');
    assert.equal(changes(h).at(-1)!.code, 'AUTH_REFUSED');
    await h.clock.tick(60 * 60_000);
    assert.equal(FakeWebSocket.instances.length, 1);
  });
}

test('a 403 refusal is detected too; other ws errors are network failures', async () => {
  const h = harness();
  h.client.connect();
  await settle();
  FakeWebSocket.last.error('Unexpected server response: 403');
  FakeWebSocket.last.emitClose(1006);
  assert.equal(h.client.state, 'error');
  const n = harness();
  n.client.connect();
  await settle();
  FakeWebSocket.last.error('Unexpected server response: 502');
  FakeWebSocket.last.emitClose(1006);
  assert.equal(n.client.state, 'reconnecting');
});

test('the token provider is asked on every connect; its failure ends in error/TOKEN_FAILED', async () => {
  let calls = 0;
  let fail = false;
  const payload = Buffer.from(JSON.stringify({ sub: 'u1', name: 'Ada Ö' })).toString('base64url');
  const h = harness({
    username: undefined,
    token: async () => {
      calls++;
      if (fail) throw new Error('token endpoint down');
      return `h.${payload}.s${calls}`;
    },
  });
  h.client.connect();
  const ws = await h.open();
  assert.equal(calls, 1);
  assert.ok(ws.url.endsWith(`token=h.${payload}.s1`));
  assert.equal(h.client.username, 'Ada Ö', 'display name decoded from the token');
  assert.equal(h.client.userId, 'u1', 'sub decoded from the token: the userId of our messages');
  ws.drop();
  await h.clock.tick(3000);
  assert.equal(calls, 2);
  assert.ok(FakeWebSocket.last.url.endsWith('.s2'), 'a fresh token per connect');
  fail = true;
  FakeWebSocket.last.drop();
  await h.clock.tick(6000);
  assert.equal(h.client.state, 'error');
  assert.equal(changes(h).at(-1)!.code, DisconnectCode.TOKEN_FAILED);
  const count = FakeWebSocket.instances.length;
  await h.clock.tick(60 * 60_000);
  assert.equal(FakeWebSocket.instances.length, count, 'no retry after a token failure');
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
  assert.equal(changes(h).at(-1)!.code, DisconnectCode.INVALID_OPTIONS);
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

test('close 1001 reconnects at once (jitter 0) without spending an attempt', async () => {
  const h = harness();
  h.client.connect();
  const ws = await h.open();
  await h.clock.tick(60_000);
  ws.drop(1001, 'Going away');
  await settle();
  assert.equal(FakeWebSocket.instances.length, 2, 'a new socket at once');
  const detail = changes(h).at(-1)!;
  assert.equal(detail.state, 'reconnecting');
  assert.equal(detail.code, DisconnectCode.SERVER_GOING_AWAY);
  assert.equal(detail.attempt, 0);
  assert.equal(detail.retryAt, undefined);
  await h.open();
  assert.equal(h.client.state, 'connected');
});

test('close 1001 with jitter reconnects within jitter × reconnectInterval, without spending an attempt', async () => {
  const h = harness({ jitter: 0.2, random: () => 0.5 });
  h.client.connect();
  const ws = await h.open();
  await h.clock.tick(60_000);
  ws.drop(1001, 'Going away');
  await settle();
  const detail = changes(h).at(-1)!;
  assert.equal(detail.state, 'reconnecting');
  assert.equal(detail.code, DisconnectCode.SERVER_GOING_AWAY);
  assert.equal(detail.attempt, 0);
  assert.equal(detail.retryAt! - h.clock.now(), 300, '0.2 × 3000 × 0.5');
  await h.clock.tick(299);
  assert.equal(FakeWebSocket.instances.length, 1);
  await h.clock.tick(1);
  assert.equal(FakeWebSocket.instances.length, 2);
  assert.equal(changes(h).at(-1)!.code, DisconnectCode.SERVER_GOING_AWAY);
  await h.open();
  assert.equal(h.client.state, 'connected');
  assert.equal(changes(h).at(-1)!.attempt, 0);
});

test('close 1001 right after opening counts as a failed attempt (no tight loop)', async () => {
  const h = harness();
  h.client.connect();
  const ws = await h.open();
  ws.drop(1001);
  await settle();
  assert.equal(FakeWebSocket.instances.length, 1);
  assert.equal(changes(h).at(-1)!.retryAt! - h.clock.now(), 3000);
});

test('rotation: the socket is replaced before the 2-hour limit, passing through reconnecting/ROTATING', async () => {
  const h = harness({ heartbeatInterval: 10 * 60_000 });
  h.client.connect();
  const ws = await h.open([]);
  await h.clock.tick(2 * 60 * 60_000 - 5 * 60_000 - 1);
  assert.equal(FakeWebSocket.instances.length, 1);
  await h.clock.tick(1);
  assert.equal(FakeWebSocket.instances.length, 2);
  assert.equal(ws.closedWith?.code, 1000, 'old socket closed normally');
  const detail = changes(h).at(-1)!;
  assert.equal(detail.state, 'reconnecting');
  assert.equal(detail.code, DisconnectCode.ROTATING);
  await h.open();
  assert.equal(h.client.state, 'connected');
});

test('offline pauses retries without spending attempts; online retries at once', async () => {
  const h = harness();
  h.client.connect();
  const ws = await h.open();
  h.env.emit('offline');
  assert.equal(h.client.state, 'connected', 'an offline event alone does not drop a working socket');
  ws.drop();
  let detail = changes(h).at(-1)!;
  assert.equal(detail.code, DisconnectCode.OFFLINE);
  assert.equal(detail.attempt, 0);
  await h.clock.tick(10 * 60_000);
  assert.equal(FakeWebSocket.instances.length, 1, 'no attempts while offline');
  h.env.emit('online');
  await settle();
  assert.equal(FakeWebSocket.instances.length, 2, 'online: retry at once');
  FakeWebSocket.last.drop();
  detail = changes(h).at(-1)!;
  assert.equal(detail.code, DisconnectCode.NETWORK);
  h.env.emit('offline'); // while waiting to retry: the timer stops
  assert.equal(changes(h).at(-1)!.code, DisconnectCode.OFFLINE);
  await h.clock.tick(60_000);
  assert.equal(FakeWebSocket.instances.length, 2);
});

test('page visible again retries at once while waiting; hidden changes nothing', async () => {
  const h = harness();
  h.client.connect();
  const ws = await h.open();
  h.env.emit('hidden');
  assert.equal(h.client.state, 'connected');
  ws.drop();
  h.env.emit('hidden');
  assert.equal(FakeWebSocket.instances.length, 1);
  h.env.emit('visible');
  await settle();
  assert.equal(FakeWebSocket.instances.length, 2);
});

test('after giving up, online reconnects with a fresh attempt counter', async () => {
  const h = harness({ maxReconnectAttempts: 1 });
  h.client.connect();
  await settle();
  FakeWebSocket.last.drop();
  await h.clock.tick(3000);
  FakeWebSocket.last.drop();
  assert.equal(h.client.state, 'disconnected');
  h.env.emit('online');
  await settle();
  assert.equal(FakeWebSocket.instances.length, 3);
  assert.equal(changes(h).at(-1)!.attempt, 0);
});

test('setUser closes the old socket first (waits for its close), keeps history, reconnects with the new name', async () => {
  const h = harness({ gapOverlap: 0 });
  h.client.connect();
  const old = await h.open([{ messageId: 'm1', roomId: 'lobby', username: 'bob', message: 'hi', timestamp: 1 }]);
  old.holdClose = true;
  const done = h.client.setUser({ username: 'carol' });
  await settle();
  assert.equal(old.closedWith?.code, 1000);
  assert.equal(FakeWebSocket.instances.length, 1, 'no new socket before the old one closed');
  old.emitClose(1000);
  await done;
  await settle();
  assert.equal(FakeWebSocket.instances.length, 2);
  assert.ok(FakeWebSocket.last.url.endsWith('username=carol'));
  assert.equal(h.client.username, 'carol');
  assert.equal(h.client.messages.length, 1, 'history kept');
  assert.equal(changes(h).at(-1)!.code, DisconnectCode.USER_CHANGED);
  const ws = await h.open();
  assert.deepEqual(
    ws.framesOf('getHistory'),
    [{ action: 'getHistory', after: 'm1', limit: 100 }],
    'gap-fill, not a reload',
  );
  await assert.rejects(h.client.setUser({ username: '' }), { name: 'ChatValidationError' });
});

test('setUser with a token from the error state connects again', async () => {
  const h = harness();
  h.client.connect();
  await settle();
  FakeWebSocket.last.emitClose(4401);
  assert.equal(h.client.state, 'error');
  await h.client.setUser({ token: 'x.eyJuYW1lIjoiRGFuIn0.y' });
  await settle();
  assert.equal(h.client.state, 'connecting');
  assert.ok(FakeWebSocket.last.url.endsWith('token=x.eyJuYW1lIjoiRGFuIn0.y'));
  assert.equal(h.client.username, 'Dan');
});

test('disconnect() stops for good with CLIENT_CLOSED; connect() starts again', async () => {
  const h = harness();
  h.client.connect();
  const ws = await h.open();
  h.client.disconnect();
  assert.equal(ws.closedWith?.code, 1000);
  assert.equal(h.client.state, 'disconnected');
  assert.equal(changes(h).at(-1)!.code, DisconnectCode.CLIENT_CLOSED);
  await h.clock.tick(60 * 60_000);
  assert.equal(FakeWebSocket.instances.length, 1);
  assert.equal(h.env.listeners.size, 0, 'environment listeners removed');
  h.client.connect();
  await settle();
  assert.equal(FakeWebSocket.instances.length, 2);
  assert.equal(h.client.state, 'connecting');
});
