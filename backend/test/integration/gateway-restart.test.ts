import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AckFrame, HistoryFrame } from '@chat-room/client-sdk/protocol';
import type { LocalStack } from '../../src/local/stack.js';
import { connect, refusedStatus, startTestStack } from '../helpers/stack.js';

let stack: LocalStack;
before(async () => (stack = await startTestStack()));
after(() => stack.close());

test('stopGateway drops every socket with 1001 and refuses upgrades; startGateway serves the same port and data', async () => {
  const alice = await connect(stack.wsUrl, { room: 'restart', username: 'alice' });
  const ack = await alice.request<AckFrame>(
    { action: 'sendMessage', message: 'before the restart', clientMessageId: 'r1' },
    ['ack'],
  );
  const closed = new Promise<number>((resolve) => alice.ws.once('close', (code) => resolve(code)));

  await stack.stopGateway();
  assert.equal(await closed, 1001);
  await assert.rejects(
    connect(stack.wsUrl, { room: 'restart', username: 'bob' }),
    'nothing listens while the gateway is down',
  );

  await stack.startGateway();
  const bob = await connect(stack.wsUrl, { room: 'restart', username: 'bob' });
  const history = await bob.request<HistoryFrame>({ action: 'getHistory' }, ['history']);
  assert.deepEqual(
    history.messages.map((m) => m.messageId),
    [ack.messageId],
    'the data survived the gateway restart',
  );
  assert.equal(await refusedStatus(stack.wsUrl, { room: 'restart' }), 401, 'the authorizer is wired again');
  await bob.close();
});
