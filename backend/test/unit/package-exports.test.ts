import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as backend from '../../src/index.js';
import * as local from '../../src/local/index.js';

test('the package entry exports createChatToken, the table definitions and the auth modes', async () => {
  assert.equal(typeof backend.createChatToken, 'function');
  assert.equal(typeof backend.verifyChatToken, 'function');
  assert.equal(backend.connectionsTable.partitionKey.name, 'connectionId');
  assert.equal(backend.messagesTable.sortKey?.name, 'messageId');
  assert.equal(backend.ROOM_INDEX, 'RoomIndex');
  assert.equal(backend.tableName('p', backend.tables.messages), 'p-messages');
  assert.deepEqual(backend.AUTH_MODES, ['guest', 'token']);
  assert.ok(backend.isAuthMode('token') && !backend.isAuthMode('admin'));
  const token = await backend.createChatToken({ sub: 'u', name: 'Ana', ttlSeconds: 60 }, 'x'.repeat(32));
  assert.equal(token.split('.').length, 3);
});

test('./local exports the gateway and the stack', () => {
  assert.equal(typeof local.startLocalGateway, 'function');
  assert.equal(typeof local.startLocalStack, 'function');
});
