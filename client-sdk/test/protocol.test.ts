// The strict frame rules (strict-frames.ts): they never throw, every valid frame round-trips, and no key
// supplies fields through the prototype.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ERROR_CODES,
  HISTORY_MAX_LIMIT,
  parseClientFrame,
  parseServerFrame,
  validateClientFrame,
  validateMessageText,
  validateRoomId,
  validateServerFrame,
  validateUsername,
} from '../src/protocol/index.js';
import { chatMessage, frameKey, roomId, text, visibleAscii } from './arbitraries.js';

const RUNS = { numRuns: 300 };

// ---- never throws ----------------------------------------------------------------------------------

test('random strings never throw, and every result is a well-formed Validation', () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json(), fc.string({ unit: 'binary-ascii' })),
      (raw) => {
        for (const parse of [parseServerFrame, parseClientFrame]) {
          const r = parse(raw);
          assert.equal(typeof r.ok, 'boolean');
          if (!r.ok) {
            assert.ok(ERROR_CODES.includes(r.code));
            assert.equal(typeof r.reason, 'string');
          }
        }
      },
    ),
    { numRuns: 1000 },
  );
});

test('random values (objects with random keys, anything) never throw in the validators', () => {
  const frameish = fc.dictionary(frameKey, fc.anything());
  fc.assert(
    fc.property(fc.oneof(fc.anything(), frameish), (value) => {
      assert.equal(typeof validateServerFrame(value).ok, 'boolean');
      assert.equal(typeof validateClientFrame(value).ok, 'boolean');
      assert.equal(typeof validateMessageText(value).ok, 'boolean');
      assert.equal(typeof validateUsername(value).ok, 'boolean');
      assert.equal(typeof validateRoomId(value).ok, 'boolean');
    }),
    { numRuns: 1000 },
  );
});

// ---- valid frames round-trip ----------------------------------------------------------------------

test('valid message, history, ack, error and pong frames round-trip through parseServerFrame', () => {
  fc.assert(
    fc.property(chatMessage, (m) => {
      const r = parseServerFrame(JSON.stringify({ type: 'message', ...m }));
      assert.deepEqual(r, { ok: true, value: { type: 'message', ...m } });
    }),
    RUNS,
  );
  fc.assert(
    fc.property(
      roomId,
      fc.array(chatMessage, { maxLength: 5 }),
      fc.boolean(),
      fc.option(visibleAscii(512), { nil: undefined }),
      (room, list, hasMore, cursor) => {
        const messages = list.map((m) => ({ ...m, roomId: room }));
        const frame = { type: 'history', roomId: room, messages, hasMore, ...(cursor ? { cursor } : {}) };
        assert.deepEqual(parseServerFrame(JSON.stringify(frame)), { ok: true, value: frame });
      },
    ),
    RUNS,
  );
  fc.assert(
    fc.property(
      visibleAscii(64),
      visibleAscii(128),
      fc.nat(),
      fc.constantFrom(...ERROR_CODES),
      fc.string({ maxLength: 1000 }),
      (cid, mid, ts, code, message) => {
        const ack = { type: 'ack', clientMessageId: cid, messageId: mid, timestamp: ts };
        assert.deepEqual(parseServerFrame(JSON.stringify(ack)), { ok: true, value: ack });
        const error = { type: 'error', code, message, clientMessageId: cid };
        assert.deepEqual(parseServerFrame(JSON.stringify(error)), { ok: true, value: error });
      },
    ),
    RUNS,
  );
  assert.deepEqual(parseServerFrame('{"type":"pong"}'), { ok: true, value: { type: 'pong' } });
});

test('valid client frames round-trip through parseClientFrame', () => {
  fc.assert(
    fc.property(text, fc.option(visibleAscii(64), { nil: undefined }), (message, clientMessageId) => {
      const frame = { action: 'sendMessage', message, ...(clientMessageId ? { clientMessageId } : {}) };
      assert.deepEqual(parseClientFrame(JSON.stringify(frame)), { ok: true, value: frame });
    }),
    RUNS,
  );
  fc.assert(
    fc.property(
      fc.option(fc.integer({ min: 1, max: HISTORY_MAX_LIMIT }), { nil: undefined }),
      fc.option(fc.oneof(fc.record({ before: visibleAscii(512) }), fc.record({ after: visibleAscii(128) })), {
        nil: undefined,
      }),
      (limit, where) => {
        const frame = { action: 'getHistory', ...where, ...(limit ? { limit } : {}) };
        assert.deepEqual(parseClientFrame(JSON.stringify(frame)), { ok: true, value: frame });
      },
    ),
    RUNS,
  );
  assert.deepEqual(parseClientFrame('{"action":"ping"}'), { ok: true, value: { action: 'ping' } });
});

test('__proto__ and constructor keys never supply fields or pollute prototypes', () => {
  fc.assert(
    fc.property(chatMessage, (m) => {
      const nested = `{"type":"message","__proto__":${JSON.stringify(m)}}`;
      assert.equal(parseServerFrame(nested).ok, false);
      assert.equal(parseClientFrame(`{"__proto__":{"action":"sendMessage","message":"hi"}}`).ok, false);
      const extra = parseServerFrame(
        `{"type":"message",${JSON.stringify({ ...m }).slice(1, -1)},"__proto__":{"polluted":1},"constructor":{"x":1}}`,
      );
      assert.ok(extra.ok);
      assert.equal(Object.getPrototypeOf(extra.value), Object.prototype);
      assert.equal(Object.keys(extra.value).includes('__proto__'), false);
      assert.equal(({} as { polluted?: number }).polluted, undefined);
    }),
    { numRuns: 100 },
  );
  assert.equal(parseClientFrame('{"action":"constructor"}').ok, false);
  assert.equal(parseServerFrame('{"type":"__proto__"}').ok, false);
  assert.equal(parseServerFrame('{"type":"toString"}').ok, false);
});
