import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readAuthConfig } from '../../src/config.js';
import { AuthError, ForbiddenOriginError } from '../../src/errors.js';
import { authenticate, guestUserId, secretSource } from '../../src/services/authenticate.js';
import { createChatToken } from '../../src/token.js';

const SECRET = 'another-test-secret-long-enough-for-hs256';
const guest = readAuthConfig({ AUTH_MODE: 'guest', ALLOWED_ORIGINS: 'https://site.example' });
const token = readAuthConfig({ AUTH_MODE: 'token', TOKEN_SECRET: SECRET });
const secret = secretSource(token);
const noSecret = () => Promise.reject(new Error('unused'));

test('guest: validated username, default room, stable pseudonymous id', async () => {
  const id = await authenticate({ queryStringParameters: { username: 'Ana' } }, guest, noSecret);
  assert.deepEqual(id, { userId: guestUserId('Ana'), username: 'Ana', roomId: 'lobby' });
  assert.match(id.userId, /^guest:[A-Za-z0-9_-]{22}$/);
  assert.notEqual(guestUserId('Ana'), guestUserId('ana'));
  const inRoom = await authenticate(
    { queryStringParameters: { username: 'Ana', room: 'dev.team-1' } },
    guest,
    noSecret,
  );
  assert.equal(inRoom.roomId, 'dev.team-1');
});

test('guest: bad usernames and rooms are unauthorized', async () => {
  for (const query of [
    {},
    { username: '' },
    { username: ' Ana' },
    { username: '<b>' },
    { username: 'x'.repeat(33) },
    { username: 'Ana', room: 'a/b' },
    { username: 'Ana', room: '' },
  ]) {
    await assert.rejects(
      authenticate({ queryStringParameters: query }, guest, noSecret),
      AuthError,
      JSON.stringify(query),
    );
  }
  await assert.rejects(authenticate({ queryStringParameters: null }, guest, noSecret), AuthError);
});

test('origin allowlist: other sites are forbidden, no Origin (non-browser) passes', async () => {
  const q = { username: 'Ana' };
  await assert.rejects(
    authenticate({ queryStringParameters: q, headers: { Origin: 'https://evil.example' } }, guest, noSecret),
    ForbiddenOriginError,
  );
  await assert.rejects(
    authenticate({ queryStringParameters: q, headers: { origin: 'null' } }, guest, noSecret),
    ForbiddenOriginError,
  );
  assert.ok(
    await authenticate({ queryStringParameters: q, headers: { ORIGIN: 'https://SITE.example' } }, guest, noSecret),
  );
  assert.ok(await authenticate({ queryStringParameters: q, headers: {} }, guest, noSecret));
  // the origin is checked before the credentials: a bad origin is 403 even with a bad username
  await assert.rejects(
    authenticate({ queryStringParameters: {}, headers: { origin: 'https://evil.example' } }, guest, noSecret),
    ForbiddenOriginError,
  );
});

test('token: identity from the claims; the room claim restricts the room', async () => {
  const t = await createChatToken({ sub: 'u-1', name: 'Ana', ttlSeconds: 60 }, SECRET);
  assert.deepEqual(await authenticate({ queryStringParameters: { token: t, room: 'x' } }, token, secret), {
    userId: 'u-1',
    username: 'Ana',
    roomId: 'x',
  });
  const roomed = await createChatToken({ sub: 'u-1', name: 'Ana', room: 'vip', ttlSeconds: 60 }, SECRET);
  assert.equal((await authenticate({ queryStringParameters: { token: roomed } }, token, secret)).roomId, 'vip');
  assert.equal(
    (await authenticate({ queryStringParameters: { token: roomed, room: 'vip' } }, token, secret)).roomId,
    'vip',
  );
  await assert.rejects(
    authenticate({ queryStringParameters: { token: roomed, room: 'lobby' } }, token, secret),
    /another room/,
  );
  await assert.rejects(authenticate({ queryStringParameters: { username: 'Ana' } }, token, secret), /token missing/);
});

test('token mode ignores a username parameter', async () => {
  const t = await createChatToken({ sub: 'u-1', name: 'Ana', ttlSeconds: 60 }, SECRET);
  const id = await authenticate({ queryStringParameters: { token: t, username: 'Mallory' } }, token, secret);
  assert.equal(id.username, 'Ana');
});
