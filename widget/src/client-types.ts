import type { ChatMessage, ChatState, OutboxEntry, StateChangeDetail, TokenSource } from '@chat-room/client-sdk';

export type { OutboxEntry, StateChangeDetail };
/** Connection states of a `ChatClient` (DESIGN §4). */
export type ConnectionState = ChatState;

/**
 * The part of `ChatClient` the widget uses. The real `ChatClient` of `@chat-room/client-sdk` satisfies it;
 * tests hand the element a fake that does too.
 */
export interface ChatClientLike extends EventTarget {
  readonly state: ConnectionState;
  readonly messages: readonly ChatMessage[];
  readonly outbox: readonly OutboxEntry[];
  readonly hasMoreHistory: boolean;
  readonly username?: string | undefined;
  /** Token mode: the token's `sub`, compared with each message's `userId`. */
  readonly userId?: string | undefined;
  readonly room?: string | undefined;
  connect(): void;
  disconnect(): void;
  reconnect(): void;
  send(text: string): Promise<ChatMessage>;
  loadOlder(): Promise<boolean>;
  setUser(user: { username: string } | { token: TokenSource }): Promise<void> | void;
  retry(clientMessageId: string): Promise<unknown> | void;
  discard(clientMessageId: string): void;
}

/** What the widget hands a client factory. */
export interface ClientOptions {
  url: string;
  room?: string;
  username?: string;
  /** A token, or a function asked for a fresh one before every connect. */
  token?: TokenSource;
}
