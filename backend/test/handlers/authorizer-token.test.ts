import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { fixture } from '../helpers/fixtures.js';
import { createChatToken } from '../../src/token.js';

const SECRET = 'handler-test-secret-0123456789-abcdefghij';
Object.assign(process.env, { AUTH_MODE: 'token', TOKEN_SECRET: SECRET, ALLOWED_ORIGINS: '', LOG_LEVEL: 'silent' });
const { handler } = await import('../../src/handlers/authorizer.js');

const event = (query: Record<string, string>) => ({
  ...fixture('authorizer-connect.json'),
  queryStringParameters: query,
});
const unauthorized = (e: unknown) => e instanceof Error && e.message === 'Unauthorized';

test('a valid token is allowed with the identity from its claims', async () => {
  const token = await createChatToken({ sub: 'site-user-7', name: 'Ana', room: 'vip', ttlSeconds: 300 }, SECRET);
  const out = await handler(event({ token, room: 'vip', username: 'Mallory' }));
  assert.equal(out.principalId, 'site-user-7');
  assert.deepEqual(out.context, { userId: 'site-user-7', username: 'Ana', roomId: 'vip' });
});

test('expired, unsigned, foreign-signed, wrong-room and missing tokens are 401', async () => {
  const now = Math.floor(Date.now() / 1000);
  const key = new TextEncoder().encode(SECRET);
  const expired = await new SignJWT({ name: 'Ana' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('u')
    .setIssuedAt(now - 7200)
    .setExpirationTime(now - 3600)
    .sign(key);
  const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'u', name: 'Ana', iat: now, exp: now + 60 })).toString('base64url')}.`;
  const foreign = await createChatToken(
    { sub: 'u', name: 'Ana', ttlSeconds: 60 },
    'some-other-secret-that-is-long-enough!!',
  );
  const roomed = await createChatToken({ sub: 'u', name: 'Ana', room: 'vip', ttlSeconds: 60 }, SECRET);
  for (const query of <Record<string, string>[]>[
    { token: expired },
    { token: none },
    { token: foreign },
    { token: roomed, room: 'lobby' },
    {},
    { token: '' },
    { token: 'a.b.c' },
  ]) {
    await assert.rejects(handler(event(query)), unauthorized, JSON.stringify(query).slice(0, 60));
  }
});

test('replay after expiry: a token accepted while valid is refused once expired (past the 30 s clock tolerance)', async (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: 1_800_000_000_000 });
  const now = Math.floor(Date.now() / 1000);
  // Expired 28 s ago: still inside the tolerance for 2 s more, then out of it for good.
  const token = await new SignJWT({ name: 'Di' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('u4')
    .setIssuedAt(now - 60)
    .setExpirationTime(now - 28)
    .sign(new TextEncoder().encode(SECRET));
  assert.equal((await handler(event({ token }))).principalId, 'u4', 'accepted inside the tolerance');
  t.mock.timers.tick(1_999);
  assert.equal((await handler(event({ token }))).principalId, 'u4', 'still accepted a moment before');
  t.mock.timers.tick(1);
  await assert.rejects(handler(event({ token })), unauthorized, 'the same token, 30 s past its exp');
  t.mock.timers.tick(3_600_000);
  await assert.rejects(handler(event({ token })), unauthorized, 'and for good');
});
