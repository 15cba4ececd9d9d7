// @chat-room/client-sdk/protocol: the whole wire protocol v1, for the backend, the local gateway and tests.
export * from './limits.js';
export { ERROR_CODES, ErrorCode, isErrorCode, CloseCode } from './codes.js';
export type * from './frames.js';
export { CLIENT_ACTIONS } from './frames.js';
export type { Validation } from './validation.js';
export {
  utf8ByteLength,
  codePointLength,
  normalizeMessageText,
  validateRoomId,
  validateUsername,
  validateMessageText,
  validateHistoryLimit,
  validateClientMessageId,
  validateMessageId,
  validateCursor,
} from './values.js';
export { readServerFrame } from './read-frame.js';
export {
  parseJsonFrame,
  validateClientFrame,
  parseClientFrame,
  validateChatMessage,
  validateServerFrame,
  parseServerFrame,
} from './strict-frames.js';
