/**
 * Protocol limits (wire protocol v1). One exported constant each; the backend imports these, it never
 * copies them.
 */

/** Room used when a client names none. */
export const DEFAULT_ROOM = 'lobby';
/** Room names: 1–64 letters, digits, `_`, `-`, `.`. */
export const ROOM_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
export const ROOM_MAX_LENGTH = 64;

export const USERNAME_MIN_LENGTH = 1;
export const USERNAME_MAX_LENGTH = 32;
/** Letters of any script (with their combining marks), digits, space, `_`, `-`, `.`. */
export const USERNAME_PATTERN = /^[\p{L}\p{M}\p{Nd}_. -]+$/u;

/** Longest message, counted in Unicode code points after trimming. */
export const MESSAGE_MAX_LENGTH = 2000;

/** Largest frame, in UTF-8 bytes, in either direction (API Gateway's WebSocket frame limit). */
export const MAX_FRAME_BYTES = 32 * 1024;

/** Longest `clientMessageId` (visible ASCII characters). */
export const CLIENT_MESSAGE_ID_MAX_LENGTH = 64;
/** Longest `messageId` or history cursor the protocol accepts. */
export const MESSAGE_ID_MAX_LENGTH = 128;
export const CURSOR_MAX_LENGTH = 512;

export const HISTORY_DEFAULT_LIMIT = 50;
export const HISTORY_MAX_LIMIT = 100;

/** Default per-connection rate limit: this many `sendMessage` frames per window. */
export const RATE_LIMIT_MESSAGES = 10;
export const RATE_LIMIT_WINDOW_MS = 10_000;

/** API Gateway closes idle connections after 10 minutes and every connection after 2 hours. */
export const IDLE_TIMEOUT_MS = 10 * 60_000;
export const MAX_CONNECTION_MS = 2 * 60 * 60_000;

/** Latest time a `timestamp` may be (epoch ms): the last one JavaScript's `Date` can represent. */
export const MAX_TIMESTAMP = 8.64e15;

export const PROTOCOL_VERSION = 1;
