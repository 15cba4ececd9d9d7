/**
 * Property-based bad input at every route of a running stack (fast-check): frames with hostile values
 * in every field, prototype-pollution keys, random actions, random JSON, random text, random binary.
 * Each frame must get its answer (an `error` for anything the protocol refuses; `pong` for the MOCK
 * ping route; an ack/history/error for what it accepts), the stack must still answer a ping and a valid
 * send afterwards, and only valid messages may be stored.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import WebSocket from 'ws';
import {
  parseClientFrame,
  validateMessageText,
  type AckFrame,
  type ErrorFrame,
  type ServerFrame,
} from '@chat-room/client-sdk/protocol';
import type { LocalStack } from '../../src/local/stack.js';
import { connect, startTestStack, type TestClient } from '../helpers/stack.js';
import { stackRepositories } from '../helpers/stack-db.js';
import { hostileText } from './hostile.js';

const ROOM = 'fuzz';
const FRAME_LIMIT = 32 * 1024;
let stack: LocalStack;
let db: ReturnType<typeof stackRepositories>;
let client: TestClient;
before(async () => {
  stack = await startTestStack({ env: { RATE_LIMIT_MESSAGES: '100000' } });
  db = stackRepositories(stack);
  client = await connect(stack.wsUrl, { username: 'Fuzzer', room: ROOM });
});
after(async () => {
  await client.close();
  db.close();
  await stack.close();
});

type Expect = { reply: ServerFrame['type'][] } | 'skip';

/** What the gateway and the handler must answer, from the frame alone. */
function expectation(text: string): Expect {
  if (Buffer.byteLength(text) > FRAME_LIMIT) return 'skip'; // 1009 close: abuse.test.ts
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { reply: ['error'] };
  }
  const action =
    parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as { action?: unknown }).action
      : undefined;
  if (action === 'ping') return { reply: ['pong'] }; // API Gateway's MOCK route answers whatever else the frame holds
  const frame = parseClientFrame(text);
  if (!frame.ok) return { reply: ['error'] };
  if (frame.value.action === 'sendMessage')
    return frame.value.clientMessageId === undefined ? 'skip' : { reply: ['ack', 'error'] };
  if (frame.value.action === 'getHistory') return { reply: ['history', 'error'] };
  return { reply: ['error', 'pong', 'ack', 'history'] };
}

test('every route: hostile frames each get their answer; nothing crashes', { timeout: 300_000 }, async () => {
  let errors = 0;
  let accepted = 0;
  await fc.assert(
    fc.asyncProperty(hostileText, async (text) => {
      const expect = expectation(text);
      if (expect === 'skip') return;
      const reply = await client.request(text, expect.reply);
      if (reply.type === 'error') {
        errors++;
        assert.ok((reply as ErrorFrame).message.length > 0, 'the error says what was wrong');
      } else accepted++;
    }),
    { numRuns: 300 },
  );
  assert.ok(errors > 200, `${errors} errors, ${accepted} accepted`);
});

test('binary frames and random bytes get BAD_JSON', async () => {
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 512 }), async (bytes) => {
      const from = client.frames.length;
      client.ws.send(Buffer.from(bytes), { binary: true });
      const reply = await client.next<ErrorFrame>((f) => f.type === 'error', 'binary error', from);
      assert.equal(reply.code, 'BAD_JSON');
    }),
    { numRuns: 40 },
  );
});

test('after the fuzzing: the connection and the stack still work; only valid messages were stored', async () => {
  assert.equal(client.ws.readyState, WebSocket.OPEN, 'the socket survived');
  assert.equal((await client.request({ action: 'ping' }, ['pong'])).type, 'pong');
  const ack = await client.request<AckFrame>(
    { action: 'sendMessage', message: 'still alive', clientMessageId: 'alive-1' },
    ['ack', 'error'],
  );
  assert.equal(ack.type, 'ack');
  const fresh = await connect(stack.wsUrl, { username: 'Late', room: ROOM });
  assert.equal((await fresh.request({ action: 'getHistory', limit: 1 }, ['history'])).type, 'history');
  await fresh.close();
  let before: string | undefined;
  const stored = [];
  for (;;) {
    const page = await db.messages.latest(ROOM, 100, before);
    stored.push(...page.items);
    if (!page.hasMore) break;
    before = page.items.at(-1)!.messageId;
  }
  assert.ok(stored.some((m) => m.message === 'still alive'));
  for (const m of stored) {
    const text = validateMessageText(m.message);
    assert.ok(text.ok && text.value === m.message, `stored text is valid: ${JSON.stringify(m.message).slice(0, 80)}`);
    assert.deepEqual([m.roomId, m.username, m.userId.startsWith('guest:')], [ROOM, 'Fuzzer', true]);
    assert.match(m.messageId, /^\d{13}-[0-9a-z]{4}[0-9a-f]{12}$/);
    assert.ok(
      !Object.prototype.hasOwnProperty.call(m, 'polluted') && !Object.prototype.hasOwnProperty.call(m, 'isAdmin'),
    );
  }
  // Nothing landed in any other room (e.g. through a roomId field in a frame).
  assert.equal((await db.stored('lobby')).length, 0);
});
