import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AckFrame } from '@chat-room/client-sdk/protocol';
import type { LocalStack } from '../../src/local/stack.js';
import { connect, startTestStack, type TestClient } from '../helpers/stack.js';

let stack: LocalStack;
const clients: TestClient[] = [];
before(async () => {
  // The @connections API answers 429 LimitExceededException past 10 posts in a burst, 40 per second.
  stack = await startTestStack({ managementRateLimit: { requestsPerSecond: 40, burst: 10 } });
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
});
