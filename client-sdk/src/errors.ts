import type { ErrorCode } from './protocol/codes.js';
import type { Validation } from './protocol/validation.js';
import type { DisconnectCode } from './connection-state.js';

/** Base class of every error the SDK throws or rejects with: a `code` to switch on, and a `cause`. */
export class ChatError extends Error {
  override name = 'ChatError';
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

// The subclasses narrow `code` with `declare`: a type only. A field declaration would emit a class field that
// resets the code the base constructor set (class fields are defined after `super()`).

/** The server refused the identity, or the token provider failed (`AUTH_REFUSED`, `TOKEN_FAILED`). */
export class ChatAuthError extends ChatError {
  override name = 'ChatAuthError';
  declare readonly code: DisconnectCode;
}

/** Input the protocol would refuse (empty or over-long text, bad username or room); nothing was sent. */
export class ChatValidationError extends ChatError {
  override name = 'ChatValidationError';
  declare readonly code: ErrorCode;
}

/**
 * The server answered with an `error` frame; `code` is the protocol error code, `clientMessageId` the send it
 * refused (when the frame names one).
 */
export class ChatServerError extends ChatError {
  override name = 'ChatServerError';
  declare readonly code: ErrorCode;
  readonly clientMessageId: string | undefined;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; clientMessageId?: string | undefined }) {
    super(code, message, options);
    this.clientMessageId = options?.clientMessageId;
  }
}

/** The client stopped for good (`disconnect()`, or it gave up reconnecting) before the work was done. */
export class ChatDisconnectedError extends ChatError {
  override name = 'ChatDisconnectedError';
  declare readonly code: DisconnectCode;
}

/** The outbox already holds `outboxLimit` unsent messages. */
export class ChatOutboxFullError extends ChatError {
  override name = 'ChatOutboxFullError';
}

/** The value of a successful validation; a failed one throws {@link ChatValidationError} with its code and reason. */
export function validOrThrow<T>(result: Validation<T>): T {
  if (!result.ok) throw new ChatValidationError(result.code, result.reason);
  return result.value;
}
