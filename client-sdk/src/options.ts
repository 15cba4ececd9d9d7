import { ChatError, validOrThrow } from './errors.js';
import { platformEnvironment, systemTimers, type WebSocketConstructor } from './platform.js';
import { DEFAULT_ROOM, HISTORY_DEFAULT_LIMIT, IDLE_TIMEOUT_MS, MAX_CONNECTION_MS } from './protocol/limits.js';
import { validateHistoryLimit, validateRoomId } from './protocol/values.js';
import type { ChatClientOptions } from './types.js';

/** Every option's default, in one place (the README's API section shows the same values). */
export const DEFAULTS = {
  room: DEFAULT_ROOM,
  reconnectInterval: 3000,
  maxReconnectAttempts: 5,
  jitter: 0.2,
  historyLimit: HISTORY_DEFAULT_LIMIT,
  /** 9 minutes: a ping before API Gateway's 10-minute idle timeout. */
  heartbeatInterval: IDLE_TIMEOUT_MS - 60_000,
  /** 1 h 55 min: a new socket before API Gateway's 2-hour limit. */
  maxConnectionMs: MAX_CONNECTION_MS - 5 * 60_000,
  /** Over Lambda's 29 s limit: a send that started before a later one may be stored after it. */
  gapOverlap: 30_000,
  minUptime: 10_000,
  outboxLimit: 100,
  random: Math.random,
};

/**
 * The options as the client uses them: defaults applied, values checked, the platform resolved. The identity
 * (`username`, `token`) is not here: `setUser()` changes it.
 */
export interface Settings extends Required<
  Omit<ChatClientOptions, 'url' | 'room' | 'historyLimit' | 'username' | 'token'>
> {
  /** The room, checked. */
  room: string;
  /** The URL up to the identity: `url?room=…&`. */
  urlWithRoom: string;
  /** Messages per history page (`historyLimit`, checked). */
  pageSize: number;
}

/** Reads `options` (partysocket-style: each default where its option is destructured); throws on bad ones. */
export function readOptions(options: ChatClientOptions): Settings {
  const {
    url,
    room = DEFAULTS.room,
    reconnectInterval = DEFAULTS.reconnectInterval,
    maxReconnectAttempts = DEFAULTS.maxReconnectAttempts,
    jitter = DEFAULTS.jitter,
    historyLimit = DEFAULTS.historyLimit,
    heartbeatInterval = DEFAULTS.heartbeatInterval,
    maxConnectionMs = DEFAULTS.maxConnectionMs,
    gapOverlap = DEFAULTS.gapOverlap,
    minUptime = DEFAULTS.minUptime,
    outboxLimit = DEFAULTS.outboxLimit,
    random = DEFAULTS.random,
    WebSocket = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket,
    timers = systemTimers,
    environment = platformEnvironment(),
  } = options;
  if (!WebSocket) throw new ChatError('INVALID_OPTIONS', 'no WebSocket: pass options.WebSocket (e.g. from "ws")');
  if (typeof url !== 'string' || !url) throw new ChatError('INVALID_OPTIONS', 'options.url must be a ws(s):// URL');
  const checkedRoom = validOrThrow(validateRoomId(room));
  return {
    room: checkedRoom,
    urlWithRoom: `${url}${url.includes('?') ? '&' : '?'}room=${encodeURIComponent(checkedRoom)}&`,
    pageSize: validOrThrow(validateHistoryLimit(historyLimit)),
    reconnectInterval,
    maxReconnectAttempts,
    jitter,
    heartbeatInterval,
    maxConnectionMs,
    gapOverlap,
    minUptime,
    outboxLimit,
    random,
    WebSocket,
    timers,
    environment,
  };
}
