/**
 * Gap-fill versus out-of-order commits:
 * a message id is taken when a send starts, so a slow send (here: its DynamoDB write held 1.5 s) is
 * broadcast after a later message. A client that reconnects in between has already seen the later
 * message, asks `getHistory { after: <that later id> }` and never gets the slow one. On AWS this happens
 * whenever two Lambda invocations of one room overlap and a reader's socket rotates at that moment.
 * Deterministic here: the reader's new $connect is held until after the slow broadcast.
 * The SDK gap-fills from an overlap window (`gapOverlap`, default 30 s: `after` the newest message at least
 * that much older than its newest, de-duplicated by messageId), which this test proves.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AckFrame } from '@chat-room/client-sdk/protocol';
import type { LocalStack } from '../../src/local/stack.js';
import { connect, startTestStack, type TestClient } from '../helpers/stack.js';
import { chatClient, waitFor } from './clients.js';
import { startDynamoFaultProxy, type DynamoFaultProxy } from './dynamo-fault-proxy.js';

let stack: LocalStack;
let faults: DynamoFaultProxy;
const sockets: TestClient[] = [];
before(async () => {
  stack = await startTestStack({
    wrapDynamodbEndpoint: async (endpoint) => (faults = await startDynamoFaultProxy(endpoint)).endpoint,
  });
});
after(async () => {
  await Promise.all(sockets.map((s) => s.close()));
  await stack.close();
  await faults.close();
});

test(
  'a message committed after a later one still reaches a client that reconnected in between',
  { timeout: 60_000 },
  async () => {
    const room = 'gap-order';
    const reader = chatClient(stack.wsUrl, { username: 'Reader', room });
    const slowWriter = await connect(stack.wsUrl, { username: 'Slow', room });
    const fastWriter = await connect(stack.wsUrl, { username: 'Fast', room });
    sockets.push(slowWriter, fastWriter);
    try {
      reader.client.connect();
      await waitFor(() => reader.client.state === 'connected', 'reader connected');
      const slowWrite = faults.fail({
        operation: 'PutItem',
        table: stack.tableNames.messages,
        times: 1,
        delayMs: 1500,
        match: ({ body }) => body.Item?.message?.S === 'slow' && /^\d/.test(body.Item?.messageId?.S ?? ''),
      });
      const slow = slowWriter.request<AckFrame>({ action: 'sendMessage', message: 'slow', clientMessageId: 'slow' }, [
        'ack',
      ]);
      await waitFor(() => slowWrite.hits === 1, 'the slow write is held');
      await fastWriter.request<AckFrame>({ action: 'sendMessage', message: 'fast', clientMessageId: 'fast' }, ['ack']);
      await waitFor(() => reader.client.messages.some((m) => m.message === 'fast'), 'reader saw the later message');
      // The reader rotates; its new registration lands only after the slow message's broadcast.
      faults.fail({
        operation: 'PutItem',
        table: stack.tableNames.connections,
        times: 1,
        delayMs: 2500,
        match: ({ body }) => body.Item?.username?.S === 'Reader',
      });
      reader.client.reconnect();
      const slowAck = await slow;
      await waitFor(() => reader.client.state === 'connected', 'reader back');
      const ids = await waitFor(
        () => reader.client.messages.some((m) => m.messageId === slowAck.messageId),
        'the slow message reached the reader',
        10_000,
      )
        .then(() => true)
        .catch(() => false);
      assert.ok(ids, `reader has ${JSON.stringify(reader.client.messages.map((m) => m.message))}, missing "slow"`);
    } finally {
      reader.client.disconnect();
    }
  },
);
