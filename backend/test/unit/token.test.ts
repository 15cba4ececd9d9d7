import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT, UnsecuredJWT } from 'jose';
import { createChatToken, verifyChatToken } from '../../src/token.js';
import { AuthError } from '../../src/errors.js';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256!';
const key = new TextEncoder().encode(SECRET);
const now = () => Math.floor(Date.now() / 1000);

const rejects = (promise: Promise<unknown>, reason: RegExp) =>
  assert.rejects(promise, (e: unknown) => e instanceof AuthError && reason.test(e.message));

test('a token made by createChatToken verifies to its identity', async () => {
  const token = await createChatToken({ sub: 'user-42', name: 'Zoë B', room: 'dev', ttlSeconds: 600 }, SECRET);
  assert.deepEqual(await verifyChatToken(token, SECRET), { userId: 'user-42', username: 'Zoë B', room: 'dev' });
  const [header] = token.split('.');
  assert.deepEqual(JSON.parse(Buffer.from(header!, 'base64url').toString()), { alg: 'HS256', typ: 'JWT' });
});

test('createChatToken validates its input', async () => {
  await assert.rejects(createChatToken({ sub: '', name: 'a', ttlSeconds: 60 }, SECRET), /sub/);
  await assert.rejects(createChatToken({ sub: 'u', name: ' bad', ttlSeconds: 60 }, SECRET), /name/);
  await assert.rejects(createChatToken({ sub: 'u', name: 'a', room: 'no room!', ttlSeconds: 60 }, SECRET), /room/);
  await assert.rejects(createChatToken({ sub: 'u', name: 'a', ttlSeconds: 0 }, SECRET), /ttlSeconds/);
  await assert.rejects(createChatToken({ sub: 'u', name: 'a', ttlSeconds: 86_401 }, SECRET), /ttlSeconds/);
  await assert.rejects(createChatToken({ sub: 'u', name: 'a', ttlSeconds: 60 }, 'short'), /at least 32 bytes/);
});

test('expired tokens are refused', async () => {
  const token = await new SignJWT({ name: 'a' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('u')
    .setIssuedAt(now() - 600)
    .setExpirationTime(now() - 120)
    .sign(key);
  await rejects(verifyChatToken(token, SECRET), /expired/);
});

test('a token without exp, or living longer than 24 h, is refused', async () => {
  const noExp = await new SignJWT({ name: 'a' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('u')
    .setIssuedAt()
    .sign(key);
  await rejects(verifyChatToken(noExp, SECRET), /exp/);
  const long = await new SignJWT({ name: 'a' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('u')
    .setIssuedAt()
    .setExpirationTime(now() + 3 * 86_400)
    .sign(key);
  await rejects(verifyChatToken(long, SECRET), /lifetime/);
});

test('alg none and other algorithms are refused', async () => {
  const unsecured = new UnsecuredJWT({ name: 'a' })
    .setSubject('u')
    .setIssuedAt()
    .setExpirationTime(now() + 60)
    .encode();
  await rejects(verifyChatToken(unsecured, SECRET), /algorithm|malformed/);
  const hs512 = await new SignJWT({ name: 'a' })
    .setProtectedHeader({ alg: 'HS512' })
    .setSubject('u')
    .setIssuedAt()
    .setExpirationTime(now() + 60)
    .sign(new TextEncoder().encode(SECRET + SECRET));
  await rejects(verifyChatToken(hs512, SECRET + SECRET), /algorithm/);
});

test('a bad signature is refused', async () => {
  const token = await createChatToken({ sub: 'u', name: 'a', ttlSeconds: 60 }, SECRET);
  await rejects(verifyChatToken(token, SECRET.replace('a', 'b')), /signature/);
  const [h, p, s] = token.split('.');
  const forged = Buffer.from(
    JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), sub: 'admin' }),
  ).toString('base64url');
  await rejects(verifyChatToken(`${h}.${forged}.${s}`, SECRET), /signature/);
});

test('bad claims are refused', async () => {
  const sign = (claims: Record<string, unknown>, sub = 'u') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime(now() + 60)
      .sign(key);
  await rejects(verifyChatToken(await sign({ name: '<script>' }), SECRET), /name/);
  await rejects(verifyChatToken(await sign({}), SECRET), /name/);
  await rejects(verifyChatToken(await sign({ name: 'a', room: '../x' }), SECRET), /room/);
  await rejects(verifyChatToken(await sign({ name: 'a' }, 'x'.repeat(200)), SECRET), /sub/);
  await rejects(verifyChatToken('not.a.token', SECRET), /malformed/);
});
