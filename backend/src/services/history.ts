/**
 * getHistory: one Query per request. `before`/latest: newest first with Limit, returned oldest → newest
 * with `hasMore` and a `cursor` (the oldest id returned) to page back. `after` (gap-fill): the messages
 * newer than a message id, oldest first, up to `limit`, with `hasMore`. The reply is trimmed to fit
 * one frame (MAX_FRAME_BYTES); what is trimmed is reported through `hasMore`/`cursor`.
 */
import {
  HISTORY_DEFAULT_LIMIT,
  MAX_FRAME_BYTES,
  utf8ByteLength,
  type GetHistoryFrame,
  type HistoryFrame,
} from '@chat-room/client-sdk/protocol';
import { InvalidRequestError } from '../errors.js';
import { isMessageId } from '../message-id.js';
import { toChatMessage, type MessagesRepository } from '../repositories/messages.js';

/** Bytes kept free for the `cursor` field added after trimming. */
const CURSOR_ROOM = 64;

export interface HistoryResult {
  frame: HistoryFrame;
  readCapacityUnits: number;
}

export async function getHistory(
  messages: MessagesRepository,
  roomId: string,
  request: GetHistoryFrame,
): Promise<HistoryResult> {
  const limit = request.limit ?? HISTORY_DEFAULT_LIMIT;
  if (request.after !== undefined) {
    if (!isMessageId(request.after)) throw new InvalidRequestError('"after" is not a message id from this server');
    const page = await messages.after(roomId, request.after, limit);
    const frame: HistoryFrame = {
      type: 'history',
      roomId,
      messages: page.items.map(toChatMessage),
      hasMore: page.hasMore,
    };
    while (frame.messages.length > 0 && utf8ByteLength(JSON.stringify(frame)) > MAX_FRAME_BYTES - CURSOR_ROOM) {
      frame.messages.pop();
      frame.hasMore = true;
    }
    return { frame, readCapacityUnits: page.readCapacityUnits };
  }
  if (request.before !== undefined && !isMessageId(request.before)) {
    throw new InvalidRequestError('"before" is not a cursor from this server');
  }
  const page = await messages.latest(roomId, limit, request.before);
  const frame: HistoryFrame = {
    type: 'history',
    roomId,
    messages: page.items.map(toChatMessage).reverse(),
    hasMore: page.hasMore,
  };
  while (frame.messages.length > 0 && utf8ByteLength(JSON.stringify(frame)) > MAX_FRAME_BYTES - CURSOR_ROOM) {
    frame.messages.shift();
    frame.hasMore = true;
  }
  if (frame.hasMore && frame.messages.length > 0) frame.cursor = frame.messages[0]!.messageId;
  return { frame, readCapacityUnits: page.readCapacityUnits };
}
