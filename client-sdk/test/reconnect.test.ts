// Reconnects that spend no attempt: close 1001, socket rotation, offline/online and page visibility.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DisconnectCode } from '../src/index.js';
import { FakeWebSocket, harness, settle, stateChanges } from './fakes.js';

test('close 1001 reconnects at once (jitter 0) without spending an attempt', async () => {
  const h = harness();
  h.client.connect();
  const ws = await h.open();
  await h.clock.tick(60_000);
  ws.drop(1001, 'Going away');
  await settle();
  assert.equal(FakeWebSocket.instances.length, 2, 'a new socket at once');
  const detail = stateChanges(h).at(-1)!;
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
  const detail = stateChanges(h).at(-1)!;
  assert.equal(detail.state, 'reconnecting');
  assert.equal(detail.code, DisconnectCode.SERVER_GOING_AWAY);
  assert.equal(detail.attempt, 0);
  assert.equal(detail.retryAt! - h.clock.now(), 300, '0.2 × 3000 × 0.5');
  await h.clock.tick(299);
  assert.equal(FakeWebSocket.instances.length, 1);
  await h.clock.tick(1);
  assert.equal(FakeWebSocket.instances.length, 2);
  assert.equal(stateChanges(h).at(-1)!.code, DisconnectCode.SERVER_GOING_AWAY);
  await h.open();
  assert.equal(h.client.state, 'connected');
  assert.equal(stateChanges(h).at(-1)!.attempt, 0);
});

test('close 1001 right after opening counts as a failed attempt (no tight loop)', async () => {
  const h = harness();
  h.client.connect();
  const ws = await h.open();
  ws.drop(1001);
  await settle();
  assert.equal(FakeWebSocket.instances.length, 1);
  assert.equal(stateChanges(h).at(-1)!.retryAt! - h.clock.now(), 3000);
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
  const detail = stateChanges(h).at(-1)!;
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
  let detail = stateChanges(h).at(-1)!;
  assert.equal(detail.code, DisconnectCode.OFFLINE);
  assert.equal(detail.attempt, 0);
  await h.clock.tick(10 * 60_000);
  assert.equal(FakeWebSocket.instances.length, 1, 'no attempts while offline');
  h.env.emit('online');
  await settle();
  assert.equal(FakeWebSocket.instances.length, 2, 'online: retry at once');
  FakeWebSocket.last.drop();
  detail = stateChanges(h).at(-1)!;
  assert.equal(detail.code, DisconnectCode.NETWORK);
  h.env.emit('offline'); // while waiting to retry: the timer stops
  assert.equal(stateChanges(h).at(-1)!.code, DisconnectCode.OFFLINE);
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
  assert.equal(stateChanges(h).at(-1)!.attempt, 0);
});

test('online or visible while a reconnect is under way (its token asked for) starts no second one', async () => {
  let calls = 0;
  const pending: ((token: string) => void)[] = [];
  const h = harness({
    username: undefined,
    token: () => {
      calls++;
      return new Promise<string>((resolve) => pending.push(resolve));
    },
  });
  h.client.connect();
  pending.shift()!('h.e30.s1');
  const ws = await h.open();
  ws.drop();
  await h.clock.tick(3000); // the retry: the provider is asked again
  assert.equal(calls, 2);
  h.env.emit('online');
  h.env.emit('visible');
  await settle();
  assert.equal(calls, 2, 'no second token request');
  pending.shift()!('h.e30.s2');
  await settle();
  assert.equal(FakeWebSocket.instances.length, 2, 'one socket for the one reconnect');
  assert.ok(FakeWebSocket.last.url.endsWith('token=h.e30.s2'));
});
