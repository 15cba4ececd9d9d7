import { test } from 'node:test';
import assert from 'node:assert/strict';
import { insertMessage } from '../src/message-list.js';
import { tokenClaims } from '../src/token.js';
import { harness, msg } from './fakes.js';

test('invalid frames are dropped with console.warn, never thrown', async () => {
  const warn = console.warn;
  const warnings: string[] = [];
  console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  try {
    const h = harness();
    h.client.connect();
    const ws = await h.open([msg(1)]);
    const bad: unknown[] = [
      'not json',
      '[]',
      '{"type":"nope"}',
      JSON.stringify({ type: 'message', ...msg(2), timestamp: 'x' }),
      JSON.stringify({ type: 'message', ...msg(2), message: '' }),
      JSON.stringify({ type: 'message', ...msg(2), timestamp: 9e15 }),
      JSON.stringify({ type: 'message', ...msg(2), roomId: 'other' }),
      JSON.stringify({ type: 'history', roomId: 'lobby', messages: [{}], hasMore: false }),
      JSON.stringify({ type: 'ack', clientMessageId: 'a', messageId: 'm', timestamp: -1 }),
      JSON.stringify({ type: 'error', code: 'NOPE', message: 'x' }),
      '{"type":"message","__proto__":{"messageId":"m9"}}',
      'x'.repeat(40_000),
      new Uint8Array([123, 125]),
    ];
    for (const data of bad) ws.onmessage!({ data });
    assert.equal(warnings.length, bad.length);
    assert.ok(warnings.every((w) => w.startsWith('[chat-room] invalid frame:')));
    assert.deepEqual(
      h.client.messages.map((m) => m.messageId),
      ['m000001'],
    );
    assert.equal(h.client.state, 'connected');
  } finally {
    console.warn = warn;
  }
});

test('a history reply is taken, without the messages of another room', async () => {
  const warn = console.warn;
  console.warn = () => {};
  try {
    const h = harness();
    h.client.connect();
    await h.open([msg(1), msg(2, { roomId: 'other' }), msg(3)]);
    assert.deepEqual(
      h.client.messages.map((m) => m.messageId),
      ['m000001', 'm000003'],
    );
  } finally {
    console.warn = warn;
  }
});

test('insertMessage keeps a sorted, duplicate-free list', () => {
  const list = [msg(2), msg(4)];
  assert.equal(insertMessage(list, msg(3)), true);
  assert.equal(insertMessage(list, msg(3)), false);
  assert.equal(insertMessage(list, msg(1)), true);
  assert.equal(insertMessage(list, msg(5)), true);
  assert.equal(insertMessage(list, msg(5)), false);
  assert.deepEqual(
    list.map((m) => m.messageId),
    ['m000001', 'm000002', 'm000003', 'm000004', 'm000005'],
  );
});

test('tokenClaims decodes the name and sub claims (unverified), undefined otherwise', () => {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const name = (token: string) => tokenClaims(token).name;
  assert.equal(name(`h.${b64({ name: 'Ünïcødé 名前' })}.s`), 'Ünïcødé 名前');
  assert.equal(name(`h.${b64({ sub: 'x' })}.s`), undefined);
  assert.equal(name(`h.${b64({ name: 5 })}.s`), undefined);
  assert.equal(name('garbage'), undefined);
  assert.equal(name('a.!!!.b'), undefined);
  assert.deepEqual(tokenClaims(`h.${b64({ sub: 'user-7', name: 'Sam', exp: 1 })}.s`), { name: 'Sam', sub: 'user-7' });
  assert.deepEqual(tokenClaims(`h.${b64({ sub: 7 })}.s`), { name: undefined, sub: undefined });
  assert.deepEqual(tokenClaims('garbage'), {});
});
