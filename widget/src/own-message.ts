import type { ChatMessage } from '@chat-room/client-sdk/protocol';
import type { ChatClientLike } from './client-types.js';

/**
 * Whether the widget's user sent `message`. Token mode: by the sender's id, so two people with one display
 * name are told apart. Guests: by name (a guest's id derives from the name anyway), the client's or, before
 * it has one, the element's `username`.
 */
export function isOwnMessage(message: ChatMessage, client: ChatClientLike | undefined, username?: string): boolean {
  if (client?.userId && message.userId) return message.userId === client.userId;
  const name = client?.username ?? username;
  return !!name && message.username === name;
}
