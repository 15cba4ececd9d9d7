import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ERROR_CODES, parseServerFrame, readServerFrame } from '../src/protocol/index.js';
import { chatMessage, frameKey, roomId, visibleAscii } from './arbitraries.js';

// readServerFrame is the check ChatClient applies to what it receives: structure and types, not the
// server's content rules (parseServerFrame, the strict check, covers those; see protocol.test.ts).

const RUNS = { numRuns: 300 };

const serverFrame = fc
  .oneof(
    chatMessage.map((m) => ({ type: 'message', ...m })),
    fc.record({
      type: fc.constant('ack'),
      clientMessageId: visibleAscii(64),
      messageId: visibleAscii(128),
      timestamp: fc.nat(),
    }),
    fc
      .tuple(
        roomId,
        fc.array(chatMessage, { maxLength: 4 }),
        fc.boolean(),
        fc.option(visibleAscii(512), { nil: undefined }),
      )
      .map(([room, list, hasMore, cursor]) => ({
        type: 'history',
        roomId: room,
        messages: list.map((m) => ({ ...m, roomId: room })),
        hasMore,
        ...(cursor ? { cursor } : {}),
      })),
    fc.record(
      {
        type: fc.constant('error'),
        code: fc.constantFrom(...ERROR_CODES),
        message: fc.string({ minLength: 1, maxLength: 200 }),
        clientMessageId: visibleAscii(64),
      },
      { requiredKeys: ['type', 'code', 'message'] },
    ),
    fc.constant({ type: 'pong' }),
  )
  .map((frame) => ({ ...frame })); // fc.record may build null-prototype objects

test('never throws: random text and random JSON give a well-formed result', () => {
  const frameish = fc.dictionary(
    frameKey,
    fc.oneof(fc.jsonValue(), fc.constantFrom('message', 'ack', 'history', 'error', 'pong')),
  );
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ unit: 'binary' }),
        fc.json(),
        frameish.map((o) => JSON.stringify(o)),
      ),
      (raw) => {
        const r = readServerFrame(raw);
        if (r.ok) assert.equal(typeof r.value.type, 'string');
        else assert.ok(typeof r.reason === 'string' && r.reason.length > 0);
      },
    ),
    { numRuns: 1000 },
  );
  for (const raw of [undefined, null, 5, {}, new Uint8Array([123, 125]), Symbol('x')])
    assert.equal(readServerFrame(raw).ok, false);
});

test('every frame the strict check accepts is read to the same value', () => {
  fc.assert(
    fc.property(serverFrame, (frame) => {
      const raw = JSON.stringify(frame);
      assert.deepEqual(parseServerFrame(raw), { ok: true, value: frame }, 'generator makes strictly valid frames');
      assert.deepEqual(readServerFrame(raw), { ok: true, value: frame });
    }),
    RUNS,
  );
});

test('a required field missing, or of the wrong type, is rejected and named, at any depth', () => {
  const wrong: Record<string, unknown[]> = {
    messageId: ['', 5, null, ['m']],
    roomId: ['', 1, {}],
    username: ['', 7, false],
    message: ['', 42, { a: 1 }],
    timestamp: [-1, '5', null, 'HUGE', 'NAN', 9e15, 1.5],
  };
  fc.assert(
    fc.property(chatMessage, fc.constantFrom(...Object.keys(wrong)), fc.nat(20), fc.boolean(), (m, key, pick, drop) => {
      const values = wrong[key]!;
      const broken: Record<string, unknown> = { ...m, [key]: values[pick % values.length] };
      if (drop) delete broken[key];
      const encode = (o: unknown) => JSON.stringify(o).replace('"HUGE"', '1e999').replace('"NAN"', '-1e999');
      const live = readServerFrame(encode({ type: 'message', ...broken }));
      assert.deepEqual(live, { ok: false, code: 'INVALID_MESSAGE', reason: `${key} is missing or invalid` });
      const page = readServerFrame(
        encode({ type: 'history', roomId: m.roomId, messages: [{ ...m }, broken], hasMore: false }),
      );
      assert.deepEqual(page, {
        ok: false,
        code: 'INVALID_MESSAGE',
        reason: `messages[1].${key} is missing or invalid`,
      });
    }),
    RUNS,
  );
  const reason = (frame: unknown) => {
    const r = readServerFrame(typeof frame === 'string' ? frame : JSON.stringify(frame));
    return r.ok ? 'accepted' : r.reason;
  };
  assert.equal(
    reason({ type: 'history', roomId: 'lobby', messages: 'no', hasMore: false }),
    'messages is missing or invalid',
  );
  assert.equal(
    reason({ type: 'history', roomId: 'lobby', messages: [null], hasMore: false }),
    'messages[0] is not an object',
  );
  assert.equal(
    reason({ type: 'history', roomId: 'lobby', messages: [], hasMore: 'no' }),
    'hasMore is missing or invalid',
  );
  assert.equal(
    reason({ type: 'history', roomId: 'lobby', messages: [], hasMore: false, cursor: 3 }),
    'cursor is missing or invalid',
  );
  assert.equal(
    reason({ type: 'message', messageId: 'm', roomId: 'r', username: 'u', userId: 5, message: 'x', timestamp: 1 }),
    'userId is missing or invalid',
  );
  assert.equal(reason({ type: 'ack', clientMessageId: 'c', messageId: 'm' }), 'timestamp is missing or invalid');
  assert.equal(reason({ type: 'error', code: 'NOT_A_CODE', message: 'x' }), 'code is missing or invalid');
  assert.equal(reason({ type: 'error', code: 'INTERNAL' }), 'message is missing or invalid');
  assert.equal(
    reason({ type: 'error', code: 'INTERNAL', message: 'x', clientMessageId: 9 }),
    'clientMessageId is missing or invalid',
  );
  assert.equal(reason({ type: 'nope' }), 'frame has no known "type"');
  assert.equal(reason({ type: 'toString' }), 'frame has no known "type"');
  assert.equal(reason({ type: '__proto__' }), 'frame has no known "type"');
  assert.equal(reason([]), 'frame has no known "type"');
  assert.equal(reason('{oops'), 'frame is not JSON');
  assert.equal(reason('"pong"'), 'frame has no known "type"');
});

test('unknown fields are dropped; __proto__ never supplies fields or pollutes prototypes', () => {
  fc.assert(
    fc.property(chatMessage, (m) => {
      assert.equal(readServerFrame(`{"type":"message","__proto__":${JSON.stringify(m)}}`).ok, false);
      const raw = `{"type":"message",${JSON.stringify(m).slice(1, -1)},"extra":1,"__proto__":{"polluted":1}}`;
      const r = readServerFrame(raw);
      assert.deepEqual(r, { ok: true, value: { type: 'message', ...m } });
      assert.equal(Object.getPrototypeOf(r.ok && r.value), Object.prototype);
      assert.equal(({} as { polluted?: number }).polluted, undefined);
    }),
    { numRuns: 100 },
  );
});

test('content rules are left to the server: a frame only the strict check refuses is still read', () => {
  // The server enforces these on what it stores; the client renders text only, so it does not re-check them.
  const lenient = {
    type: 'message',
    messageId: 'id with space',
    roomId: 'room',
    username: 'semi;colon',
    message: '  padded  ',
    timestamp: 1,
  };
  const raw = JSON.stringify(lenient);
  assert.equal(parseServerFrame(raw).ok, false);
  assert.deepEqual(readServerFrame(raw), { ok: true, value: lenient });
});
