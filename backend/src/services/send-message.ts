/**
 * sendMessage: rate limit, store (idempotent by room + user + clientMessageId), broadcast, ack.
 *
 * Idempotency without transactions (dynalite has none, and this needs none): the first attempt *claims*
 * `(room, user, clientMessageId)` with a conditional put of an idempotency record that carries the whole
 * message (id, timestamp, text); then it stores the message, broadcasts it and marks the record
 * `broadcastAt`. A retry that finds the claim:
 * - marked `broadcastAt`: answers the original ack; nothing is stored or broadcast again;
 * - not marked (the first attempt failed or was cut off after claiming): finishes the job with the
 *   recorded id and timestamp: stores the message if missing (a conditional put) and broadcasts it.
 *   If the first attempt had in fact broadcast before dying, recipients see the same `messageId`
 *   twice, which clients de-duplicate; a message is never lost and never stored twice.
 */
import type { ChatMessage, MessageFrame, SendMessageFrame } from '@chat-room/client-sdk/protocol';
import { DuplicateError, RateLimitedError, RateLimitedUntilError } from '../errors.js';
import type { ConnectionsApi } from '../aws/connections-api.js';
import type { ConnectionIdentity } from '../identity.js';
import type { Logger } from '../log.js';
import { createMessageId } from '../message-id.js';
import type { ConnectionsRepository } from '../repositories/connections.js';
import {
  claimOf,
  claimedMessage,
  toChatMessage,
  type ClaimableMessage,
  type MessagesRepository,
  type StoredMessage,
} from '../repositories/messages.js';
import { broadcastToRoom, type BroadcastOptions, type BroadcastResult } from './broadcast.js';

export interface SendMessageDeps {
  connections: ConnectionsRepository;
  messages: MessagesRepository;
  connectionsApi: Pick<ConnectionsApi, 'post'>;
  log: Logger;
  rateLimit: { limit: number; windowMs: number };
  broadcast: Omit<BroadcastOptions, 'nowMs'>;
}

export interface SendResult {
  message: ChatMessage;
  /** A retry of a message already stored and broadcast: nothing was done again. */
  duplicate: boolean;
  broadcast?: BroadcastResult;
}

async function storeOnce(messages: MessagesRepository, stored: StoredMessage): Promise<void> {
  try {
    await messages.putMessage(stored);
  } catch (error) {
    if (!(error instanceof DuplicateError)) throw error;
  }
}

/** Broadcasts to the room, the sender first: its copy confirms the send (the ack comes after the whole broadcast). */
async function publish(
  deps: SendMessageDeps,
  stored: StoredMessage,
  sender: ConnectionIdentity,
  nowMs: number,
): Promise<BroadcastResult> {
  const frame: MessageFrame = { type: 'message', ...toChatMessage(stored) };
  return broadcastToRoom(deps, stored.roomId, JSON.stringify(frame), {
    ...deps.broadcast,
    nowMs,
    first: sender.connectionId,
  });
}

/**
 * Connections this container found over their rate, with the end of their window. A flood is then
 * answered RATE_LIMITED without touching DynamoDB (each refused check otherwise costs three failed
 * conditional writes, which consume write capacity, and a read). Exact for a fixed window: a count
 * cannot go down before the window ends. Bounded: the oldest entries go first.
 */
const limitedUntil = new Map<string, number>();
const MAX_LIMITED_TRACKED = 10_000;

async function consumeRate(deps: SendMessageDeps, connectionId: string, nowMs: number): Promise<void> {
  const until = limitedUntil.get(connectionId);
  if (until !== undefined) {
    if (nowMs < until) throw new RateLimitedError(deps.rateLimit.limit, deps.rateLimit.windowMs);
    limitedUntil.delete(connectionId);
  }
  try {
    await deps.connections.consumeRate(connectionId, { ...deps.rateLimit, nowMs });
  } catch (error) {
    if (error instanceof RateLimitedUntilError && error.retryAt > nowMs) {
      if (limitedUntil.size >= MAX_LIMITED_TRACKED) limitedUntil.delete(limitedUntil.keys().next().value!);
      limitedUntil.set(connectionId, error.retryAt);
    }
    throw error;
  }
}

export async function sendMessage(
  deps: SendMessageDeps,
  sender: ConnectionIdentity,
  frame: SendMessageFrame,
  nowMs = Date.now(),
): Promise<SendResult> {
  await consumeRate(deps, sender.connectionId, nowMs);

  const stored: StoredMessage = {
    messageId: createMessageId(nowMs),
    roomId: sender.roomId,
    username: sender.username,
    userId: sender.userId,
    message: frame.message,
    timestamp: nowMs,
  };
  const clientMessageId = frame.clientMessageId;
  if (clientMessageId === undefined) {
    await deps.messages.putMessage(stored);
    return { message: toChatMessage(stored), duplicate: false, broadcast: await publish(deps, stored, sender, nowMs) };
  }
  const claimed: ClaimableMessage = { ...stored, clientMessageId };
  try {
    await deps.messages.claim(claimOf(claimed), nowMs);
  } catch (error) {
    if (!(error instanceof DuplicateError)) throw error;
    return resume(deps, sender, clientMessageId, nowMs);
  }

  await deps.messages.putMessage(claimed);
  return finish(deps, claimed, sender, nowMs);
}

/** Broadcasts a claimed message that is stored, then marks its claim broadcast. */
async function finish(
  deps: SendMessageDeps,
  claimed: ClaimableMessage,
  sender: ConnectionIdentity,
  nowMs: number,
): Promise<SendResult> {
  const broadcast = await publish(deps, claimed, sender, nowMs);
  await deps.messages.markBroadcast(claimed.roomId, claimed.userId, claimed.clientMessageId, Date.now());
  return { message: toChatMessage(claimed), duplicate: false, broadcast };
}

/** A retry: answer the original, finishing whatever the first attempt did not. */
async function resume(
  deps: SendMessageDeps,
  sender: ConnectionIdentity,
  clientMessageId: string,
  nowMs: number,
): Promise<SendResult> {
  const record = await deps.messages.getClaim(sender.roomId, sender.userId, clientMessageId);
  if (!record) throw new Error(`idempotency record for ${clientMessageId} vanished between the claim and the read`);
  const claimed = claimedMessage(record);
  if (record.broadcastAt !== undefined) {
    deps.log.info('duplicate sendMessage answered with the original ack', { messageId: claimed.messageId });
    return { message: toChatMessage(claimed), duplicate: true };
  }
  deps.log.info('resuming an unfinished sendMessage', { messageId: claimed.messageId });
  await storeOnce(deps.messages, claimed);
  return finish(deps, claimed, sender, nowMs);
}
