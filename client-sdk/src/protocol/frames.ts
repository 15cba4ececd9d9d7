import type { ErrorCode } from './codes.js';

// ---- client → server -------------------------------------------------------------------------

export interface SendMessageFrame {
  action: 'sendMessage';
  message: string;
  /** Idempotency key chosen by the client (≤ 64 visible ASCII characters). */
  clientMessageId?: string;
}

export interface GetHistoryFrame {
  action: 'getHistory';
  /** Cursor from an earlier `history` frame: page back from there. */
  before?: string;
  /** A `messageId`: gap-fill with the messages newer than it, oldest first. */
  after?: string;
  /** 1–100; default 50. */
  limit?: number;
}

export interface PingFrame {
  action: 'ping';
}

export type ClientFrame = SendMessageFrame | GetHistoryFrame | PingFrame;
export type ClientAction = ClientFrame['action'];
export const CLIENT_ACTIONS: readonly ClientAction[] = ['sendMessage', 'getHistory', 'ping'];

// ---- server → client -------------------------------------------------------------------------

/** A stored chat message, as carried by `message` frames and `history` pages. */
export interface ChatMessage {
  /** Time-ordered and unique: sorting by it sorts by time. */
  messageId: string;
  roomId: string;
  username: string;
  /**
   * The sender's stable id, set by the server: the token's `sub` in token mode, `guest:` and a hash of the
   * name in guest mode. Tells two users with the same display name apart.
   */
  userId?: string;
  message: string;
  /** Epoch milliseconds, set by the server. */
  timestamp: number;
  clientMessageId?: string;
}

export interface MessageFrame extends ChatMessage {
  type: 'message';
}

export interface AckFrame {
  type: 'ack';
  clientMessageId: string;
  messageId: string;
  timestamp: number;
}

export interface HistoryFrame {
  type: 'history';
  roomId: string;
  /** Oldest → newest. */
  messages: ChatMessage[];
  hasMore: boolean;
  /** Pass as `before` to page further back. */
  cursor?: string;
}

export interface ErrorFrame {
  type: 'error';
  code: ErrorCode;
  /** Human-readable: says what was wrong. */
  message: string;
  clientMessageId?: string;
}

export interface PongFrame {
  type: 'pong';
}

export type ServerFrame = MessageFrame | AckFrame | HistoryFrame | ErrorFrame | PongFrame;
export type ServerFrameType = ServerFrame['type'];
