import type { StateChangeDetail } from '@chat-room/client-sdk';
import type { ChatMessage } from '@chat-room/client-sdk/protocol';

export interface ChatMessageEventDetail {
  message: ChatMessage;
  /** True when the message was sent by this widget's user. */
  own: boolean;
}

export type ChatStatusEventDetail = StateChangeDetail;

/** The `ChatError` the client reported, as plain data. */
export interface ChatErrorEventDetail {
  /** A protocol error code (`RATE_LIMITED`, ...) or a connection code from the SDK (`AUTH_REFUSED`, ...). */
  code: string;
  message: string;
  /** The send it failed, when it is about one of the user's messages. */
  clientMessageId?: string;
}

export type ChatOpenEventDetail = Record<string, never>;
export type ChatCloseEventDetail = Record<string, never>;

export interface ChatRoomEventMap {
  'chat-message': CustomEvent<ChatMessageEventDetail>;
  'chat-status': CustomEvent<ChatStatusEventDetail>;
  'chat-error': CustomEvent<ChatErrorEventDetail>;
  'chat-open': CustomEvent<ChatOpenEventDetail>;
  'chat-close': CustomEvent<ChatCloseEventDetail>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends ChatRoomEventMap {}
}

/** Dispatches one of the widget's events: bubbling and composed, so it crosses shadow roots. */
export function emit<K extends keyof ChatRoomEventMap>(
  target: EventTarget,
  type: K,
  detail: ChatRoomEventMap[K]['detail'],
): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
