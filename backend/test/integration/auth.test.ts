import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { ChatClient, type ChatClientOptions } from '@chat-room/client-sdk';
import type { AckFrame, MessageFrame } from '@chat-room/client-sdk/protocol';
import { createChatToken } from '../../src/token.js';
import type { LocalStack } from '../../src/local/stack.js';
import { connect, eventually, refusedStatus, startTestStack } from '../helpers/stack.js';

const SECRET = 'integration-secret-0123456789abcdefghijkl';

describe('token mode', () => {
  let stack: LocalStack;
  before(async () => (stack = await startTestStack({ env: { AUTH_MODE: 'token', TOKEN_SECRET: SECRET } })));
  after(() => stack.close());

  test('a valid token connects; the name and id come from it', async () => {
    const token = await createChatToken(
      { sub: 'site-user-1', name: 'Tokened Ana', room: 'vip', ttlSeconds: 300 },
      SECRET,
    );
    const c = await connect(stack.wsUrl, { token, room: 'vip', username: 'Impostor' });
    try {
      const ack = await c.request<AckFrame>({ action: 'sendMessage', message: 'signed in', clientMessageId: 't-1' }, [
        'ack',
      ]);
      const msg = await c.next<MessageFrame>(
        (f) => f.type === 'message' && f.messageId === ack.messageId,
        'own message',
      );
      assert.equal(msg.username, 'Tokened Ana');
      assert.equal(msg.roomId, 'vip');
    } finally {
      await c.close();
    }
  });

  test("two users with the same display name: each message and history entry carries its sender's sub as userId", async () => {
    const [t1, t2] = await Promise.all(
      ['user-1', 'user-2'].map((sub) => createChatToken({ sub, name: 'Sam', ttlSeconds: 300 }, SECRET)),
    );
    const options = {
      url: stack.wsUrl,
      room: 'twins',
      WebSocket: WebSocket as unknown as ChatClientOptions['WebSocket'],
    };
    const one = new ChatClient({ ...options, token: t1 });
    const two = new ChatClient({ ...options, token: async () => t2 });
    const connected = (c: ChatClient) =>
      new Promise<void>((resolve) =>
        c.addEventListener('statechange', (e) => e.detail.state === 'connected' && resolve()),
      );
    try {
      const ready = [connected(one), connected(two)];
      one.connect();
      two.connect();
      await Promise.all(ready);
      assert.deepEqual([one.userId, two.userId, one.username, two.username], ['user-1', 'user-2', 'Sam', 'Sam']);
      const sent = await one.send('which Sam?');
      assert.equal(sent.userId, 'user-1', 'the acknowledged message carries the sender id');
      await eventually(() => two.messages.some((m) => m.messageId === sent.messageId), 'the other Sam sees it');
      const seen = two.messages.find((m) => m.messageId === sent.messageId)!;
      assert.deepEqual([seen.username, seen.userId], ['Sam', 'user-1'], 'the other Sam can tell it is not theirs');
      const reply = await two.send('the other one');
      assert.equal(reply.userId, 'user-2');
      const late = new ChatClient({ ...options, token: t2 });
      const history = new Promise<void>((resolve) => late.addEventListener('history', () => resolve()));
      late.connect();
      await history;
      assert.deepEqual(
        late.messages.map((m) => m.userId),
        ['user-1', 'user-2'],
        'history entries carry userId too',
      );
      late.disconnect();
    } finally {
      one.disconnect();
      two.disconnect();
    }
  });

  test('the room claim chooses the room when none is asked for', async () => {
    const token = await createChatToken({ sub: 'u2', name: 'Bo', room: 'vip', ttlSeconds: 60 }, SECRET);
    const c = await connect(stack.wsUrl, { token });
    try {
      const ack = await c.request<AckFrame>({ action: 'sendMessage', message: 'where am I', clientMessageId: 't-2' }, [
        'ack',
      ]);
      const msg = await c.next<MessageFrame>(
        (f) => f.type === 'message' && f.messageId === ack.messageId,
        'own message',
      );
      assert.equal(msg.roomId, 'vip');
    } finally {
      await c.close();
    }
  });

  test('expired, alg none, HS512, wrong room, bad signature, missing token → 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    const key = new TextEncoder().encode(SECRET);
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const cases: Record<string, Record<string, string>> = {
      expired: {
        token: await new SignJWT({ name: 'A' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('u')
          .setIssuedAt(now - 3600)
          .setExpirationTime(now - 600)
          .sign(key),
      },
      none: { token: `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'u', name: 'A', iat: now, exp: now + 60 })}.` },
      hs512: {
        token: await new SignJWT({ name: 'A' })
          .setProtectedHeader({ alg: 'HS512' })
          .setSubject('u')
          .setIssuedAt()
          .setExpirationTime(now + 60)
          .sign(key),
      },
      wrongRoom: {
        token: await createChatToken({ sub: 'u', name: 'A', room: 'vip', ttlSeconds: 60 }, SECRET),
        room: 'lobby',
      },
      badSignature: { token: await createChatToken({ sub: 'u', name: 'A', ttlSeconds: 60 }, SECRET.toUpperCase()) },
      missing: { room: 'lobby' },
      guestStyle: { username: 'Ana' },
    };
    for (const [name, query] of Object.entries(cases)) assert.equal(await refusedStatus(stack.wsUrl, query), 401, name);
  });
});

describe('origin allowlist', () => {
  let stack: LocalStack;
  before(
    async () =>
      (stack = await startTestStack({ env: { ALLOWED_ORIGINS: 'https://chat.example, http://localhost:3000' } })),
  );
  after(() => stack.close());

  test('browsers from other origins are refused with 403', async () => {
    assert.equal(await refusedStatus(stack.wsUrl, { username: 'Eve' }, { Origin: 'https://evil.example' }), 403);
    assert.equal(
      await refusedStatus(stack.wsUrl, { username: 'Eve' }, { Origin: 'https://chat.example.evil.example' }),
      403,
    );
    assert.equal(await refusedStatus(stack.wsUrl, { username: 'Eve' }, { Origin: 'null' }), 403);
  });

  test('allowed origins and non-browser clients connect; bad usernames are still 401', async () => {
    for (const headers of <Record<string, string>[]>[
      { Origin: 'https://chat.example' },
      { Origin: 'http://localhost:3000' },
      {},
    ]) {
      const c = await connect(stack.wsUrl, { username: 'Ana' }, headers);
      await c.close();
    }
    assert.equal(await refusedStatus(stack.wsUrl, { username: '<script>' }, { Origin: 'https://chat.example' }), 401);
    assert.equal(await refusedStatus(stack.wsUrl, {}), 401);
  });
});

test('startLocalStack refuses settings the functions would fail on', async () => {
  await assert.rejects(startTestStack({ env: { AUTH_MODE: 'token' } }), /TOKEN_SECRET/);
  await assert.rejects(startTestStack({ env: { AUTH_MODE: 'open' } }), /AUTH_MODE/);
  await assert.rejects(startTestStack({ env: { RATE_LIMIT_MESSAGES: '0' } }), /RATE_LIMIT_MESSAGES/);
});
