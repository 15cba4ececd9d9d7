import type { ChatClient, ChatClientOptions } from '@chat-room/client-sdk';

/**
 * The part of `ChatClient` the widget uses, taken from the SDK's own class so the two cannot drift: a
 * change of any of these members in the SDK fails the widget's typecheck, and so does the test fake
 * (`src/test/fake-client.ts`), which implements this same type. `addEventListener` keeps the SDK's typing
 * by `ChatClientEventMap`.
 */
export type ChatClientLike = Pick<
  ChatClient,
  | 'state'
  | 'messages'
  | 'outbox'
  | 'hasMoreHistory'
  | 'username'
  | 'userId'
  | 'room'
  | 'connect'
  | 'disconnect'
  | 'reconnect'
  | 'send'
  | 'loadOlder'
  | 'setUser'
  | 'retry'
  | 'discard'
  | 'addEventListener'
  | 'removeEventListener'
>;

/** The `ChatClient` options the widget takes from its attributes and hands a client factory. */
export type ClientOptions = Pick<ChatClientOptions, 'url' | 'room' | 'username' | 'token'>;

/** Makes the element's client when none is injected (`ChatRoomElement.clientFactory`). */
export type ClientFactory = (options: ClientOptions) => ChatClientLike;
