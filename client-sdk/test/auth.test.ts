// Refusals (HTTP 401/403 on the upgrade, close 4401/4403), token providers, and changing the user.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatAuthError, DisconnectCode } from '../src/index.js';
import { FakeWebSocket, harness, settle, stateChanges } from './fakes.js';

test('a refused upgrade (ws: "Unexpected server response: 401") ends in error with no retry', async () => {
  const h = harness();
  const errors: unknown[] = [];
  h.client.addEventListener('error', (e) => errors.push(e.detail));
  h.client.connect();
  await settle();
  FakeWebSocket.last.error('Unexpected server response: 401');
  FakeWebSocket.last.emitClose(1006);
  assert.equal(h.client.state, 'error');
  assert.equal(stateChanges(h).at(-1)!.code, DisconnectCode.AUTH_REFUSED);
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
    assert.equal(stateChanges(h).at(-1)!.code, 'AUTH_REFUSED');
    await h.clock.tick(60 * 60_000);
    assert.equal(FakeWebSocket.instances.length, 1);
  });
}

test('a 403 refusal is detected too; other ws errors are network failures', async () => {
  const cases = [
    ['Unexpected server response: 403', 'error'],
    ['Unexpected server response: 502', 'reconnecting'],
  ] as const;
  for (const [message, state] of cases) {
    const h = harness();
    h.client.connect();
    await settle();
    FakeWebSocket.last.error(message);
    FakeWebSocket.last.emitClose(1006);
    assert.equal(h.client.state, state, message);
  }
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
  assert.equal(stateChanges(h).at(-1)!.code, DisconnectCode.TOKEN_FAILED);
  const count = FakeWebSocket.instances.length;
  await h.clock.tick(60 * 60_000);
  assert.equal(FakeWebSocket.instances.length, count, 'no retry after a token failure');
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
  assert.equal(stateChanges(h).at(-1)!.code, DisconnectCode.USER_CHANGED);
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
