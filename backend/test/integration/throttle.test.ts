import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AckFrame } from '@chat-room/client-sdk/protocol';
import type { ConnectionsApiCall } from '../../src/local/gateway/index.js';
import type { LocalStack } from '../../src/local/stack.js';
import { connect, startTestStack, type TestClient } from '../helpers/stack.js';

let stack: LocalStack;
const clients: TestClient[] = [];
/** Every @connections request the gateway answered, in order. */
const calls: ConnectionsApiCall[] = [];
before(async () => {
  // The @connections API answers 429 LimitExceededException past 10 posts in a burst, 40 per second.
  stack = await startTestStack({
    managementRateLimit: { requestsPerSecond: 40, burst: 10 },
    onConnectionsApiCall: (call) => calls.push(call),
  });
});
after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await stack.close();
});

test('throttled posts (429) are retried with backoff: every member of the room still gets the message once', async () => {
  for (let i = 0; i < 24; i++) clients.push(await connect(stack.wsUrl, { username: `member ${i}`, room: 'throttled' }));
  const ack = await clients[0]!.request<AckFrame>(
    { action: 'sendMessage', message: 'to everyone', clientMessageId: 'th-1' },
    ['ack'],
  );
  for (const c of clients)
    await c.next((f) => f.type === 'message' && f.messageId === ack.messageId, 'message at a member');
  for (const c of clients) assert.equal(c.messages().filter((m) => m.messageId === ack.messageId).length, 1);

  // The broadcast's posts, by connection: each one's answers in order.
  const answers = new Map<string, number[]>();
  for (const { method, connectionId, status } of calls) {
    if (method === 'POST') answers.set(connectionId, [...(answers.get(connectionId) ?? []), status]);
  }
  assert.equal(answers.size, clients.length, 'every member was posted to');
  const throttled = [...answers.values()].flat().filter((status) => status === 429).length;
  assert.ok(throttled > 0, 'the gateway answered 429 to some posts (24 members against a burst of 10)');
  let retries = 0;
  for (const [connectionId, statuses] of answers) {
    // Every 429 was followed by a retry of the same post, until one was delivered (200).
    assert.deepEqual(statuses, [...statuses.slice(0, -1).map(() => 429), 200], connectionId);
    retries += statuses.length - 1;
  }
  assert.equal(retries, throttled, 'one retry after each 429');
});
