/**
 * Attacks on token mode and the origin allowlist, against the running stack (authorizer + connect
 * bundles). Every refusal must be an HTTP status on the upgrade, never an open socket.
 * (Also covered: test/unit/token.test.ts, test/handlers/authorizer-token.test.ts, test/integration/auth.test.ts;
 * replay after expiry runs the authorizer on a fake clock: test/handlers/authorizer-token.test.ts.)
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPair, SignJWT } from 'jose';
import type { AckFrame, MessageFrame } from '@chat-room/client-sdk/protocol';
import { createChatToken } from '../../src/token.js';
import type { LocalStack } from '../../src/local/stack.js';
import { connect, refusedStatus, startTestStack } from '../helpers/stack.js';

const SECRET = 'security-test-secret-0123456789-abcdefghij';
const key = new TextEncoder().encode(SECRET);
const nowS = () => Math.floor(Date.now() / 1000);
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const sign = (
  claims: Record<string, unknown>,
  header: Record<string, unknown> = { alg: 'HS256' },
  secret: Uint8Array = key,
) => new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(secret);

describe('token mode attacks', () => {
  let stack: LocalStack;
  before(
    async () =>
      (stack = await startTestStack({
        env: { AUTH_MODE: 'token', TOKEN_SECRET: SECRET, ALLOWED_ORIGINS: 'https://site.example' },
      })),
  );
  after(() => stack.close());

  test('forged, unsigned, mis-algorithmed and out-of-date tokens are 401', async () => {
    const now = nowS();
    const valid = { sub: 'u1', name: 'Ana', iat: now, exp: now + 300 };
    const rsa = await generateKeyPair('RS256');
    const rs256 = await new SignJWT(valid).setProtectedHeader({ alg: 'RS256' }).sign(rsa.privateKey);
    const [h, p] = (await sign(valid)).split('.');
    const cases: Record<string, string> = {
      'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(valid)}.`,
      'alg NONE with a signature': `${b64({ alg: 'NONE' })}.${b64(valid)}.${b64({ x: 1 })}`,
      HS512: await sign(valid, { alg: 'HS512' }),
      'RS256 (key confusion attempt: asymmetric alg)': rs256,
      'HS256 signed with the RSA public key as secret': await sign(
        valid,
        { alg: 'HS256' },
        new TextEncoder().encode(
          JSON.stringify(
            await crypto.subtle.exportKey('jwk', rsa.publicKey as Parameters<typeof crypto.subtle.exportKey>[1]),
          ),
        ),
      ),
      'wrong secret': await sign(valid, { alg: 'HS256' }, new TextEncoder().encode(SECRET + 'x')),
      'payload swapped (sub: admin)': `${h}.${b64({ ...valid, sub: 'admin' })}.${(await sign(valid)).split('.')[2]}`,
      'signature stripped': `${h}.${p}.`,
      expired: await sign({ ...valid, iat: now - 3600, exp: now - 120 }),
      'no exp': await sign({ sub: 'u1', name: 'Ana', iat: now }),
      'no iat': await sign({ sub: 'u1', name: 'Ana', exp: now + 300 }),
      'no sub': await sign({ name: 'Ana', iat: now, exp: now + 300 }),
      'exp 30 days ahead': await sign({ ...valid, exp: now + 30 * 86_400 }),
      'iat 2 days ago (older than 24 h)': await sign({ ...valid, iat: now - 2 * 86_400 }),
      'nbf in the future': await sign({ ...valid, nbf: now + 3600 }),
      'exp as a string': await sign({ ...valid, exp: String(now + 300) }),
      'exp huge': await sign({ ...valid, exp: 1e308 }),
      'crit header': await sign(valid, { alg: 'HS256', crit: ['exp'], exp: 1 }).catch(
        () => `${b64({ alg: 'HS256', crit: ['x'] })}.${b64(valid)}.AAAA`,
      ),
      'kid/jku header pointing elsewhere': await sign(
        valid,
        { alg: 'HS256', jku: 'https://evil.example/jwks', kid: '../../etc/passwd' },
        new TextEncoder().encode('a-different-secret-of-32-bytes-or-more!!'),
      ),
      'name with markup': await sign({ ...valid, name: '<img src=x onerror=alert(1)>' }),
      'name with control chars': await sign({ ...valid, name: 'Ana\u0000\u001b[31m' }),
      'name with bidi override': await sign({ ...valid, name: 'Ana\u202Egpj.exe' }),
      'sub with spaces': await sign({ ...valid, sub: 'a b' }),
      'room claim invalid': await sign({ ...valid, room: '../lobby' }),
      'not a JWT': 'hello',
      'empty segments': '..',
      'huge token': 'a'.repeat(8000),
    };
    for (const [label, token] of Object.entries(cases)) {
      assert.equal(await refusedStatus(stack.wsUrl, { token }), 401, label);
    }
  });

  test('a token for room A cannot join room B; without room it joins its own room', async () => {
    const token = await createChatToken({ sub: 'u2', name: 'Bo', room: 'room-a', ttlSeconds: 60 }, SECRET);
    assert.equal(await refusedStatus(stack.wsUrl, { token, room: 'room-b' }), 401);
    assert.equal(await refusedStatus(stack.wsUrl, { token, room: 'lobby' }), 401);
    const c = await connect(stack.wsUrl, { token });
    try {
      const ack = await c.request<AckFrame>({ action: 'sendMessage', message: 'hi', clientMessageId: 'ra-1' }, ['ack']);
      const msg = await c.next<MessageFrame>((f) => f.type === 'message' && f.messageId === ack.messageId, 'own');
      assert.equal(msg.roomId, 'room-a');
    } finally {
      await c.close();
    }
  });

  test('the token is only read from the query string: in a header, or a username instead, is 401', async () => {
    const token = await createChatToken({ sub: 'u3', name: 'Cy', ttlSeconds: 60 }, SECRET);
    assert.equal(await refusedStatus(stack.wsUrl, { room: 'lobby' }, { Authorization: `Bearer ${token}` }), 401);
    assert.equal(await refusedStatus(stack.wsUrl, { room: 'lobby' }, { 'Sec-WebSocket-Protocol': token }), 401);
    assert.equal(await refusedStatus(stack.wsUrl, { username: 'Cy' }), 401);
  });

  test('origin: other site 403, "null" 403, no Origin (non-browser) allowed, checked before the token', async () => {
    const token = await createChatToken({ sub: 'u5', name: 'Ed', ttlSeconds: 60 }, SECRET);
    assert.equal(await refusedStatus(stack.wsUrl, { token }, { Origin: 'https://evil.example' }), 403);
    assert.equal(await refusedStatus(stack.wsUrl, { token }, { Origin: 'null' }), 403);
    assert.equal(await refusedStatus(stack.wsUrl, { token }, { Origin: 'https://site.example.evil.example' }), 403);
    assert.equal(await refusedStatus(stack.wsUrl, { token }, { Origin: 'http://site.example' }), 403, 'scheme matters');
    assert.equal(await refusedStatus(stack.wsUrl, { token: 'forged' }, { Origin: 'https://evil.example' }), 403);
    for (const headers of <Record<string, string>[]>[
      { Origin: 'https://site.example' },
      { Origin: 'HTTPS://SITE.EXAMPLE/' },
      {},
    ]) {
      const c = await connect(stack.wsUrl, { token }, headers);
      await c.close();
    }
  });
});
