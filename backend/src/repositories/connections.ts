/**
 * The Connections table: one item per open WebSocket, the room index a broadcast queries, and the
 * per-connection rate-limit window (updated atomically on the same item).
 */
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ROOM_INDEX } from '../tables.js';
import { ConnectionNotFoundError, RateLimitedUntilError, isConditionFailure } from '../errors.js';
import type { ConnectionIdentity } from '../identity.js';

/** API Gateway's 2-hour maximum plus a margin: after this a row is certainly stale. */
export const CONNECTION_TTL_SECONDS = 2 * 60 * 60 + 10 * 60;

export interface ConnectionItem extends ConnectionIdentity {
  /** Epoch milliseconds. */
  connectedAt: number;
  /** Epoch seconds (the TTL attribute). */
  expiresAt: number;
}

export interface RoomConnection {
  connectionId: string;
  expiresAt: number;
}

export interface RoomQueryResult {
  connections: RoomConnection[];
  /** Rows skipped because their `expiresAt` has passed (TTL deletes lazily). */
  expired: number;
  /** Read capacity units consumed by every page, as DynamoDB reported them. */
  readCapacityUnits: number;
  pages: number;
}

export interface RateLimitOptions {
  limit: number;
  windowMs: number;
  nowMs: number;
}

export class ConnectionsRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  static item(input: Omit<ConnectionItem, 'expiresAt'>): ConnectionItem {
    return { ...input, expiresAt: Math.floor(input.connectedAt / 1000) + CONNECTION_TTL_SECONDS };
  }

  async put(item: ConnectionItem): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: item }));
  }

  async delete(connectionId: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: { connectionId } }));
  }

  /** The connection, or undefined when missing or expired. */
  async get(connectionId: string, nowMs = Date.now()): Promise<ConnectionItem | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { connectionId }, ConsistentRead: true }),
    );
    const item = out.Item as ConnectionItem | undefined;
    if (!item || item.expiresAt * 1000 <= nowMs) return undefined;
    return item;
  }

  /** Every live connection of a room: all pages of the RoomIndex query, expired rows skipped. */
  async queryRoom(roomId: string, nowMs = Date.now(), pageSize?: number): Promise<RoomQueryResult> {
    const result: RoomQueryResult = { connections: [], expired: 0, readCapacityUnits: 0, pages: 0 };
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: ROOM_INDEX,
          KeyConditionExpression: 'roomId = :room',
          ExpressionAttributeValues: { ':room': roomId },
          ExclusiveStartKey: startKey,
          ...(pageSize ? { Limit: pageSize } : {}),
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      result.pages++;
      result.readCapacityUnits += out.ConsumedCapacity?.CapacityUnits ?? 0;
      for (const row of out.Items ?? []) {
        const connectionId = row.connectionId as string;
        const expiresAt = Number(row.expiresAt);
        if (Number.isFinite(expiresAt) && expiresAt * 1000 <= nowMs) result.expired++;
        else result.connections.push({ connectionId, expiresAt });
      }
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return result;
  }

  /**
   * Counts one message against the connection's fixed window, atomically: either increments the count
   * inside the current window (while under the limit) or starts a new window. Throws
   * {@link RateLimitedUntilError} when over, {@link ConnectionNotFoundError} when the item is gone.
   */
  async consumeRate(connectionId: string, { limit, windowMs, nowMs }: RateLimitOptions): Promise<void> {
    const windowFloor = nowMs - windowMs;
    const increment = () =>
      this.conditional(
        new UpdateCommand({
          TableName: this.table,
          Key: { connectionId },
          UpdateExpression: 'SET rateCount = rateCount + :one',
          ConditionExpression: 'attribute_exists(connectionId) AND rateWindowStart > :floor AND rateCount < :limit',
          ExpressionAttributeValues: { ':one': 1, ':floor': windowFloor, ':limit': limit },
        }),
      );
    const startWindow = () =>
      this.conditional(
        new UpdateCommand({
          TableName: this.table,
          Key: { connectionId },
          UpdateExpression: 'SET rateWindowStart = :now, rateCount = :one',
          ConditionExpression:
            'attribute_exists(connectionId) AND (attribute_not_exists(rateWindowStart) OR rateWindowStart <= :floor)',
          ExpressionAttributeValues: { ':now': nowMs, ':one': 1, ':floor': windowFloor },
        }),
      );
    // A concurrent request may start the window between our two attempts: then count in it once more.
    if ((await increment()) || (await startWindow()) || (await increment())) return;
    // Over the limit in the current window, or no such connection.
    const item = await this.get(connectionId, nowMs);
    if (!item) throw new ConnectionNotFoundError(connectionId);
    const windowStart = Number((item as { rateWindowStart?: unknown }).rateWindowStart);
    throw new RateLimitedUntilError(limit, windowMs, Number.isFinite(windowStart) ? windowStart + windowMs : nowMs);
  }

  /** Sends a conditional update: true when applied, false when its condition failed. */
  private async conditional(command: UpdateCommand): Promise<boolean> {
    try {
      await this.db.send(command);
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
