import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MESSAGE_KEY_END, MESSAGE_KEY_MIN, createMessageId, isMessageId } from '../../src/message-id.js';
import { IDEMPOTENCY_PREFIX, idempotencyKey } from '../../src/repositories/messages.js';

test('ids made in the same millisecond are unique and increase', () => {
  const ids = Array.from({ length: 1000 }, () => createMessageId(1_700_000_000_000));
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual([...ids].sort(), ids);
});

test('ids sort by time and match the documented format', () => {
  const a = createMessageId(999);
  const b = createMessageId(1_700_000_000_000);
  const c = createMessageId(1_700_000_000_001);
  assert.ok(a < b && b < c);
  for (const id of [a, b, c]) assert.ok(isMessageId(id), id);
  assert.equal(a.slice(0, 14), '0000000000999-');
});

test('every id is inside the message key range and idempotency keys are outside it', () => {
  const id = createMessageId(Date.now());
  assert.ok(id >= MESSAGE_KEY_MIN && id < MESSAGE_KEY_END);
  assert.ok(createMessageId(9_999_999_999_999) < MESSAGE_KEY_END);
  const key = idempotencyKey('guest:abc', 'c-1');
  assert.ok(key.startsWith(IDEMPOTENCY_PREFIX));
  assert.ok(key > MESSAGE_KEY_END);
});

test('isMessageId refuses what the server never issues', () => {
  for (const bad of ['', '~idem#x', '123', '1700000000000-', '1700000000000-0000ZZZZZZZZZZZZ', '9'.repeat(14)]) {
    assert.equal(isMessageId(bad), false, bad);
  }
});
