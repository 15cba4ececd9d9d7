import { ChatClient } from '@chat-room/client-sdk';
import type { ChatClientLike, ClientOptions } from './client-types.js';

/** The default client factory: a real `ChatClient` of `@chat-room/client-sdk`. */
export function createChatClient(options: ClientOptions): ChatClientLike {
  return new ChatClient(options);
}
