/** Error codes of the `error` frame (wire protocol v1): the one list; the type and the object derive from it. */
export const ERROR_CODES = [
  'BAD_JSON',
  'INVALID_MESSAGE',
  'MESSAGE_TOO_LONG',
  'UNKNOWN_ACTION',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
/** The same codes as an object (`ErrorCode.RATE_LIMITED === 'RATE_LIMITED'`). */
export const ErrorCode = /*#__PURE__*/ Object.fromEntries(ERROR_CODES.map((code) => [code, code])) as {
  readonly [C in ErrorCode]: C;
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return (ERROR_CODES as readonly unknown[]).includes(value);
}

/** WebSocket close codes the gateway (and API Gateway) use. */
export const CloseCode = {
  NORMAL: 1000,
  /** API Gateway's idle timeout or 2-hour maximum: reconnect at once. */
  GOING_AWAY: 1001,
  /** Closed without a status code (a close frame with no payload). */
  NO_STATUS: 1005,
  /** Abnormal closure (no close frame): network loss or a refused upgrade in browsers. */
  ABNORMAL: 1006,
  /** A frame or message over the size limit. */
  MESSAGE_TOO_BIG: 1009,
  INTERNAL_ERROR: 1011,
  /** Application codes a server may use to refuse a connection after the upgrade. */
  UNAUTHORIZED: 4401,
  FORBIDDEN: 4403,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
