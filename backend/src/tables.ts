/**
 * The DynamoDB table definitions: the one source of truth that the local stack (CreateTable against
 * dynalite) and the cdktf stack (aws_dynamodb_table) both read.
 */

export type AttributeType = 'S' | 'N' | 'B';

export interface KeyAttribute {
  name: string;
  type: AttributeType;
}

export interface GlobalSecondaryIndexDefinition {
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  projection: { type: 'ALL' | 'KEYS_ONLY' } | { type: 'INCLUDE'; nonKeyAttributes: string[] };
}

export interface TableDefinition {
  /** Logical name: the physical name is `${prefix}-${id}` (see {@link tableName}). */
  id: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  billingMode: 'PAY_PER_REQUEST';
  /** Attribute holding an epoch-seconds expiry that DynamoDB's TTL deletes (lazily). */
  ttlAttribute?: string;
  globalSecondaryIndexes: GlobalSecondaryIndexDefinition[];
}

/** Name of the GSI on Connections that a broadcast queries. */
export const ROOM_INDEX = 'RoomIndex';

/**
 * Connections: one item per open WebSocket. `expiresAt` (epoch seconds) is a little past API Gateway's
 * 2-hour maximum; reads skip expired rows because TTL deletion is lazy. Per-connection rate-limit state
 * (`rateWindowStart`, `rateCount`) lives on the same item and is updated atomically.
 */
export const connectionsTable: TableDefinition = {
  id: 'connections',
  partitionKey: { name: 'connectionId', type: 'S' },
  billingMode: 'PAY_PER_REQUEST',
  ttlAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    {
      name: ROOM_INDEX,
      partitionKey: { name: 'roomId', type: 'S' },
      projection: { type: 'INCLUDE', nonKeyAttributes: ['expiresAt'] },
    },
  ],
};

/**
 * Messages: partition `roomId`, sort key `messageId` (time-ordered and unique even within one
 * millisecond). Idempotency records for `clientMessageId` live in the same partition under a key prefix
 * outside the message range and expire through `expiresAt`.
 */
export const messagesTable: TableDefinition = {
  id: 'messages',
  partitionKey: { name: 'roomId', type: 'S' },
  sortKey: { name: 'messageId', type: 'S' },
  billingMode: 'PAY_PER_REQUEST',
  ttlAttribute: 'expiresAt',
  globalSecondaryIndexes: [],
};

export const tables = { connections: connectionsTable, messages: messagesTable } as const;

/** Physical table name for a deployment prefix, e.g. `chat-room-dev-connections`. */
export function tableName(prefix: string, table: TableDefinition): string {
  return `${prefix}-${table.id}`;
}

/** Every attribute that is a key of the table or of one of its indexes (what CreateTable must declare). */
export function keyAttributes(table: TableDefinition): KeyAttribute[] {
  const all = [
    table.partitionKey,
    table.sortKey,
    ...table.globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  const seen = new Map<string, KeyAttribute>();
  for (const a of all) if (a && !seen.has(a.name)) seen.set(a.name, a);
  return [...seen.values()];
}
