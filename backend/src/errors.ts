/**
 * Domain errors. Repositories translate AWS SDK errors into these; handlers map them to responses and
 * `error` frames. None of them carries an AWS stack trace to a client.
 */
export class ChatBackendError extends Error {
  override name = 'ChatBackendError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A required environment variable is missing or malformed (thrown at module scope: fail fast). */
export class ConfigError extends ChatBackendError {
  override name = 'ConfigError';
}

/** A conditional write found the item already there (ConditionalCheckFailedException). */
export class DuplicateError extends ChatBackendError {
  override name = 'DuplicateError';
}

/** The connection is gone at the gateway (GoneException / 410). */
export class StaleConnectionError extends ChatBackendError {
  override name = 'StaleConnectionError';
  constructor(
    readonly connectionId: string,
    options?: { cause?: unknown },
  ) {
    super(`connection ${connectionId} is gone`, options);
  }
}

/** The connection has no item in the Connections table (never stored, deleted or expired). */
export class ConnectionNotFoundError extends ChatBackendError {
  override name = 'ConnectionNotFoundError';
  constructor(readonly connectionId: string) {
    super(`connection ${connectionId} is not registered`);
  }
}

/** The connection is over its message rate. */
export class RateLimitedError extends ChatBackendError {
  override name = 'RateLimitedError';
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {
    super(`rate limit reached: at most ${limit} messages per ${windowMs / 1000} s`);
  }
}

/** Over the rate until `retryAt` (epoch ms: the end of the current window); its `name` stays RateLimitedError. */
export class RateLimitedUntilError extends RateLimitedError {
  constructor(
    limit: number,
    windowMs: number,
    readonly retryAt: number,
  ) {
    super(limit, windowMs);
  }
}

/** A non-2xx answer from the @connections API that is neither 410 nor a throttle. */
export class ConnectionApiError extends ChatBackendError {
  override name = 'ConnectionApiError';
  constructor(
    readonly connectionId: string,
    readonly status: number,
    readonly errorType: string,
    detail: string,
  ) {
    super(
      `posting to ${connectionId} failed: HTTP ${status}${errorType ? ` ${errorType}` : ''}${detail ? `: ${detail}` : ''}`,
    );
  }
}

/** 413: the frame is over API Gateway's 128 KiB message limit. */
export class PayloadTooLargeError extends ConnectionApiError {
  override name = 'PayloadTooLargeError';
}

/** The gateway throttled a @connections call (LimitExceededException / 429). */
export class ThrottledError extends ChatBackendError {
  override name = 'ThrottledError';
}

/** A `$connect` without valid credentials (mapped to `Error('Unauthorized')` → 401 by the authorizer). */
export class AuthError extends ChatBackendError {
  override name = 'AuthError';
}

/** A `$connect` from a browser origin outside `ALLOWED_ORIGINS` (→ Deny → 403). */
export class ForbiddenOriginError extends ChatBackendError {
  override name = 'ForbiddenOriginError';
}

/** A well-formed frame asking for something impossible (e.g. a cursor this server never issued). */
export class InvalidRequestError extends ChatBackendError {
  override name = 'InvalidRequestError';
}

/** An AWS error's name, whatever shape it has (SDK v3 sets `name`; some carry `code` or `__type`). */
export function awsErrorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const e = error as { name?: unknown; code?: unknown; __type?: unknown };
  const name = typeof e.name === 'string' ? e.name : typeof e.code === 'string' ? e.code : '';
  if (name && name !== 'Error') return name;
  return typeof e.__type === 'string' ? (e.__type.split('#').pop() ?? '') : name;
}

/** A conditional write whose condition failed (ConditionalCheckFailedException). */
export function isConditionFailure(error: unknown): boolean {
  return awsErrorName(error) === 'ConditionalCheckFailedException';
}
