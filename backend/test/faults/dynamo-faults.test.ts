/**
 * DynamoDB failing under the functions (a proxy in front of dynalite returns real DynamoDB error
 * responses; the functions' AWS SDK retries them as on AWS):
 * - a message write that keeps failing → the sender gets INTERNAL, nothing is stored or broadcast; the
 *   retry with the same clientMessageId succeeds once (stored once, broadcast once, same ack after);
 * - the idempotency claim failing instead → the same;
 * - a transient throttle → absorbed by the SDK's retry: an ack, not an error;
 * - a `$disconnect` whose delete fails (the row outlives its socket, as when $disconnect never reaches
 *   the backend) → the next broadcast gets 410 for it, deletes that row, and the others still receive.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AckFrame, ErrorFrame, MessageFrame } from '@chat-room/client-sdk/protocol';
import { useTestStack } from '../helpers/suite.js';
import { chatClient, waitFor } from './clients.js';
import { startDynamoFaultProxy, type DynamoFaultProxy, type DynamoRequest } from './dynamo-fault-proxy.js';

let faults: DynamoFaultProxy;
const suite = useTestStack({
  env: { RATE_LIMIT_MESSAGES: '100' },
  wrapDynamodbEndpoint: async (endpoint) => {
    faults = await startDynamoFaultProxy(endpoint);
    return faults.endpoint;
  },
});
const { join } = suite;
after(() => faults?.close());
/** A PutItem of a chat message (not of an idempotency record: those keys start with `~idem#`). */
const isMessagePut = ({ body }: DynamoRequest) => /^\d/.test(body.Item?.messageId?.S ?? '');
const isClaimPut = ({ body }: DynamoRequest) => String(body.Item?.messageId?.S ?? '').startsWith('~idem#');

for (const [label, match] of [
  ['the message write', isMessagePut],
  ['the idempotency claim', isClaimPut],
] as const) {
  test(`DynamoDB failing ${label}: INTERNAL, nothing stored; the retry with the same clientMessageId succeeds once`, async () => {
    const room = label.includes('claim') ? 'fault-claim' : 'fault-write';
    const sender = await join('Sender', room);
    const reader = await join('Reader', room);
    const frame = { action: 'sendMessage', message: `survives ${label}`, clientMessageId: 'fault-1' };

    const rule = faults.fail({
      operation: 'PutItem',
      table: suite.stack.tableNames.messages,
      match,
      error: 'InternalServerError',
    });
    const failed = await sender.request<ErrorFrame>(frame, ['error', 'ack']);
    rule.remove();
    assert.deepEqual([failed.type, failed.code, failed.clientMessageId], ['error', 'INTERNAL', 'fault-1']);
    assert.equal(rule.hits, 3, 'the SDK tried 3 times (maxAttempts) before giving up');
    assert.equal((await suite.db.stored(room)).length, 0, 'nothing stored');
    assert.equal(reader.messages().length, 0, 'nothing broadcast');

    const ack = await sender.request<AckFrame>(frame, ['ack', 'error']);
    assert.equal(ack.type, 'ack');
    await reader.next<MessageFrame>(
      (f) => f.type === 'message' && f.messageId === ack.messageId,
      'the message at the reader',
    );
    const again = await sender.request<AckFrame>(frame, ['ack', 'error']);
    assert.deepEqual(again, ack, 'a further retry gets the original ack');
    // The second retry's reply came after any broadcast of the first: count now.
    await sender.request({ action: 'getHistory' }, ['history']);
    assert.equal(reader.messages().filter((m) => m.clientMessageId === 'fault-1').length, 1, 'broadcast once');
    assert.equal(
      sender.messages().filter((m) => m.clientMessageId === 'fault-1').length,
      1,
      'broadcast once to the sender',
    );
    const stored = await suite.db.stored(room);
    assert.deepEqual(
      stored.map((m) => [m.messageId, m.message]),
      [[ack.messageId, frame.message]],
      'stored once',
    );
  });
}

test('a transient throttle (ProvisionedThroughputExceeded once) is absorbed by the SDK retry: an ack, stored once', async () => {
  const sender = await join('Throttled', 'fault-throttle');
  const rule = faults.fail({
    operation: 'PutItem',
    table: suite.stack.tableNames.messages,
    match: isMessagePut,
    times: 1,
    error: 'ProvisionedThroughputExceededException',
  });
  const ack = await sender.request<AckFrame>(
    { action: 'sendMessage', message: 'slow but fine', clientMessageId: 'thr-1' },
    ['ack', 'error'],
  );
  assert.equal(ack.type, 'ack');
  assert.equal(rule.hits, 1);
  assert.equal((await suite.db.stored('fault-throttle')).length, 1);
});

test('ChatClient: a send failing with INTERNAL stays in the outbox as failed; retry() delivers it once', async () => {
  const room = 'fault-sdk';
  const writer = chatClient(suite.stack.wsUrl, { username: 'Writer', room });
  const reader = chatClient(suite.stack.wsUrl, { username: 'Reader', room });
  try {
    for (const c of [writer, reader]) c.client.connect();
    await waitFor(() => writer.client.state === 'connected' && reader.client.state === 'connected', 'connected');
    const rule = faults.fail({ operation: 'PutItem', table: suite.stack.tableNames.messages, match: isMessagePut });
    await assert.rejects(writer.client.send('try me'), (e: Error & { code?: string }) => e.code === 'INTERNAL');
    rule.remove();
    const [entry] = writer.client.outbox;
    assert.equal(entry?.status, 'failed');
    const message = await writer.client.retry(entry!.clientMessageId);
    await waitFor(() => reader.client.messages.some((m) => m.messageId === message.messageId), 'reader got it');
    await waitFor(() => writer.client.messages.length === 1 && writer.client.outbox.length === 0, 'writer settled');
    assert.deepEqual(
      reader.client.messages.map((m) => m.message),
      ['try me'],
    );
    assert.deepEqual(reader.events, [message.messageId]);
    assert.equal((await suite.db.stored(room)).length, 1);
  } finally {
    writer.client.disconnect();
    reader.client.disconnect();
  }
});

test('a connection whose $disconnect never took effect: the next broadcast removes that row, the others still receive', async () => {
  const room = 'fault-vanish';
  const sender = await join('Sender', room);
  const listener = await join('Listener', room);
  const doomed = await join('Doomed', room);
  const usernames = async () =>
    Promise.all(
      (await suite.db.connections.queryRoom(room)).connections.map(async (r) => ({
        id: r.connectionId,
        username: (await suite.db.connections.get(r.connectionId))?.username,
      })),
    );
  const doomedId = (await usernames()).find((r) => r.username === 'Doomed')!.id;

  // $disconnect runs but its DeleteItem fails every attempt: the row stays behind its dead socket.
  const rule = faults.fail({
    operation: 'DeleteItem',
    table: suite.stack.tableNames.connections,
    match: ({ body }) => body.Key?.connectionId?.S === doomedId,
  });
  doomed.ws.terminate();
  await waitFor(() => rule.hits >= 3, '$disconnect tried (and failed) to delete the row');
  rule.remove();
  assert.ok(await suite.db.connections.get(doomedId), 'the stale row is still there');

  const ack = await sender.request<AckFrame>(
    { action: 'sendMessage', message: 'anyone still here?', clientMessageId: 'v-1' },
    ['ack'],
  );
  await listener.next((f) => f.type === 'message' && f.messageId === ack.messageId, 'listener still receives');
  await waitFor(
    async () => (await suite.db.connections.get(doomedId)) === undefined,
    'the stale row removed by the broadcast (410)',
  );
  assert.deepEqual((await usernames()).map((r) => r.username).sort(), ['Listener', 'Sender']);
  const ack2 = await sender.request<AckFrame>({ action: 'sendMessage', message: 'second', clientMessageId: 'v-2' }, [
    'ack',
  ]);
  await listener.next((f) => f.type === 'message' && f.messageId === ack2.messageId, 'listener receives again');
});
