/**
 * A local DynamoDB: dynalite on a free port (in memory, or LevelDB under `dataDir` when persisting),
 * with the project's tables created from the shared definitions when missing. dynalite implements
 * neither TTL deletion nor UpdateTimeToLive, so this module sweeps expired items itself (at start and
 * then periodically), which is what DynamoDB's TTL would eventually do.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  waitUntilTableExists,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { keyAttributes, tableName, tables, type TableDefinition } from '../tables.js';

const require = createRequire(import.meta.url);
const dynalite = require('dynalite') as (options: Record<string, unknown>) => Server;
// dynalite's own LevelDB binding (classic-level, prebuilt for common platforms).
const { Level } = createRequire(require.resolve('dynalite'))('level') as {
  Level: new (path: string) => { open(): Promise<void>; close(): Promise<void> };
};

/**
 * dynalite opens its LevelDB lazily and crashes the process on the first request when it cannot (most
 * often: another running stack holds the directory's lock). Open it once first to fail with a clear error.
 */
async function checkDataDir(dataDir: string): Promise<void> {
  const db = new Level(dataDir);
  try {
    await db.open();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    const locked = cause?.code === 'LEVEL_LOCKED';
    throw new Error(
      locked
        ? `the data directory ${dataDir} is in use by another running stack (stop it, or set another data directory)`
        : `cannot open the data directory ${dataDir}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  await db.close();
}

export interface LocalDynamoOptions {
  /** LevelDB directory; in memory when absent. */
  dataDir?: string;
  host?: string;
  port?: number;
  /** Physical table names are `${prefix}-${id}`. */
  tablePrefix?: string;
  /** How often expired items are swept (ms); 0 disables the periodic sweep. */
  ttlSweepIntervalMs?: number;
}

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBClient;
  tableNames: { connections: string; messages: string };
  /** Deletes every item whose TTL attribute has passed; returns how many. */
  sweepExpired(nowMs?: number): Promise<number>;
  close(): Promise<void>;
}

export function createTableInput(name: string, table: TableDefinition): CreateTableCommandInput {
  const keySchema = (pk: { name: string }, sk?: { name: string }) => [
    { AttributeName: pk.name, KeyType: 'HASH' as const },
    ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : []),
  ];
  const input: CreateTableCommandInput = {
    TableName: name,
    BillingMode: table.billingMode,
    AttributeDefinitions: keyAttributes(table).map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
    KeySchema: keySchema(table.partitionKey, table.sortKey),
  };
  if (table.globalSecondaryIndexes.length) {
    input.GlobalSecondaryIndexes = table.globalSecondaryIndexes.map((index) => ({
      IndexName: index.name,
      KeySchema: keySchema(index.partitionKey, index.sortKey),
      Projection:
        index.projection.type === 'INCLUDE'
          ? { ProjectionType: 'INCLUDE', NonKeyAttributes: index.projection.nonKeyAttributes }
          : { ProjectionType: index.projection.type },
    }));
  }
  return input;
}

async function ensureTable(client: DynamoDBClient, name: string, table: TableDefinition): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: name }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException) && (error as Error).name !== 'ResourceNotFoundException')
      throw error;
  }
  await client.send(new CreateTableCommand(createTableInput(name, table)));
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.2 }, { TableName: name });
}

async function sweepTable(
  doc: DynamoDBDocumentClient,
  name: string,
  table: TableDefinition,
  nowSeconds: number,
): Promise<number> {
  const ttl = table.ttlAttribute;
  if (!ttl) return 0;
  let deleted = 0;
  let startKey: Record<string, unknown> | undefined;
  const keyNames = [table.partitionKey.name, ...(table.sortKey ? [table.sortKey.name] : [])];
  do {
    const out = await doc.send(
      new ScanCommand({
        TableName: name,
        FilterExpression: '#ttl <= :now',
        ExpressionAttributeNames: { '#ttl': ttl },
        ExpressionAttributeValues: { ':now': nowSeconds },
        ExclusiveStartKey: startKey,
      }),
    );
    const keys = (out.Items ?? []).map((item) => Object.fromEntries(keyNames.map((k) => [k, item[k]])));
    for (let i = 0; i < keys.length; i += 25) {
      const batch = keys.slice(i, i + 25);
      let requests: Record<string, unknown>[] | undefined = batch.map((Key) => ({ DeleteRequest: { Key } }));
      for (let attempt = 0; requests?.length && attempt < 5; attempt++) {
        const res = await doc.send(new BatchWriteCommand({ RequestItems: { [name]: requests as never } }));
        requests = res.UnprocessedItems?.[name] as Record<string, unknown>[] | undefined;
      }
      deleted += batch.length;
    }
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return deleted;
}

export async function startLocalDynamo(options: LocalDynamoOptions = {}): Promise<LocalDynamo> {
  const {
    dataDir,
    host = '127.0.0.1',
    port = 0,
    tablePrefix = 'chat-room-local',
    ttlSweepIntervalMs = 60_000,
  } = options;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    await checkDataDir(dataDir);
  }
  const server = dynalite({ path: dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const endpoint = `http://${host}:${address.port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const doc = DynamoDBDocumentClient.from(client);
  const tableNames = {
    connections: tableName(tablePrefix, tables.connections),
    messages: tableName(tablePrefix, tables.messages),
  };

  const closeServer = () =>
    new Promise<void>((resolve, reject) => server.close((error?: Error) => (error ? reject(error) : resolve())));
  try {
    await ensureTable(client, tableNames.connections, tables.connections);
    await ensureTable(client, tableNames.messages, tables.messages);
  } catch (error) {
    client.destroy();
    await closeServer().catch(() => undefined);
    throw error;
  }

  const sweepExpired = async (nowMs = Date.now()): Promise<number> => {
    const now = Math.floor(nowMs / 1000);
    return (
      (await sweepTable(doc, tableNames.connections, tables.connections, now)) +
      (await sweepTable(doc, tableNames.messages, tables.messages, now))
    );
  };
  await sweepExpired();
  let sweeping: Promise<unknown> = Promise.resolve();
  const timer =
    ttlSweepIntervalMs > 0
      ? setInterval(() => {
          sweeping = sweepExpired().catch(() => undefined);
        }, ttlSweepIntervalMs)
      : undefined;
  timer?.unref();

  let closed: Promise<void> | undefined;
  return {
    endpoint,
    client,
    tableNames,
    sweepExpired,
    close: () => {
      closed ??= (async () => {
        if (timer) clearInterval(timer);
        await sweeping;
        client.destroy();
        await closeServer();
      })();
      return closed;
    },
  };
}
