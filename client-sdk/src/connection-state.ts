/** Connection states of a {@link ChatClient}. One field, changed in one place (`setState`). */
export const ChatState = {
  IDLE: 'idle',
  CONNECTING: 'connecting',
  CONNECTED: 'connected',
  RECONNECTING: 'reconnecting',
  DISCONNECTED: 'disconnected',
  ERROR: 'error',
} as const;
export type ChatState = (typeof ChatState)[keyof typeof ChatState];

/**
 * Why the client left (or is about to leave) the `connected` state: the `code` of a `statechange` event and
 * of {@link ChatError}s the client raises. User interfaces switch on these, never on reason text.
 */
export const DisconnectCode = {
  /** The socket dropped or could not open (includes a refused upgrade in browsers, see chat-client.ts). */
  NETWORK: 'NETWORK',
  /** Close 1001 from the server (API Gateway's idle timeout or 2-hour limit): reconnecting at once. */
  SERVER_GOING_AWAY: 'SERVER_GOING_AWAY',
  /** The client replaces its socket before API Gateway's 2-hour limit. */
  ROTATING: 'ROTATING',
  /** The platform reports no network: retries wait for `online`, no attempt is spent. */
  OFFLINE: 'OFFLINE',
  /** `setUser()` replaced the identity: reconnecting with the new one. */
  USER_CHANGED: 'USER_CHANGED',
  /** The server refused the connection (HTTP 401/403 on the upgrade, close 4401/4403). No retry. */
  AUTH_REFUSED: 'AUTH_REFUSED',
  /** The token provider threw or rejected. No retry. */
  TOKEN_FAILED: 'TOKEN_FAILED',
  /** Bad options: no WebSocket, an unusable URL, no username or token. */
  INVALID_OPTIONS: 'INVALID_OPTIONS',
  /** `maxReconnectAttempts` failed in a row: `disconnected` until `connect()` / `reconnect()`. */
  GAVE_UP: 'GAVE_UP',
  /** `disconnect()` was called. */
  CLIENT_CLOSED: 'CLIENT_CLOSED',
} as const;
export type DisconnectCode = (typeof DisconnectCode)[keyof typeof DisconnectCode];

/**
 * Where the reconnect loop stands while the client has no socket:
 * - `scheduled`: a retry timer runs until `retryAt` (state `reconnecting`);
 * - `waiting-for-network`: offline, the next `online` (or page `visible`) event retries (`reconnecting`/OFFLINE);
 * - `given-up`: `maxReconnectAttempts` failed (`disconnected`/GAVE_UP); `online` or `visible` start again, as
 *   do `connect()` and `reconnect()`.
 * Undefined otherwise: a socket is open or opening, or the client is idle or stopped (`disconnect()`, `error`).
 */
export type RetryState = 'scheduled' | 'waiting-for-network' | 'given-up';
