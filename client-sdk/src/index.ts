// @chat-room/client-sdk: ChatClient and what its users handle (README "API"). The whole wire protocol (every
// frame type, validator, limit and code) is the sub-path @chat-room/client-sdk/protocol.
export { ChatClient } from './chat-client.js';
export { ChatState, DisconnectCode } from './connection-state.js';
export {
  ChatError,
  ChatAuthError,
  ChatValidationError,
  ChatServerError,
  ChatDisconnectedError,
  ChatOutboxFullError,
} from './errors.js';
export type {
  ChatClientOptions,
  ChatClientEventMap,
  StateChangeDetail,
  HistoryDetail,
  HistoryKind,
  AckDetail,
  OutboxEntry,
  OutboxStatus,
  TokenSource,
} from './types.js';
export type { WebSocketLike, WebSocketConstructor, Timers, ChatEnvironment, EnvironmentEvent } from './platform.js';

// What a user interface needs from the protocol: the message it shows, and the limits and checks of what a
// person types (a character counter, a name prompt). Error codes (`ErrorCode`) and the rest: /protocol.
export type { ChatMessage } from './protocol/frames.js';
export type { Validation } from './protocol/validation.js';
export { MESSAGE_MAX_LENGTH, USERNAME_MAX_LENGTH } from './protocol/limits.js';
export { codePointLength, validateUsername } from './protocol/values.js';
