// The public surface of each entry, imported by package name (through package.json "exports" and the built
// dist), as an application, the widget and the backend import it: a broken exports map, a missing build output
// or a name added or dropped by accident fails here. Type names and signatures are pinned at compile time
// (`npm run typecheck`) by the assignments at the end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as Sdk from '@chat-room/client-sdk';
import type * as Protocol from '@chat-room/client-sdk/protocol';

/** README "API": ChatClient, its states, codes and errors, and what a user interface needs from the protocol. */
const SDK_EXPORTS = [
  'ChatAuthError',
  'ChatClient',
  'ChatDisconnectedError',
  'ChatError',
  'ChatOutboxFullError',
  'ChatServerError',
  'ChatState',
  'ChatValidationError',
  'DisconnectCode',
  'MESSAGE_MAX_LENGTH',
  'USERNAME_MAX_LENGTH',
  'codePointLength',
  'validateUsername',
];

/** The whole protocol. The backend and the local gateway import these: names may be added, never removed. */
const PROTOCOL_EXPORTS = [
  'CLIENT_ACTIONS',
  'CLIENT_MESSAGE_ID_MAX_LENGTH',
  'CURSOR_MAX_LENGTH',
  'CloseCode',
  'DEFAULT_ROOM',
  'ERROR_CODES',
  'ErrorCode',
  'HISTORY_DEFAULT_LIMIT',
  'HISTORY_MAX_LIMIT',
  'IDLE_TIMEOUT_MS',
  'MAX_CONNECTION_MS',
  'MAX_FRAME_BYTES',
  'MAX_TIMESTAMP',
  'MESSAGE_ID_MAX_LENGTH',
  'MESSAGE_MAX_LENGTH',
  'PROTOCOL_VERSION',
  'RATE_LIMIT_MESSAGES',
  'RATE_LIMIT_WINDOW_MS',
  'ROOM_MAX_LENGTH',
  'ROOM_PATTERN',
  'USERNAME_MAX_LENGTH',
  'USERNAME_MIN_LENGTH',
  'USERNAME_PATTERN',
  'codePointLength',
  'isErrorCode',
  'normalizeMessageText',
  'parseClientFrame',
  'parseJsonFrame',
  'parseServerFrame',
  'readServerFrame',
  'utf8ByteLength',
  'validateChatMessage',
  'validateClientFrame',
  'validateClientMessageId',
  'validateCursor',
  'validateHistoryLimit',
  'validateMessageId',
  'validateMessageText',
  'validateRoomId',
  'validateServerFrame',
  'validateUsername',
];

test('@chat-room/client-sdk exports exactly what its README documents', async () => {
  const sdk = await import('@chat-room/client-sdk');
  assert.deepEqual(Object.keys(sdk).sort(), [...SDK_EXPORTS].sort());
  assert.equal(typeof sdk.ChatClient, 'function');
});

test('@chat-room/client-sdk/protocol exports the whole protocol', async () => {
  const protocol = await import('@chat-room/client-sdk/protocol');
  assert.deepEqual(Object.keys(protocol).sort(), [...PROTOCOL_EXPORTS].sort());
  assert.deepEqual(protocol.ERROR_CODES, Object.keys(protocol.ErrorCode));
});

test('the two entries share one implementation: what the SDK re-exports is the protocol module', async () => {
  const [sdk, protocol] = await Promise.all([
    import('@chat-room/client-sdk'),
    import('@chat-room/client-sdk/protocol'),
  ]);
  assert.equal(sdk.validateUsername, protocol.validateUsername);
  assert.equal(sdk.codePointLength, protocol.codePointLength);
  assert.equal(sdk.MESSAGE_MAX_LENGTH, protocol.MESSAGE_MAX_LENGTH);
});

// ---- compile-time pins: type names, and the signatures other packages call ---------------------------------

/** The SDK's public type names (the widget types its client with these). */
export type SdkTypes = [
  Sdk.ChatClient,
  Sdk.ChatClientEventMap,
  Sdk.ChatClientOptions,
  Sdk.StateChangeDetail,
  Sdk.HistoryDetail,
  Sdk.HistoryKind,
  Sdk.AckDetail,
  Sdk.OutboxEntry,
  Sdk.OutboxStatus,
  Sdk.TokenSource,
  Sdk.ChatState,
  Sdk.DisconnectCode,
  Sdk.ChatMessage,
  Sdk.Validation<string>,
  Sdk.WebSocketLike,
  Sdk.WebSocketConstructor,
  Sdk.Timers,
  Sdk.ChatEnvironment,
  Sdk.EnvironmentEvent,
];

/** The protocol's type names. */
export type ProtocolTypes = [
  Protocol.ChatMessage,
  Protocol.ClientFrame,
  Protocol.ClientAction,
  Protocol.SendMessageFrame,
  Protocol.GetHistoryFrame,
  Protocol.PingFrame,
  Protocol.ServerFrame,
  Protocol.ServerFrameType,
  Protocol.MessageFrame,
  Protocol.AckFrame,
  Protocol.HistoryFrame,
  Protocol.ErrorFrame,
  Protocol.PongFrame,
  Protocol.ErrorCode,
  Protocol.CloseCode,
  Protocol.Validation<number>,
];

type V<T> = Protocol.Validation<T>;

/** The protocol's functions and tables as their callers use them. */
export type ProtocolSignatures = {
  readServerFrame(raw: unknown): V<Protocol.ServerFrame>;
  parseServerFrame(raw: unknown): V<Protocol.ServerFrame>;
  validateServerFrame(data: unknown): V<Protocol.ServerFrame>;
  validateChatMessage(data: unknown): V<Protocol.ChatMessage>;
  parseClientFrame(raw: unknown): V<Protocol.ClientFrame>;
  validateClientFrame(data: unknown): V<Protocol.ClientFrame>;
  parseJsonFrame(raw: unknown): V<Record<string, unknown>>;
  validateRoomId(value: unknown): V<string>;
  validateUsername(value: unknown): V<string>;
  validateMessageText(value: unknown): V<string>;
  validateClientMessageId(value: unknown): V<string>;
  validateMessageId(value: unknown): V<string>;
  validateCursor(value: unknown): V<string>;
  validateHistoryLimit(value: unknown): V<number>;
  utf8ByteLength(text: string): number;
  codePointLength(text: string): number;
  normalizeMessageText(text: string): string;
  isErrorCode(value: unknown): value is Protocol.ErrorCode;
  ERROR_CODES: readonly Protocol.ErrorCode[];
  ErrorCode: { readonly [Code in Protocol.ErrorCode]: Code };
  CLIENT_ACTIONS: readonly Protocol.ClientAction[];
  CloseCode: Record<
    | 'NORMAL'
    | 'GOING_AWAY'
    | 'NO_STATUS'
    | 'ABNORMAL'
    | 'MESSAGE_TOO_BIG'
    | 'INTERNAL_ERROR'
    | 'UNAUTHORIZED'
    | 'FORBIDDEN',
    number
  >;
  ROOM_PATTERN: RegExp;
  USERNAME_PATTERN: RegExp;
  DEFAULT_ROOM: string;
};

/** Fails to compile when an export changes its signature (a name the backend calls must keep working). */
export type ProtocolKeepsItsSignatures = typeof Protocol extends ProtocolSignatures ? true : never;
export const protocolKeepsItsSignatures: ProtocolKeepsItsSignatures = true;
