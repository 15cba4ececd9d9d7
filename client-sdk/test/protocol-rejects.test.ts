// What the strict frame rules refuse, at each limit, with which error code and which reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ErrorCode,
  HISTORY_MAX_LIMIT,
  MAX_FRAME_BYTES,
  MESSAGE_MAX_LENGTH,
  ROOM_MAX_LENGTH,
  USERNAME_MAX_LENGTH,
  codePointLength,
  normalizeMessageText,
  parseClientFrame,
  parseServerFrame,
  utf8ByteLength,
  validateMessageText,
  validateRoomId,
  validateUsername,
} from '../src/protocol/index.js';
import { chatMessage, text } from './arbitraries.js';

const RUNS = { numRuns: 300 };

// ---- invalid frames are always rejected ------------------------------------------------------------

const badMessageFields: [string, unknown][] = [
  ['messageId', ''],
  ['messageId', 'x'.repeat(129)],
  ['messageId', 'has space'],
  ['messageId', 5],
  ['messageId', null],
  ['roomId', 'bad room'],
  ['roomId', 'x'.repeat(ROOM_MAX_LENGTH + 1)],
  ['roomId', ''],
  ['roomId', ['lobby']],
  ['username', ''],
  ['username', ' lead'],
  ['username', 'trail '],
  ['username', 'x'.repeat(USERNAME_MAX_LENGTH + 1)],
  ['username', 'bell\u0007'],
  ['username', 'a\uD800'],
  ['username', 'semi;colon'],
  ['username', 7],
  ['message', ''],
  ['message', '  padded  '],
  ['message', 'x'.repeat(MESSAGE_MAX_LENGTH + 1)],
  ['message', 'a\u0000b'],
  ['message', 'esc\u001b[0m'],
  ['message', 'c1\u0085'],
  ['message', 'lone\uDC00'],
  ['message', 'lone\uD83D'],
  ['message', 42],
  ['message', { a: 1 }],
  ['timestamp', -1],
  ['timestamp', '5'],
  ['timestamp', null],
  ['timestamp', 'HUGE'],
  ['timestamp', 9e15],
  ['timestamp', 1.5],
  ['clientMessageId', ''],
  ['clientMessageId', 'x'.repeat(65)],
  ['clientMessageId', 'é'],
  ['clientMessageId', 1],
];

test('message frames with one invalid field are always rejected', () => {
  fc.assert(
    fc.property(chatMessage, fc.constantFrom(...badMessageFields), (m, [key, bad]) => {
      const raw = JSON.stringify({ type: 'message', ...m, [key]: bad }).replace('"HUGE"', '1e999');
      assert.equal(parseServerFrame(raw).ok, false, `${key}=${JSON.stringify(bad)} accepted`);
      // inside a history page too
      const page = JSON.stringify({
        type: 'history',
        roomId: m.roomId,
        messages: [{ ...m, [key]: bad }],
        hasMore: false,
      });
      assert.equal(parseServerFrame(page.replace('"HUGE"', '1e999')).ok, false);
    }),
    { numRuns: 1000 },
  );
});

test('missing fields, wrong types and unknown types are rejected', () => {
  const required = ['messageId', 'roomId', 'username', 'message', 'timestamp'] as const;
  fc.assert(
    fc.property(chatMessage, fc.constantFrom(...required), (m, key) => {
      const frame: Record<string, unknown> = { type: 'message', ...m };
      delete frame[key];
      assert.equal(parseServerFrame(JSON.stringify(frame)).ok, false);
    }),
    RUNS,
  );
  fc.assert(
    fc.property(
      fc.string().filter((t) => !['message', 'ack', 'history', 'error', 'pong'].includes(t)),
      (type) => {
        const r = parseServerFrame(JSON.stringify({ type }));
        assert.equal(r.ok, false);
      },
    ),
    RUNS,
  );
  fc.assert(
    fc.property(
      fc.string().filter((a) => !['sendMessage', 'getHistory', 'ping'].includes(a)),
      (action) => {
        const r = parseClientFrame(JSON.stringify({ action, message: 'hi' }));
        assert.deepEqual(r.ok ? null : r.code, ErrorCode.UNKNOWN_ACTION);
      },
    ),
    RUNS,
  );
  for (const frame of [
    { type: 'history', roomId: 'lobby', messages: 'no', hasMore: false },
    { type: 'history', roomId: 'lobby', messages: [], hasMore: 'no' },
    { type: 'history', roomId: 'lobby', messages: [], hasMore: false, cursor: '' },
    {
      type: 'history',
      roomId: 'lobby',
      messages: [{ messageId: 'm', roomId: 'other', username: 'a', message: 'b', timestamp: 1 }],
      hasMore: false,
    },
    { type: 'ack', clientMessageId: 'c', messageId: 'm' },
    { type: 'error', code: 'NOT_A_CODE', message: 'x' },
    { type: 'error', code: 'INTERNAL', message: 'x'.repeat(1001) },
    { type: 'error', code: 'INTERNAL' },
    { type: 5 },
    {},
  ]) {
    assert.equal(parseServerFrame(JSON.stringify(frame)).ok, false, JSON.stringify(frame).slice(0, 80));
  }
});

test('invalid client frames: bad text, bad ids, bad limits (huge numbers too), before+after together', () => {
  const bad = fc.constantFrom<Record<string, unknown>>(
    { message: '' },
    { message: ' \n\t ' },
    { message: 'x'.repeat(MESSAGE_MAX_LENGTH + 1) },
    { message: 'a\u0007' },
    { message: 'a\uD800' },
    { message: 5 },
    { clientMessageId: '' },
    { clientMessageId: 'x'.repeat(65) },
    { clientMessageId: 'with space' },
    { clientMessageId: 9 },
  );
  fc.assert(
    fc.property(text, bad, (message, override) => {
      assert.equal(parseClientFrame(JSON.stringify({ action: 'sendMessage', message, ...override })).ok, false);
    }),
    RUNS,
  );
  fc.assert(
    fc.property(
      fc.oneof(
        fc.integer({ min: HISTORY_MAX_LIMIT + 1 }),
        fc.integer({ max: 0 }),
        fc.double({ noInteger: true }),
        fc.constantFrom(1e308, -1e308, '5', true, null),
      ),
      (limit) => {
        const r = parseClientFrame(JSON.stringify({ action: 'getHistory', limit }));
        assert.equal(r.ok, false, `limit ${String(limit)} accepted`);
      },
    ),
    RUNS,
  );
  assert.equal(parseClientFrame('{"action":"getHistory","limit":1e999}').ok, false);
  assert.equal(parseClientFrame('{"action":"getHistory","before":"a","after":"b"}').ok, false);
  assert.equal(parseClientFrame(JSON.stringify({ action: 'getHistory', before: 'x'.repeat(513) })).ok, false);
  assert.equal(parseClientFrame(JSON.stringify({ action: 'getHistory', after: 'x'.repeat(129) })).ok, false);
});

// ---- specific limits and error codes ----------------------------------------------------------------

test('limits at and over each boundary', () => {
  assert.ok(validateUsername('x'.repeat(USERNAME_MAX_LENGTH)).ok);
  assert.ok(validateUsername('名'.repeat(USERNAME_MAX_LENGTH)).ok, 'counted in characters, not bytes');
  assert.equal(validateUsername('x'.repeat(USERNAME_MAX_LENGTH + 1)).ok, false);
  assert.ok(validateUsername('Zoë-Anne_O.K 2').ok);
  assert.ok(validateRoomId('r'.repeat(ROOM_MAX_LENGTH)).ok);
  assert.equal(validateRoomId('r'.repeat(ROOM_MAX_LENGTH + 1)).ok, false);
  assert.deepEqual(validateMessageText('😀'.repeat(MESSAGE_MAX_LENGTH)), {
    ok: true,
    value: '😀'.repeat(MESSAGE_MAX_LENGTH),
  });
  const long = validateMessageText('x'.repeat(MESSAGE_MAX_LENGTH + 1));
  assert.equal(long.ok ? null : long.code, ErrorCode.MESSAGE_TOO_LONG);
  assert.deepEqual(validateMessageText('  tabs\tand\nnewlines  '), { ok: true, value: 'tabs\tand\nnewlines' });
  assert.equal(normalizeMessageText(' a\r\nb\rc '), 'a\nb\nc');
  assert.ok(parseClientFrame(JSON.stringify({ action: 'getHistory', limit: HISTORY_MAX_LIMIT })).ok);
  assert.ok(
    parseClientFrame(JSON.stringify({ action: 'sendMessage', message: 'x', clientMessageId: 'c'.repeat(64) })).ok,
  );
  // 32 KB frame limit, measured in UTF-8 bytes
  const pad = (bytes: number) => `{"type":"pong","pad":"${'x'.repeat(bytes - 24)}"}`;
  assert.equal(utf8ByteLength(pad(MAX_FRAME_BYTES)), MAX_FRAME_BYTES);
  assert.ok(parseServerFrame(pad(MAX_FRAME_BYTES)).ok);
  const over = parseServerFrame(pad(MAX_FRAME_BYTES + 1));
  assert.equal(over.ok ? null : over.code, ErrorCode.PAYLOAD_TOO_LARGE);
  const multibyte = `{"type":"pong","pad":"${'é'.repeat(MAX_FRAME_BYTES / 2)}"}`; // fewer chars than bytes
  assert.ok(multibyte.length < MAX_FRAME_BYTES);
  assert.equal(parseServerFrame(multibyte).ok, false);
  assert.equal(utf8ByteLength('a\u00e9\u20ac😀\uD800'), 1 + 2 + 3 + 4 + 3);
  assert.equal(codePointLength('a😀b'), 3);
});

test('each error code comes from the right failure', () => {
  const code = (r: { ok: boolean; code?: string }) => (r.ok ? 'OK' : r.code);
  assert.equal(code(parseClientFrame('{oops')), ErrorCode.BAD_JSON);
  assert.equal(code(parseClientFrame('[1,2]')), ErrorCode.BAD_JSON);
  assert.equal(code(parseClientFrame('null')), ErrorCode.BAD_JSON);
  assert.equal(code(parseClientFrame(42)), ErrorCode.BAD_JSON);
  assert.equal(code(parseClientFrame('{"action":"dance"}')), ErrorCode.UNKNOWN_ACTION);
  assert.equal(code(parseClientFrame('{"message":"no action"}')), ErrorCode.UNKNOWN_ACTION);
  assert.equal(code(parseClientFrame('{"action":"sendMessage","message":""}')), ErrorCode.INVALID_MESSAGE);
  assert.equal(
    code(parseClientFrame(JSON.stringify({ action: 'sendMessage', message: 'x'.repeat(2001) }))),
    ErrorCode.MESSAGE_TOO_LONG,
  );
  assert.equal(
    code(parseClientFrame(JSON.stringify({ action: 'sendMessage', message: 'x'.repeat(40_000) }))),
    ErrorCode.PAYLOAD_TOO_LARGE,
  );
  const reason = parseClientFrame('{"action":"getHistory","limit":500}');
  assert.match(reason.ok ? '' : reason.reason, /limit/);
});

test('reasons name the field (with its path) and say what was wrong', () => {
  const reason = (r: { ok: boolean; reason?: string }): string => (r.ok ? 'OK' : String(r.reason));
  assert.match(reason(validateRoomId('no spaces')), /^room must be 1–64 letters/);
  assert.match(reason(validateUsername('')), /^username must be 1–32 letters/);
  assert.match(reason(validateUsername(' lead')), /no space at either end/);
  assert.match(
    reason(validateMessageText('x'.repeat(MESSAGE_MAX_LENGTH + 1))),
    /^message is 2001 characters; the limit is 2000/,
  );
  assert.match(reason(validateMessageText(' ')), /^message must not be empty/);
  assert.match(reason(validateMessageText('a\u0007')), /^message has control characters/);
  const page = {
    type: 'history',
    roomId: 'lobby',
    messages: [
      { messageId: 'm1', roomId: 'lobby', username: 'a', message: 'b', timestamp: 1 },
      { messageId: 'm2', roomId: 'lobby', username: 'bad;', message: 'b', timestamp: 1 },
    ],
    hasMore: false,
  };
  assert.match(reason(parseServerFrame(JSON.stringify(page))), /^messages\[1\]\.username must be/);
  assert.match(
    reason(parseServerFrame(JSON.stringify({ type: 'ack', clientMessageId: 'c', messageId: 'm', timestamp: -1 }))),
    /^timestamp must be epoch milliseconds/,
  );
  assert.equal(reason(parseServerFrame('{"type":"nope"}')), 'unknown type "nope"');
  assert.equal(reason(parseServerFrame('{}')), 'frame has no "type"');
  assert.equal(reason(parseClientFrame('{"action":"dance"}')), 'unknown action "dance"');
  assert.match(reason(parseServerFrame('{oops')), /^frame must be a JSON object/);
  assert.match(
    reason(parseClientFrame(JSON.stringify({ action: 'getHistory', before: 'a', after: 'b' }))),
    /"before" or "after"/,
  );
});
