import { ErrorCode, validateClientMessageId, type ErrorFrame, type ServerFrame } from '@chat-room/client-sdk/protocol';
import type { WebSocketResult } from './events.js';

/** A two-way route's reply: API Gateway sends `body` back to the caller as one text frame. */
export function reply(frame: ServerFrame): WebSocketResult {
  return { statusCode: 200, body: JSON.stringify(frame) };
}

export function errorReply(code: ErrorCode, message: string, clientMessageId?: string): WebSocketResult {
  const frame: ErrorFrame = { type: 'error', code, message };
  if (clientMessageId !== undefined) frame.clientMessageId = clientMessageId;
  return reply(frame);
}

/** The frame's `clientMessageId`, when it has a valid one (so an error can name the send it refers to). */
export function validClientMessageId(data: Record<string, unknown>): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(data, 'clientMessageId')) return undefined;
  const checked = validateClientMessageId(data.clientMessageId);
  return checked.ok ? checked.value : undefined;
}

export { ErrorCode };
