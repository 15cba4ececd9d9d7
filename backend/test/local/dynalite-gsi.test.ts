/**
 * Regression: dynalite (the local DynamoDB) keyed a secondary-index entry by the index key plus only 6 hex
 * characters of an MD5 of the item's primary key, so two connections of one room could share one RoomIndex
 * entry: one of them silently left the room (a broadcast skipped it). patches/dynalite+4.0.0.patch, applied
 * by the root `postinstall` (scripts/patch-dynalite.mjs), keys entries by the whole primary key and rebuilds
 * old-format indexes of a persisted data directory. Everything here fails on an unpatched dynalite. See
 * backend/README.md, "Local DynamoDB: the dynalite GSI patch".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { startLocalDynamo } from '../../src/local/dynamo.js';
import { ConnectionsRepository } from '../../src/repositories/connections.js';
import { ROOM_INDEX } from '../../src/tables.js';

const require = createRequire(import.meta.url);
const dynaliteRequire = createRequire(require.resolve('dynalite'));
type KeySchema = { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
const dynaliteDb = dynaliteRequire('./db/index.js') as {
  /** The 6-hex-character MD5 prefix the unpatched dynalite used as an index entry's only tie-breaker. */
  hashPrefix(hashKey: string, hashType: 'S', rangeKey?: string, rangeType?: 'S'): string;
  createIndexKey(item: Record<string, { S: string }>, table: object, keySchema: KeySchema): string;
};
const { Level } = dynaliteRequire('level') as {
  Level: new (
    path: string,
    options: { valueEncoding: 'json' },
  ) => {
    keys(range: { gt: string; lt: string }): { all(): Promise<string[]> };
    get(key: string): Promise<unknown>;
    batch(ops: ({ type: 'del'; key: string } | { type: 'put'; key: string; value: unknown })[]): Promise<void>;
    close(): Promise<void>;
  };
};

const EXPIRES = 4_102_444_800; // 2100-01-01: never expired in these tests
const NOT_PATCHED = 'dynalite is not patched: run `node scripts/patch-dynalite.mjs` (the root postinstall does)';
/** `cr{n}x104AbCdEfGh=`: among n < 5,000, three pairs share dynalite's 6-character hash (463/973 below 1,000). */
const connectionId = (n: number) => `cr${n}x104AbCdEfGh=`;

/** Groups of ids that the unpatched dynalite stored under one index entry (same index key, same hash). */
function collisionGroups(ids: string[], hash = (id: string) => dynaliteDb.hashPrefix(id, 'S')): string[][] {
  const byHash = new Map<string, string[]>();
  for (const id of ids) byHash.set(hash(id), [...(byHash.get(hash(id)) ?? []), id]);
  return [...byHash.values()].filter((group) => group.length > 1);
}

/** Runs `task` over `items`, `concurrency` at a time. */
async function pool<T>(items: T[], concurrency: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function batchWrite(doc: DynamoDBDocumentClient, table: string, requests: Record<string, unknown>[]) {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < requests.length; i += 25) batches.push(requests.slice(i, i + 25));
  await pool(batches, 8, async (batch) => {
    let pending: Record<string, unknown>[] | undefined = batch;
    for (let attempt = 0; pending?.length; attempt++) {
      assert.ok(attempt < 5, 'BatchWrite kept returning UnprocessedItems');
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending as never } }));
      pending = out.UnprocessedItems?.[table] as Record<string, unknown>[] | undefined;
    }
  });
}

/** Every RoomIndex row of a room, page by page (`Limit`), in either direction; fails on a repeated row. */
async function queryRoomIndex(
  doc: DynamoDBDocumentClient,
  table: string,
  roomId: string,
  { limit, forward = true }: { limit: number; forward?: boolean },
): Promise<Map<string, number>> {
  const rows = new Map<string, number>();
  let startKey: Record<string, unknown> | undefined;
  let pages = 0;
  do {
    const out = await doc.send(
      new QueryCommand({
        TableName: table,
        IndexName: ROOM_INDEX,
        KeyConditionExpression: 'roomId = :room',
        ExpressionAttributeValues: { ':room': roomId },
        ScanIndexForward: forward,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const row of out.Items ?? []) {
      assert.ok(!rows.has(row.connectionId), `${row.connectionId} returned twice`);
      rows.set(row.connectionId as string, row.expiresAt as number);
    }
    startKey = out.LastEvaluatedKey;
    pages++;
  } while (startKey);
  assert.ok(pages > 1 || rows.size < limit, 'paginated');
  return rows;
}

/** Every entry of the RoomIndex (a paginated Scan of the index): `connectionId → roomId`. */
async function scanRoomIndex(doc: DynamoDBDocumentClient, table: string, limit: number): Promise<Map<string, string>> {
  const rows = new Map<string, string>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(
      new ScanCommand({ TableName: table, IndexName: ROOM_INDEX, Limit: limit, ExclusiveStartKey: startKey }),
    );
    for (const row of out.Items ?? []) {
      assert.ok(!rows.has(row.connectionId), `${row.connectionId} scanned twice`);
      rows.set(row.connectionId as string, row.roomId as string);
    }
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return rows;
}

const sorted = (ids: Iterable<string>) => [...ids].sort();

test('index entries carry the full primary key (the dynalite patch is applied)', () => {
  const table = {
    AttributeDefinitions: [
      { AttributeName: 'connectionId', AttributeType: 'S' },
      { AttributeName: 'roomId', AttributeType: 'S' },
    ],
    KeySchema: [{ AttributeName: 'connectionId', KeyType: 'HASH' }],
  };
  const key = (id: string) =>
    dynaliteDb.createIndexKey({ connectionId: { S: id }, roomId: { S: 'r' } }, table, [
      { AttributeName: 'roomId', KeyType: 'HASH' },
    ]);
  const [a, b] = ['cr463x104AbCdEfGh=', 'cr973x104AbCdEfGh='];
  assert.equal(dynaliteDb.hashPrefix(a, 'S'), dynaliteDb.hashPrefix(b, 'S'), 'the pair collides on the 6-char hash');
  assert.notEqual(key(a), key(b), NOT_PATCHED);
  assert.ok(key(a).endsWith(`/${Buffer.from(a).toString('hex')}/`), NOT_PATCHED);
});

test('5,000 members of one room: RoomIndex returns exactly all of them, then exactly what deletes and updates leave', async () => {
  const dynamo = await startLocalDynamo({ ttlSweepIntervalMs: 0 });
  const doc = DynamoDBDocumentClient.from(dynamo.client);
  const table = dynamo.tableNames.connections;
  const ROOM = 'big-room';
  const OTHER = 'other-room';
  try {
    const members = Array.from({ length: 5000 }, (_, n) => connectionId(n));
    const others = Array.from({ length: 50 }, (_, n) => `other${n}AbCdEfGh=`);
    const groups = collisionGroups(members);
    assert.equal(groups.length, 3, 'the room holds ids that the unpatched dynalite merged');
    assert.deepEqual(groups[0], ['cr463x104AbCdEfGh=', 'cr973x104AbCdEfGh=']);

    const item = (id: string, roomId: string) => ({
      connectionId: id,
      roomId,
      username: `u-${id}`,
      userId: id,
      connectedAt: 0,
      expiresAt: EXPIRES,
    });
    await batchWrite(doc, table, [
      ...members.map((id) => ({ PutRequest: { Item: item(id, ROOM) } })),
      ...others.map((id) => ({ PutRequest: { Item: item(id, OTHER) } })),
    ]);

    // Every page size and both directions: all 5,000, once each.
    const forward = await queryRoomIndex(doc, table, ROOM, { limit: 250 });
    assert.equal(forward.size, 5000, NOT_PATCHED);
    assert.deepEqual(sorted(forward.keys()), sorted(members));
    const backward = await queryRoomIndex(doc, table, ROOM, { limit: 333, forward: false });
    assert.deepEqual(sorted(backward.keys()), sorted(members));
    const repository = new ConnectionsRepository(doc, table);
    const viaRepository = await repository.queryRoom(ROOM, Date.now(), 1000);
    assert.deepEqual(sorted(viaRepository.connections.map((c) => c.connectionId)), sorted(members));
    assert.equal((await scanRoomIndex(doc, table, 700)).size, 5050);

    // Deletes, moves to another room, removal of the indexed attribute, updates of a projected attribute and
    // overwrites: one member of every colliding pair is deleted or moved, the other one is updated.
    const deleted = new Set([groups[0][0], groups[1][0], groups[2][0]]);
    const moved = new Set([groups[0][1]]);
    const unindexed = new Set<string>();
    const touched = new Set([groups[1][1], groups[2][1]]);
    const overwritten = new Set<string>();
    const colliding = new Set(groups.flat());
    members.forEach((id, n) => {
      if (colliding.has(id)) return;
      if (n % 7 === 3) deleted.add(id);
      else if (n % 23 === 5) moved.add(id);
      else if (n % 29 === 6) unindexed.add(id);
      else if (n % 31 === 8) touched.add(id);
      else if (n % 37 === 9) overwritten.add(id);
    });
    const bulkDeletes = [...deleted].filter((id) => !groups.some((g) => g.includes(id)));
    await batchWrite(
      doc,
      table,
      bulkDeletes.map((id) => ({ DeleteRequest: { Key: { connectionId: id } } })),
    );
    for (const group of groups) {
      if (deleted.has(group[0]))
        await doc.send(new DeleteCommand({ TableName: table, Key: { connectionId: group[0] } }));
    }
    const update = (id: string, expression: string, values?: Record<string, unknown>) =>
      doc.send(
        new UpdateCommand({
          TableName: table,
          Key: { connectionId: id },
          UpdateExpression: expression,
          ExpressionAttributeValues: values,
        }),
      );
    await pool([...moved], 32, (id) => update(id, 'SET roomId = :room', { ':room': OTHER }));
    await pool([...unindexed], 32, (id) => update(id, 'REMOVE roomId'));
    await pool([...touched], 32, (id) => update(id, 'SET expiresAt = :e', { ':e': EXPIRES + 1 }));
    await pool([...overwritten], 32, (id) =>
      doc.send(new PutCommand({ TableName: table, Item: { ...item(id, ROOM), expiresAt: EXPIRES + 2 } })),
    );

    const expectedRoom = members.filter((id) => !deleted.has(id) && !moved.has(id) && !unindexed.has(id));
    const expectedOther = [...others, ...moved];
    const room = await queryRoomIndex(doc, table, ROOM, { limit: 400 });
    assert.deepEqual(sorted(room.keys()), sorted(expectedRoom));
    assert.deepEqual(
      sorted((await queryRoomIndex(doc, table, ROOM, { limit: 777, forward: false })).keys()),
      sorted(expectedRoom),
    );
    assert.deepEqual(sorted((await queryRoomIndex(doc, table, OTHER, { limit: 100 })).keys()), sorted(expectedOther));
    for (const group of groups) assert.ok(room.has(group[1]) !== moved.has(group[1]), `${group[1]} where it belongs`);
    for (const id of expectedRoom) {
      const expiresAt = touched.has(id) ? EXPIRES + 1 : overwritten.has(id) ? EXPIRES + 2 : EXPIRES;
      assert.equal(room.get(id), expiresAt, `${id}'s projected expiresAt`);
    }
    const index = await scanRoomIndex(doc, table, 1000);
    assert.equal(index.size, expectedRoom.length + expectedOther.length);
    for (const id of expectedOther) assert.equal(index.get(id), OTHER);
    // The sizes the sets ended up with, so a change of the selection above cannot quietly empty one.
    assert.deepEqual(
      [deleted.size, moved.size, unindexed.size, touched.size, overwritten.size, expectedRoom.length],
      [717, 188, 142, 131, 104, 3953],
    );
  } finally {
    await dynamo.close();
  }
});

test('a table with a sort key: LSI and GSI entries stay apart when (partition, sort) share the hash', async () => {
  const dynamo = await startLocalDynamo({ ttlSweepIntervalMs: 0 });
  const doc = DynamoDBDocumentClient.from(dynamo.client);
  const table = 'lsi-gsi-check';
  try {
    const [a, b] = ['m3654', 'm7504'];
    assert.equal(dynaliteDb.hashPrefix('P', 'S', a, 'S'), dynaliteDb.hashPrefix('P', 'S', b, 'S'));
    await dynamo.client.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ['p', 's', 'l', 'g'].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: 'p', KeyType: 'HASH' },
          { AttributeName: 's', KeyType: 'RANGE' },
        ],
        LocalSecondaryIndexes: [
          {
            IndexName: 'ByL',
            KeySchema: [
              { AttributeName: 'p', KeyType: 'HASH' },
              { AttributeName: 'l', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'ByG',
            KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
    const sortKeys = [a, b, 'x1', 'x2', 'x3'];
    for (const s of sortKeys) await doc.send(new PutCommand({ TableName: table, Item: { p: 'P', s, l: 'L', g: 'G' } }));
    const lsi = async () =>
      (
        await doc.send(
          new QueryCommand({
            TableName: table,
            IndexName: 'ByL',
            KeyConditionExpression: 'p = :p AND l = :l',
            ExpressionAttributeValues: { ':p': 'P', ':l': 'L' },
          }),
        )
      ).Items?.map((i) => i.s as string) ?? [];
    const gsi = async () =>
      (
        await doc.send(
          new QueryCommand({
            TableName: table,
            IndexName: 'ByG',
            KeyConditionExpression: 'g = :g',
            ExpressionAttributeValues: { ':g': 'G' },
          }),
        )
      ).Items?.map((i) => i.s as string) ?? [];
    assert.deepEqual(sorted(await lsi()), sorted(sortKeys), NOT_PATCHED);
    assert.deepEqual(sorted(await gsi()), sorted(sortKeys), NOT_PATCHED);
    await doc.send(new DeleteCommand({ TableName: table, Key: { p: 'P', s: a } }));
    assert.deepEqual(sorted(await lsi()), sorted([b, 'x1', 'x2', 'x3']));
    assert.deepEqual(sorted(await gsi()), sorted([b, 'x1', 'x2', 'x3']));
  } finally {
    await dynamo.close();
  }
});

test('a data directory written by the unpatched dynalite: its RoomIndex is rebuilt on open', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-room-dynalite-legacy-'));
  try {
    const ids = Array.from({ length: 1000 }, (_, n) => connectionId(n)); // holds the 463/973 pair
    const first = await startLocalDynamo({ dataDir, ttlSweepIntervalMs: 0 });
    const table = first.tableNames.connections;
    await batchWrite(
      DynamoDBDocumentClient.from(first.client),
      table,
      ids.map((id) => ({ PutRequest: { Item: { connectionId: id, roomId: 'r', expiresAt: EXPIRES } } })),
    );
    await first.close();

    // Rewrite the index as the unpatched dynalite left it: keys end in the 6-character hash, and of the
    // colliding pair only the later entry survives.
    const level = new Level(dataDir, { valueEncoding: 'json' });
    const prefix = `index-global~${table}~${ROOM_INDEX}~`;
    const keys = await level.keys({ gt: prefix, lt: `${prefix}\xff` }).all();
    assert.equal(keys.length, 1000);
    const ops: Parameters<typeof level.batch>[0] = [];
    for (const key of keys) {
      const legacy = key.replace(/^(.*\/[0-9a-f]{6})\/[0-9a-f]+\/$/, '$1');
      assert.notEqual(legacy, key);
      ops.push({ type: 'del', key }, { type: 'put', key: legacy, value: await level.get(key) });
    }
    const lost = ops.findIndex(
      (op) => op.type === 'put' && (op.value as { connectionId: string }).connectionId === 'cr463x104AbCdEfGh=',
    );
    ops.splice(lost, 1);
    await level.batch(ops);
    await level.close();

    const second = await startLocalDynamo({ dataDir, ttlSweepIntervalMs: 0 });
    const doc = DynamoDBDocumentClient.from(second.client);
    try {
      assert.deepEqual(sorted((await queryRoomIndex(doc, table, 'r', { limit: 300 })).keys()), sorted(ids));
      await doc.send(new DeleteCommand({ TableName: table, Key: { connectionId: 'cr973x104AbCdEfGh=' } }));
      const after = await queryRoomIndex(doc, table, 'r', { limit: 300 });
      assert.deepEqual(sorted(after.keys()), sorted(ids.filter((id) => id !== 'cr973x104AbCdEfGh=')));
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
