/**
 * The Messages table: partition `roomId`, sort key `messageId` (see message-id.ts). Idempotency records
 * share the partition under `~idem#…`, outside the message key range `[0, :)`, so history queries (whose
 * key conditions stay inside that range) never see them; they expire through `expiresAt`.
 */
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { ChatMessage } from '@chat-room/client-sdk/protocol';
import { DuplicateError, isConditionFailure } from '../errors.js';
import { MESSAGE_KEY_END, MESSAGE_KEY_MIN } from '../message-id.js';

/** How long a `clientMessageId` stays reserved: longer than any client keeps an outbox. */
export const IDEMPOTENCY_TTL_SECONDS = 7 * 24 * 60 * 60;
export const IDEMPOTENCY_PREFIX = '~idem#';

export interface StoredMessage extends ChatMessage {
  userId: string;
}

/** A message sent with a `clientMessageId` (the ones an idempotency record can claim). */
export type ClaimableMessage = StoredMessage & { clientMessageId: string };

/** The reservation of `(room, user, clientMessageId)`; it carries the whole message so a retry can finish it. */
export interface IdempotencyRecord {
  roomId: string;
  userId: string;
  clientMessageId: string;
  targetMessageId: string;
  timestamp: number;
  username: string;
  message: string;
  /** Set once the broadcast of the message completed. */
  broadcastAt?: number;
}

export interface MessagePage {
  /** In query order (newest first for `latest`, oldest first for `after`). */
  items: StoredMessage[];
  /** More items exist beyond `items` in query order. */
  hasMore: boolean;
  readCapacityUnits: number;
}

export function idempotencyKey(userId: string, clientMessageId: string): string {
  return `${IDEMPOTENCY_PREFIX}${encodeURIComponent(userId)}#${clientMessageId}`;
}

/** A stored message as the wire's `ChatMessage`: its known fields only. */
export function toChatMessage(stored: StoredMessage): ChatMessage {
  const { messageId, roomId, username, userId, message, timestamp, clientMessageId } = stored;
  return {
    messageId,
    roomId,
    username,
    userId,
    message,
    timestamp,
    ...(clientMessageId !== undefined ? { clientMessageId } : {}),
  };
}

/** The idempotency record claiming `message`'s `(room, user, clientMessageId)`. */
export function claimOf(message: ClaimableMessage): IdempotencyRecord {
  const { roomId, userId, clientMessageId, messageId, timestamp, username } = message;
  return { roomId, userId, clientMessageId, targetMessageId: messageId, timestamp, username, message: message.message };
}

/** The message an idempotency record claims. */
export function claimedMessage(record: IdempotencyRecord): ClaimableMessage {
  const { roomId, userId, clientMessageId, targetMessageId, timestamp, username, message } = record;
  return { messageId: targetMessageId, roomId, userId, clientMessageId, timestamp, username, message };
}

/** A message item as read from the table (attributes typed as they were written). */
function toStored(item: Record<string, unknown>): StoredMessage {
  const message: StoredMessage = {
    messageId: String(item.messageId),
    roomId: String(item.roomId),
    username: String(item.username),
    message: String(item.message),
    timestamp: Number(item.timestamp),
    userId: String(item.userId),
  };
  if (typeof item.clientMessageId === 'string') message.clientMessageId = item.clientMessageId;
  return message;
}

export class MessagesRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Stores a message; {@link DuplicateError} when that `messageId` is already stored. */
  async putMessage(message: StoredMessage): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: message,
          ConditionExpression: 'attribute_not_exists(messageId)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error))
        throw new DuplicateError(`message ${message.messageId} is already stored`, { cause: error });
      throw error;
    }
  }

  /** Reserves `(room, user, clientMessageId)`; {@link DuplicateError} when someone already did. */
  async claim(record: IdempotencyRecord, nowMs: number): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...record,
            messageId: idempotencyKey(record.userId, record.clientMessageId),
            expiresAt: Math.floor(nowMs / 1000) + IDEMPOTENCY_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(messageId)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error))
        throw new DuplicateError(`clientMessageId ${record.clientMessageId} is already used`, { cause: error });
      throw error;
    }
  }

  async getClaim(roomId: string, userId: string, clientMessageId: string): Promise<IdempotencyRecord | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: { roomId, messageId: idempotencyKey(userId, clientMessageId) },
        ConsistentRead: true,
      }),
    );
    if (!out.Item) return undefined;
    const item = out.Item;
    const claimed = toStored({ ...item, messageId: item.targetMessageId });
    const record = claimOf({ ...claimed, clientMessageId: String(item.clientMessageId) });
    if (typeof item.broadcastAt === 'number') record.broadcastAt = item.broadcastAt;
    return record;
  }

  async markBroadcast(roomId: string, userId: string, clientMessageId: string, atMs: number): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { roomId, messageId: idempotencyKey(userId, clientMessageId) },
        UpdateExpression: 'SET broadcastAt = :at',
        ConditionExpression: 'attribute_exists(messageId)',
        ExpressionAttributeValues: { ':at': atMs },
      }),
    );
  }

  /** Newest first: the `limit` messages older than `before` (exclusive), or the latest. One Query. */
  async latest(roomId: string, limit: number, before?: string): Promise<MessagePage> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: before
          ? 'roomId = :room AND messageId < :before'
          : 'roomId = :room AND messageId BETWEEN :min AND :end',
        ExpressionAttributeValues: before
          ? { ':room': roomId, ':before': before }
          : { ':room': roomId, ':min': MESSAGE_KEY_MIN, ':end': MESSAGE_KEY_END },
        ScanIndexForward: false,
        Limit: limit + 1,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    // `before` is a validated message id (digits first), so `< before` stays inside the message range.
    const items = (out.Items ?? []).map(toStored);
    return {
      items: items.slice(0, limit),
      hasMore: items.length > limit,
      readCapacityUnits: out.ConsumedCapacity?.CapacityUnits ?? 0,
    };
  }

  /** Oldest first: up to `limit` messages newer than `after` (exclusive). One Query. */
  async after(roomId: string, after: string, limit: number): Promise<MessagePage> {
    // BETWEEN is inclusive and `> after` would reach the idempotency records: ask for one more and drop `after`.
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'roomId = :room AND messageId BETWEEN :after AND :end',
        ExpressionAttributeValues: { ':room': roomId, ':after': after, ':end': MESSAGE_KEY_END },
        ScanIndexForward: true,
        Limit: limit + 2,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    const items = (out.Items ?? []).map(toStored).filter((m) => m.messageId !== after);
    return {
      items: items.slice(0, limit),
      hasMore: items.length > limit,
      readCapacityUnits: out.ConsumedCapacity?.CapacityUnits ?? 0,
    };
  }
}
