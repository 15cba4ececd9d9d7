import { IDLE_TIMEOUT_MS, MAX_CONNECTION_MS, MAX_FRAME_BYTES } from '@chat-room/client-sdk/protocol';

/**
 * API Gateway WebSocket API quotas (developer guide, "Amazon API Gateway quotas for WebSocket APIs").
 * The ones the wire protocol also states come from the protocol module, the one source of truth; so do the
 * close codes (`CloseCode`, the one table the SDK and this gateway share).
 */
export const FRAME_LIMIT_BYTES = MAX_FRAME_BYTES;
export const MESSAGE_LIMIT_BYTES = 128 * 1024;
export const AUTHORIZER_RESULT_LIMIT_BYTES = 8 * 1024;
export const DEFAULT_IDLE_TIMEOUT_MS = IDLE_TIMEOUT_MS;
export const DEFAULT_MAX_CONNECTION_MS = MAX_CONNECTION_MS;
/** API Gateway's integration timeout (the maximum, and the default). */
export const INTEGRATION_TIMEOUT_MS = 29_000;
/** How long `close()` waits for a client's close frame before dropping the socket. */
export const CLOSE_GRACE_MS = 1_000;
