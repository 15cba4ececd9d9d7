import { ErrorCode, isErrorCode } from './codes.js';
import type { ChatMessage, ClientFrame, HistoryFrame, ServerFrame } from './frames.js';
import {
  CLIENT_MESSAGE_ID_MAX_LENGTH,
  CURSOR_MAX_LENGTH,
  HISTORY_MAX_LIMIT,
  MAX_FRAME_BYTES,
  MESSAGE_ID_MAX_LENGTH,
  MESSAGE_MAX_LENGTH,
  ROOM_PATTERN,
  USERNAME_MAX_LENGTH,
  USERNAME_MIN_LENGTH,
  USERNAME_PATTERN,
} from './limits.js';

/** The outcome of a validation: the typed value, or the error code and a precise reason. */
export type Validation<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; reason: string };

const ok = <T>(value: T): Validation<T> => ({ ok: true, value });
const fail = (code: ErrorCode, reason: string): { ok: false; code: ErrorCode; reason: string } => ({
  ok: false,
  code,
  reason,
});

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Own property only: keys such as `__proto__` or `constructor` never come from the prototype. */
const own = (o: Json, key: string): unknown => (Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Control characters (C0, DEL, C1) other than \n and \t.
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const VISIBLE_ASCII = /^[\x21-\x7E]+$/;

/** UTF-8 byte length of a string, without allocating (lone surrogates count as 3 bytes, as TextEncoder writes U+FFFD). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Number of Unicode code points (what a reader counts as characters, near enough). */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    n++;
  }
  return n;
}

/** Normalises line endings (`\r\n`, `\r` → `\n`) and trims; what a client should send. */
export function normalizeMessageText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

export function validateRoomId(value: unknown): Validation<string> {
  if (typeof value !== 'string') return fail(ErrorCode.INVALID_MESSAGE, 'room must be a string');
  if (!ROOM_PATTERN.test(value)) {
    return fail(ErrorCode.INVALID_MESSAGE, 'room must be 1–64 letters, digits, "_", "-" or "."');
  }
  return ok(value);
}

export function validateUsername(value: unknown): Validation<string> {
  if (typeof value !== 'string') return fail(ErrorCode.INVALID_MESSAGE, 'username must be a string');
  if (LONE_SURROGATE.test(value)) return fail(ErrorCode.INVALID_MESSAGE, 'username contains an unpaired surrogate');
  const length = codePointLength(value);
  if (length < USERNAME_MIN_LENGTH || length > USERNAME_MAX_LENGTH) {
    return fail(ErrorCode.INVALID_MESSAGE, `username must be ${USERNAME_MIN_LENGTH}–${USERNAME_MAX_LENGTH} characters`);
  }
  if (value !== value.trim()) return fail(ErrorCode.INVALID_MESSAGE, 'username must not start or end with a space');
  if (!USERNAME_PATTERN.test(value)) {
    return fail(ErrorCode.INVALID_MESSAGE, 'username may contain only letters, digits, spaces, "_", "-" and "."');
  }
  return ok(value);
}

/**
 * Validates message text as the server stores it: trimmed, 1–2000 code points, no control characters
 * but `\n` and `\t`, well-formed Unicode. Returns the trimmed text.
 */
export function validateMessageText(value: unknown): Validation<string> {
  if (typeof value !== 'string') return fail(ErrorCode.INVALID_MESSAGE, 'message must be a string');
  const text = value.trim();
  if (text.length === 0) return fail(ErrorCode.INVALID_MESSAGE, 'message must not be empty');
  const length = codePointLength(text);
  if (length > MESSAGE_MAX_LENGTH) {
    return fail(ErrorCode.MESSAGE_TOO_LONG, `message is ${length} characters; the limit is ${MESSAGE_MAX_LENGTH}`);
  }
  if (FORBIDDEN_CONTROL.test(text)) {
    return fail(ErrorCode.INVALID_MESSAGE, 'message must not contain control characters other than newline and tab');
  }
  if (LONE_SURROGATE.test(text)) return fail(ErrorCode.INVALID_MESSAGE, 'message contains an unpaired surrogate');
  return ok(text);
}

export function validateClientMessageId(value: unknown): Validation<string> {
  return validateToken('clientMessageId', value, CLIENT_MESSAGE_ID_MAX_LENGTH);
}

function validateToken(name: string, value: unknown, max: number): Validation<string> {
  if (typeof value !== 'string' || value.length === 0 || value.length > max || !VISIBLE_ASCII.test(value)) {
    return fail(ErrorCode.INVALID_MESSAGE, `${name} must be a string of 1–${max} visible ASCII characters`);
  }
  return ok(value);
}

export const validateMessageId = (value: unknown): Validation<string> =>
  validateToken('messageId', value, MESSAGE_ID_MAX_LENGTH);
export const validateCursor = (value: unknown): Validation<string> => validateToken('before', value, CURSOR_MAX_LENGTH);
const validateAfter = (value: unknown): Validation<string> => validateToken('after', value, MESSAGE_ID_MAX_LENGTH);

export function validateHistoryLimit(value: unknown): Validation<number> {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > HISTORY_MAX_LIMIT) {
    return fail(ErrorCode.INVALID_MESSAGE, `limit must be a whole number from 1 to ${HISTORY_MAX_LIMIT}`);
  }
  return ok(value);
}

/** Parses a JSON text frame, refusing frames over {@link MAX_FRAME_BYTES} before parsing. */
export function parseJsonFrame(raw: unknown): Validation<Json> {
  if (typeof raw !== 'string') return fail(ErrorCode.BAD_JSON, 'frames must be JSON text');
  if (raw.length > MAX_FRAME_BYTES || utf8ByteLength(raw) > MAX_FRAME_BYTES) {
    return fail(ErrorCode.PAYLOAD_TOO_LARGE, `frame is larger than ${MAX_FRAME_BYTES} bytes`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return fail(ErrorCode.BAD_JSON, 'frame is not valid JSON');
  }
  return isRecord(data) ? ok(data) : notObject;
}

const notObject = fail(ErrorCode.BAD_JSON, 'frame must be a JSON object');

/** A field: its name, its validator, and whether it may be absent. */
type Field = [key: string, check: (value: unknown) => Validation<unknown>, optional?: 1];

/** Copies the listed own fields of `o` into `into`, validating each; unknown fields are dropped. */
function fields<T>(o: Json, into: Json, spec: Field[]): Validation<T> {
  for (const [key, check, optional] of spec) {
    const value = own(o, key);
    if (optional && value === undefined) continue;
    const checked = check(value);
    if (!checked.ok) return checked;
    into[key] = checked.value;
  }
  return ok(into as T);
}

// ---- client → server -------------------------------------------------------------------------

/** Validates a client → server frame that is already parsed. Unknown fields are ignored. */
export function validateClientFrame(data: unknown): Validation<ClientFrame> {
  if (!isRecord(data)) return notObject;
  const action = own(data, 'action');
  if (action === 'sendMessage') {
    return fields(data, { action }, [['message', validateMessageText], ['clientMessageId', validateClientMessageId, 1]]);
  }
  if (action === 'getHistory') {
    if (own(data, 'before') !== undefined && own(data, 'after') !== undefined) {
      return fail(ErrorCode.INVALID_MESSAGE, 'getHistory takes "before" or "after", not both');
    }
    return fields(data, { action }, [['before', validateCursor, 1], ['after', validateAfter, 1], ['limit', validateHistoryLimit, 1]]);
  }
  if (action === 'ping') return ok({ action });
  return fail(ErrorCode.UNKNOWN_ACTION, typeof action === 'string' ? `unknown action "${action.slice(0, 40)}"` : 'frame has no "action"');
}

/** Parses and validates a client → server text frame. */
export function parseClientFrame(raw: unknown): Validation<ClientFrame> {
  const parsed = parseJsonFrame(raw);
  return parsed.ok ? validateClientFrame(parsed.value) : parsed;
}

// ---- server → client -------------------------------------------------------------------------

function validateTimestamp(value: unknown): Validation<number> {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? ok(value) : fail(ErrorCode.INVALID_MESSAGE, 'timestamp must be epoch milliseconds');
}

/** Stored text must already be in the form the server stores: valid and trimmed. */
function validateStoredText(value: unknown): Validation<string> {
  const checked = validateMessageText(value);
  return checked.ok && checked.value !== value ? fail(ErrorCode.INVALID_MESSAGE, 'message text is not trimmed') : checked;
}

const MESSAGE_FIELDS: Field[] = [
  ['messageId', validateMessageId],
  ['roomId', validateRoomId],
  ['username', validateUsername],
  ['message', validateStoredText],
  ['timestamp', validateTimestamp],
  ['clientMessageId', validateClientMessageId, 1],
];

/** Validates one stored message (a `message` frame without `type`, or a history entry). */
export function validateChatMessage(data: unknown): Validation<ChatMessage> {
  return isRecord(data) ? fields(data, {}, MESSAGE_FIELDS) : fail(ErrorCode.INVALID_MESSAGE, 'message must be an object');
}

function validateMessages(list: unknown): Validation<ChatMessage[]> {
  if (!Array.isArray(list)) return fail(ErrorCode.INVALID_MESSAGE, 'history.messages must be an array');
  const messages: ChatMessage[] = [];
  for (const [i, item] of list.entries()) {
    const checked = validateChatMessage(item);
    if (!checked.ok) return fail(checked.code, `history.messages[${i}]: ${checked.reason}`);
    messages.push(checked.value);
  }
  return ok(messages);
}

function validateHasMore(value: unknown): Validation<boolean> {
  return typeof value === 'boolean' ? ok(value) : fail(ErrorCode.INVALID_MESSAGE, 'history.hasMore must be a boolean');
}

function validateErrorCode(value: unknown): Validation<ErrorCode> {
  return isErrorCode(value) ? ok(value) : fail(ErrorCode.INVALID_MESSAGE, 'error.code is not a known error code');
}

function validateErrorText(value: unknown): Validation<string> {
  return typeof value === 'string' && value.length <= 1000
    ? ok(value)
    : fail(ErrorCode.INVALID_MESSAGE, 'error.message must be a string of at most 1000 characters');
}

/** Validates a server → client frame that is already parsed. Unknown fields are dropped. */
export function validateServerFrame(data: unknown): Validation<ServerFrame> {
  if (!isRecord(data)) return notObject;
  const type = own(data, 'type');
  const frame = { type };
  switch (type) {
    case 'message':
      return fields(data, frame, MESSAGE_FIELDS);
    case 'ack':
      return fields(data, frame, [['clientMessageId', validateClientMessageId], ['messageId', validateMessageId], ['timestamp', validateTimestamp]]);
    case 'history': {
      const checked = fields<HistoryFrame>(data, frame, [['roomId', validateRoomId], ['messages', validateMessages], ['hasMore', validateHasMore], ['cursor', validateCursor, 1]]);
      if (checked.ok && checked.value.messages.some((m) => m.roomId !== checked.value.roomId)) {
        return fail(ErrorCode.INVALID_MESSAGE, 'history.messages belong to another room');
      }
      return checked;
    }
    case 'error':
      return fields(data, frame, [['code', validateErrorCode], ['message', validateErrorText], ['clientMessageId', validateClientMessageId, 1]]);
    case 'pong':
      return ok({ type });
  }
  return fail(ErrorCode.INVALID_MESSAGE, typeof type === 'string' ? `unknown frame type "${type.slice(0, 40)}"` : 'frame has no "type"');
}

/** Parses and validates a server → client text frame. */
export function parseServerFrame(raw: unknown): Validation<ServerFrame> {
  const parsed = parseJsonFrame(raw);
  return parsed.ok ? validateServerFrame(parsed.value) : parsed;
}
