import { isErrorCode, type ErrorCode } from './codes.js';
import {
  CLIENT_FRAME_FIELDS,
  MESSAGE_FIELDS,
  SERVER_FRAME_FIELDS,
  type FieldKind,
  type FrameFields,
} from './frame-fields.js';
import type { ChatMessage, ClientFrame, ServerFrame } from './frames.js';
import { MAX_FRAME_BYTES, MAX_TIMESTAMP } from './limits.js';
import {
  checkClientMessageId,
  checkCursor,
  checkHistoryLimit,
  checkMessageId,
  checkMessageText,
  checkRoomId,
  checkUsername,
  utf8ByteLength,
} from './values.js';
import {
  isJsonObject,
  isString,
  must,
  own,
  reject,
  run,
  type Check,
  type JsonObject,
  type Validation,
} from './validation.js';

// The server's content rules for whole frames, read from the table of frame-fields.ts: what the backend
// enforces on everything it receives and stores (each field's value rule from values.ts, stored text already
// trimmed, error texts, timestamps, the frame size, `before` or `after`, one room per history page), and what
// its tests use to prove that what it sends conforms. ChatClient does not import this module (it reads frames
// with read-frame.ts), so an application that bundles only ChatClient leaves it out.

/** The content rule of each kind of field. */
const RULES: { readonly [Kind in FieldKind]: Check } = {
  roomId: checkRoomId,
  messageId: checkMessageId,
  userId: checkMessageId,
  clientMessageId: checkClientMessageId,
  cursor: checkCursor,
  username: checkUsername,
  text: checkMessageText,
  // Stored text must already be in the form the server stores: valid and trimmed.
  storedText: (value, name) => (checkMessageText(value, name) === value ? value : reject(`${name} must be trimmed`)),
  errorText: (value, name) =>
    must(isString(value) && value.length <= 1000, value, name, 'a string of ≤ 1000 characters'),
  timestamp: (value, name) =>
    must(
      Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_TIMESTAMP,
      value,
      name,
      'epoch milliseconds',
    ),
  historyLimit: checkHistoryLimit,
  boolean: (value, name) => must(typeof value === 'boolean', value, name, 'a boolean'),
  errorCode: (value, name) => must(isErrorCode(value), value, name, 'a known error code'),
  messages: (value, name) =>
    Array.isArray(value)
      ? value.map((message, index) => chatMessage(message, `${name}[${index}]`))
      : reject(`${name} must be an array`),
};

function jsonObject(value: unknown, name: string, code?: ErrorCode): JsonObject {
  return isJsonObject(value) ? value : reject(`${name} must be a JSON object`, code);
}

/** Copies the listed own fields of `data` into `into`, checking each; unknown fields are dropped. */
function checkFields<T>(data: JsonObject, fields: FrameFields, into: JsonObject = {}, path = ''): T {
  for (const [name, field] of Object.entries(fields)) {
    const value = own(data, name);
    if (value === undefined && field.optional) continue;
    into[name] = RULES[field.kind](value, path + name);
  }
  return into as T;
}

function chatMessage(value: unknown, name: string): ChatMessage {
  return checkFields(jsonObject(value, name), MESSAGE_FIELDS, {}, `${name}.`);
}

/** A frame: an object whose `key` (`type` or `action`) names one of `kinds`; its fields come after it. */
function checkFrame<T>(data: unknown, kinds: Readonly<Record<string, FrameFields>>, key: string, code: ErrorCode): T {
  const kind = own(jsonObject(data, 'frame', 'BAD_JSON'), key);
  if (!isString(kind) || !Object.hasOwn(kinds, kind)) {
    reject(isString(kind) ? `unknown ${key} "${kind.slice(0, 40)}"` : `frame has no "${key}"`, code);
  }
  return checkFields(data as JsonObject, kinds[kind]!, { [key]: kind });
}

/** Parses JSON text, refusing frames over {@link MAX_FRAME_BYTES} before parsing. */
function parseJson(raw: unknown): JsonObject {
  if (typeof raw !== 'string') reject('frame must be JSON text', 'BAD_JSON');
  if (raw.length > MAX_FRAME_BYTES || utf8ByteLength(raw) > MAX_FRAME_BYTES) {
    reject(`frame is over ${MAX_FRAME_BYTES} bytes`, 'PAYLOAD_TOO_LARGE');
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    // not JSON: refused just below, as a frame that is not a JSON object
  }
  return jsonObject(data, 'frame', 'BAD_JSON');
}

function clientFrame(data: unknown): ClientFrame {
  const checked = checkFrame<ClientFrame>(data, CLIENT_FRAME_FIELDS, 'action', 'UNKNOWN_ACTION');
  if ('before' in checked && 'after' in checked) reject('getHistory takes "before" or "after", not both');
  return checked;
}

function serverFrame(data: unknown): ServerFrame {
  const checked = checkFrame<ServerFrame>(data, SERVER_FRAME_FIELDS, 'type', 'INVALID_MESSAGE');
  if (checked.type === 'history' && checked.messages.some((message) => message.roomId !== checked.roomId)) {
    reject('history has messages of another room');
  }
  return checked;
}

/** Parses a JSON text frame, refusing frames over {@link MAX_FRAME_BYTES} before parsing. */
export function parseJsonFrame(raw: unknown): Validation<JsonObject> {
  return run(() => parseJson(raw));
}

// ---- client → server -------------------------------------------------------------------------------

/** Validates a client → server frame that is already parsed. Unknown fields are ignored. */
export function validateClientFrame(data: unknown): Validation<ClientFrame> {
  return run(() => clientFrame(data));
}

/** Parses and validates a client → server text frame. */
export function parseClientFrame(raw: unknown): Validation<ClientFrame> {
  return run(() => clientFrame(parseJson(raw)));
}

// ---- server → client -------------------------------------------------------------------------------

/** Validates one stored message (a `message` frame without `type`, or a history entry). */
export function validateChatMessage(data: unknown): Validation<ChatMessage> {
  return run(() => chatMessage(data, 'message'));
}

/** Validates a server → client frame that is already parsed. Unknown fields are dropped. */
export function validateServerFrame(data: unknown): Validation<ServerFrame> {
  return run(() => serverFrame(data));
}

/** Parses and validates a server → client text frame. */
export function parseServerFrame(raw: unknown): Validation<ServerFrame> {
  return run(() => serverFrame(parseJson(raw)));
}
