import type { ChatMessage } from './protocol/frames.js';
import type { ChatState, DisconnectCode } from './connection-state.js';
import type { ChatError } from './errors.js';
import type { ChatEnvironment, Timers, WebSocketConstructor } from './platform.js';

/** A token, or a function asked for a fresh one before every connect. */
export type TokenSource = string | (() => Promise<string>);

export interface ChatClientOptions {
  /** `wss://…/stage` (existing query parameters are kept). */
  url: string;
  /** Default `lobby`. */
  room?: string;
  /** Guest mode. */
  username?: string;
  /** Token mode (wins over `username`). */
  token?: TokenSource;
  /** First retry delay in ms; doubles per attempt (3, 6, 12, 24, 48 s). Default 3000. */
  reconnectInterval?: number;
  /** Failed attempts in a row before `disconnected` / `GAVE_UP`. Default 5. */
  maxReconnectAttempts?: number;
  /** ± fraction on each delay; 0 = the exact schedule. Default 0.2. */
  jitter?: number;
  /** Messages asked for on first open and per `loadOlder()`. Default 50 (max 100). */
  historyLimit?: number;
  /** `ping` interval while connected, ms. Default 540 000 (under API Gateway's 10-minute idle timeout). */
  heartbeatInterval?: number;
  /** Replace the socket after this long, ms. Default 6 900 000 (1 h 55 min, under the 2-hour limit). */
  maxConnectionMs?: number;
  /**
   * Gap-fill overlap, ms. A message's id is taken when its send starts, so a slow send can be stored after
   * a later message: after a reconnect the gap-fill starts from the newest message at least this much older
   * than the newest one seen (the overlap is de-duplicated). Default 30 000 (over Lambda's 29 s limit).
   */
  gapOverlap?: number;
  /** A connection must stay up this long (ms) before the attempt counter resets. Default 10 000. */
  minUptime?: number;
  /**
   * Most messages the outbox holds, unsent and failed together. Default 100. When it is full, a send drops the
   * oldest failed entry (its promise was already rejected) to make room; when all are still unsent it
   * rejects with `ChatOutboxFullError`.
   */
  outboxLimit?: number;
  /** WebSocket constructor. Default `globalThis.WebSocket` (pass `WebSocket` from `ws` on Node 20). */
  WebSocket?: WebSocketConstructor;
  timers?: Timers;
  environment?: ChatEnvironment;
  /** Randomness for jitter. Default `Math.random`. */
  random?: () => number;
}

export interface StateChangeDetail {
  state: ChatState;
  previous: ChatState;
  /** Reconnect attempts spent in a row (resets after a connection stayed up `minUptime`). */
  attempt: number;
  /** Epoch ms of the next attempt, while waiting to retry. */
  retryAt?: number;
  code?: DisconnectCode;
  reason?: string;
}

export type HistoryKind = 'latest' | 'gap' | 'older';

export interface HistoryDetail {
  /** `latest`: first page on open; `gap`: gap-fill after a reconnect; `older`: a `loadOlder()` page. */
  kind: HistoryKind;
  /** The page as received, oldest first (duplicates included; `client.messages` has them once). */
  messages: ChatMessage[];
  hasMore: boolean;
}

export interface AckDetail {
  clientMessageId: string;
  messageId: string;
  timestamp: number;
}

export type OutboxStatus = 'queued' | 'sending' | 'failed';

export interface OutboxEntry {
  clientMessageId: string;
  /** The normalised text. */
  message: string;
  status: OutboxStatus;
  /** Why it failed (`failed` only). */
  error?: ChatError;
}

export interface ChatClientEventMap {
  statechange: StateChangeDetail;
  /** A message new to `client.messages` (live, or built from the ack of your own send). */
  message: ChatMessage;
  history: HistoryDetail;
  ack: AckDetail;
  /** Server `error` frames (ChatServerError), auth refusal and token failures (ChatAuthError). */
  error: ChatError;
  outboxchange: readonly OutboxEntry[];
}
