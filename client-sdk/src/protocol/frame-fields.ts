import type { ChatMessage, ClientFrame, ServerFrame } from './frames.js';

// The one table of the wire protocol's frames: which fields each frame has, whether each may be left out,
// and what kind of value each holds. Two readers interpret it, each as strictly as its job needs:
// - read-frame.ts, the structural reader ChatClient applies to what it receives: the JSON type of each kind
//   (a non-empty string, a whole epoch-ms number, a boolean, a known error code, an array of messages);
// - strict-frames.ts, the server's content rules for each kind (room and username alphabets, trimmed text,
//   id alphabets and lengths, the history limit), which the backend enforces and its tests check.
// The `satisfies` clauses tie the table to the frame types of frames.ts: a field added to a frame type and
// not here (or the other way round, or optional in one and required in the other) does not compile.

/**
 * What a field holds:
 * - ids: `roomId`, `messageId`, `userId` (the sender's stable id), `clientMessageId`, `cursor` (`before`);
 * - texts: `username`, `text` (as a client sends it; the server trims it), `storedText` (as the server stores
 *   it: already trimmed), `errorText` (the reason of an `error` frame);
 * - `timestamp` (epoch ms), `historyLimit` (messages per page), `boolean`, `errorCode`, and `messages` (an
 *   array of stored messages, each with {@link MESSAGE_FIELDS}).
 */
export type FieldKind =
  | 'roomId'
  | 'messageId'
  | 'userId'
  | 'clientMessageId'
  | 'cursor'
  | 'username'
  | 'text'
  | 'storedText'
  | 'errorText'
  | 'timestamp'
  | 'historyLimit'
  | 'boolean'
  | 'errorCode'
  | 'messages';

export interface RequiredField {
  readonly kind: FieldKind;
  readonly optional?: false;
}
export interface OptionalField {
  readonly kind: FieldKind;
  readonly optional: true;
}
export type FieldSpec = RequiredField | OptionalField;

/** The fields of a frame type (its `type` / `action` aside): each one listed, optional exactly when it is optional. */
export type FieldsOf<Frame> = {
  readonly [Name in Exclude<keyof Frame, 'type' | 'action'>]-?: undefined extends Frame[Name]
    ? OptionalField
    : RequiredField;
};

/** A stored message: a `message` frame without `type`, and each entry of a `history` page. */
export const MESSAGE_FIELDS = {
  messageId: { kind: 'messageId' },
  roomId: { kind: 'roomId' },
  username: { kind: 'username' },
  userId: { kind: 'userId', optional: true },
  message: { kind: 'storedText' },
  timestamp: { kind: 'timestamp' },
  clientMessageId: { kind: 'clientMessageId', optional: true },
} as const satisfies FieldsOf<ChatMessage>;

/** Server → client frames, by `type`. */
export const SERVER_FRAME_FIELDS = {
  message: MESSAGE_FIELDS,
  ack: {
    clientMessageId: { kind: 'clientMessageId' },
    messageId: { kind: 'messageId' },
    timestamp: { kind: 'timestamp' },
  },
  history: {
    roomId: { kind: 'roomId' },
    messages: { kind: 'messages' },
    hasMore: { kind: 'boolean' },
    cursor: { kind: 'cursor', optional: true },
  },
  error: {
    code: { kind: 'errorCode' },
    message: { kind: 'errorText' },
    clientMessageId: { kind: 'clientMessageId', optional: true },
  },
  pong: {},
} as const satisfies { [Type in ServerFrame['type']]: FieldsOf<Extract<ServerFrame, { type: Type }>> };

/** Client → server frames, by `action`. */
export const CLIENT_FRAME_FIELDS = {
  sendMessage: {
    message: { kind: 'text' },
    clientMessageId: { kind: 'clientMessageId', optional: true },
  },
  getHistory: {
    before: { kind: 'cursor', optional: true },
    after: { kind: 'messageId', optional: true },
    limit: { kind: 'historyLimit', optional: true },
  },
  ping: {},
} as const satisfies { [Action in ClientFrame['action']]: FieldsOf<Extract<ClientFrame, { action: Action }>> };

/** The fields of one frame, as the readers walk them. */
export type FrameFields = Readonly<Record<string, FieldSpec>>;
