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
export { backoffDelay, type BackoffOptions } from './backoff.js';
export { insertMessage } from './message-list.js';
export { tokenClaims, tokenName } from './token.js';
export { TypedEventTarget } from './typed-event-target.js';
export type { WebSocketLike, WebSocketConstructor, Timers, ChatEnvironment, EnvironmentEvent } from './platform.js';
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
export * from './protocol/index.js';
