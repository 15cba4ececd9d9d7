import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalDynamo } from '../../src/local/dynamo.js';
import { ROOM_INDEX } from '../../src/tables.js';

test('tables are created from the shared definitions, with the RoomIndex GSI', async () => {
  const dynamo = await startLocalDynamo({ ttlSweepIntervalMs: 0 });
  try {
    const { Table } = await dynamo.client.send(new DescribeTableCommand({ TableName: dynamo.tableNames.connections }));
    assert.deepEqual(Table?.KeySchema, [{ AttributeName: 'connectionId', KeyType: 'HASH' }]);
    const index = Table?.GlobalSecondaryIndexes?.[0];
    assert.equal(index?.IndexName, ROOM_INDEX);
    assert.deepEqual(index?.Projection, { ProjectionType: 'INCLUDE', NonKeyAttributes: ['expiresAt'] });
    const messages = await dynamo.client.send(new DescribeTableCommand({ TableName: dynamo.tableNames.messages }));
    assert.deepEqual(messages.Table?.KeySchema, [
      { AttributeName: 'roomId', KeyType: 'HASH' },
      { AttributeName: 'messageId', KeyType: 'RANGE' },
    ]);
  } finally {
    await dynamo.close();
  }
});

test('data persists in dataDir across a restart; expired items are swept', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-room-dynamo-'));
  try {
    const first = await startLocalDynamo({ dataDir, ttlSweepIntervalMs: 0 });
    const doc = DynamoDBDocumentClient.from(first.client);
    const now = Math.floor(Date.now() / 1000);
    await doc.send(
      new PutCommand({
        TableName: first.tableNames.messages,
        Item: { roomId: 'r', messageId: 'keep', expiresAt: now + 3600 },
      }),
    );
    await doc.send(new PutCommand({ TableName: first.tableNames.messages, Item: { roomId: 'r', messageId: 'plain' } }));
    await doc.send(
      new PutCommand({
        TableName: first.tableNames.connections,
        Item: { connectionId: 'old', roomId: 'r', expiresAt: now - 10 },
      }),
    );
    await first.close();

    const second = await startLocalDynamo({ dataDir, ttlSweepIntervalMs: 0 });
    const doc2 = DynamoDBDocumentClient.from(second.client);
    const get = async (TableName: string, Key: Record<string, string>) =>
      (await doc2.send(new GetCommand({ TableName, Key }))).Item;
    assert.ok(await get(second.tableNames.messages, { roomId: 'r', messageId: 'keep' }));
    assert.ok(await get(second.tableNames.messages, { roomId: 'r', messageId: 'plain' }));
    assert.equal(await get(second.tableNames.connections, { connectionId: 'old' }), undefined, 'swept at start');
    await doc2.send(
      new PutCommand({
        TableName: second.tableNames.messages,
        Item: { roomId: 'r', messageId: 'soon', expiresAt: now + 5 },
      }),
    );
    assert.equal(await second.sweepExpired((now + 6) * 1000), 1);
    assert.equal(await get(second.tableNames.messages, { roomId: 'r', messageId: 'soon' }), undefined);
    await second.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a data directory held by another running stack is a clear error, not a crash', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-room-dynamo-lock-'));
  const first = await startLocalDynamo({ dataDir, ttlSweepIntervalMs: 0 });
  try {
    await assert.rejects(startLocalDynamo({ dataDir, ttlSweepIntervalMs: 0 }), /in use by another running stack/);
  } finally {
    await first.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
