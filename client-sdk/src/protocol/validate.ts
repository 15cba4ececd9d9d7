import { isErrorCode, type ErrorCode } from './codes.js';
import type { ChatMessage, ClientFrame, ServerFrame } from './frames.js';
import {
  CLIENT_MESSAGE_ID_MAX_LENGTH,
  CURSOR_MAX_LENGTH,
  HISTORY_MAX_LIMIT,
  MAX_FRAME_BYTES,
  MAX_TIMESTAMP,
  MESSAGE_ID_MAX_LENGTH,
  MESSAGE_MAX_LENGTH,
  ROOM_PATTERN,
  USERNAME_MAX_LENGTH,
  USERNAME_MIN_LENGTH,
  USERNAME_PATTERN,
} from './limits.js';

/** The outcome of a validation: the typed value, or the error code and a precise reason. */
export type Validation<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; reason: string };
type Failure = Extract<Validation<never>, { ok: false }>;
type Json = Record<string, unknown>;

// The checks below return the valid value or throw a `Failure` (through `reject`); `run` turns that back
// into a `Validation`. Throwing keeps each check straight-line, without passing results up by hand.

/** A check of one field: `name` is the field's path, used in the reason. Returns the value to keep. */
type Check<T = unknown> = (value: unknown, name: string) => T;
/** The fields of an object: name → check. Unknown fields are dropped. */
type Fields = Record<string, Check>;

function reject(reason: string, code: ErrorCode = 'INVALID_MESSAGE'): never {
  throw { ok: false, code, reason } satisfies Failure;
}

function run<T>(check: () => T): Validation<T> {
  try {
    return { ok: true, value: check() };
  } catch (failure) {
    if ((failure as Failure | undefined)?.ok === false) return failure as Failure;
    throw failure;
  }
}

// Control characters (C0, DEL, C1) other than \n and \t, and (Unicode mode) unpaired surrogates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CHARACTER = /[\0-\x08\x0B-\x1F\x7F-\x9F\p{Cs}]/u;
const VISIBLE_ASCII = /^[\x21-\x7E]+$/;

/** UTF-8 byte length of a string (lone surrogates count as 3 bytes: TextEncoder writes U+FFFD). */
export function utf8ByteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Number of Unicode code points (what a reader counts as characters, near enough). */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Normalises line endings (`\r\n`, `\r` → `\n`) and trims; what a client should send. */
export function normalizeMessageText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

// ---- checks ----------------------------------------------------------------------------------------

const isString = (v: unknown): v is string => typeof v === 'string';

/** A check that keeps the value when `test` passes; otherwise the reason is "<name> must be <what>". */
const rule =
  <T>(test: (v: unknown) => boolean, what: string): Check<T> =>
  (v, name) =>
    test(v) ? (v as T) : reject(`${name} must be ${what}`);

const record = (v: unknown, name: string, code?: ErrorCode): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Json)
    : reject(`${name} must be a JSON object`, code);

/** Own property only: keys such as `__proto__` or `constructor` never come from the prototype. */
const own = (o: Json, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);

/** A check that lets the field be absent (and then leaves it out). */
const optional =
  (check: Check): Check =>
  (v, name) =>
    v === undefined ? v : check(v, name);

const room = /*#__PURE__*/ rule<string>(
  (v) => isString(v) && ROOM_PATTERN.test(v),
  '1–64 letters, digits, "_", "-" or "."',
);

// The pattern needs at least USERNAME_MIN_LENGTH (1) character and (Unicode mode) refuses unpaired surrogates.
const username = /*#__PURE__*/ rule<string>(
  (v) => isString(v) && v === v.trim() && USERNAME_PATTERN.test(v) && codePointLength(v) <= USERNAME_MAX_LENGTH,
  `${USERNAME_MIN_LENGTH}–${USERNAME_MAX_LENGTH} letters, digits, spaces, "_", "-" or "." (no space at either end)`,
);

/** Message text as the server stores it: trimmed, 1–2000 code points, no control characters but `\n` and `\t`. */
const text: Check<string> = (v, name) => {
  const trimmed = isString(v) ? v.trim() : reject(`${name} must be a string`);
  const n = codePointLength(trimmed);
  if (!n) reject(`${name} must not be empty`);
  if (n > MESSAGE_MAX_LENGTH)
    reject(`${name} is ${n} characters; the limit is ${MESSAGE_MAX_LENGTH}`, 'MESSAGE_TOO_LONG');
  return FORBIDDEN_CHARACTER.test(trimmed) ? reject(`${name} has control characters or unpaired surrogates`) : trimmed;
};

/** Stored text must already be in the form the server stores: valid and trimmed. */
const storedText: Check<string> = (v, name) => (text(v, name) === v ? v : reject(`${name} must be trimmed`));

/** 1–`max` visible ASCII characters: ids and cursors. */
const token = (max: number) =>
  rule<string>((v) => isString(v) && v.length <= max && VISIBLE_ASCII.test(v), `1–${max} visible ASCII characters`);

const clientMessageId = /*#__PURE__*/ token(CLIENT_MESSAGE_ID_MAX_LENGTH);
const messageId = /*#__PURE__*/ token(MESSAGE_ID_MAX_LENGTH);
const cursor = /*#__PURE__*/ token(CURSOR_MAX_LENGTH);

const historyLimit = /*#__PURE__*/ rule<number>(
  (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= HISTORY_MAX_LIMIT,
  `a whole number, 1–${HISTORY_MAX_LIMIT}`,
);

const timestamp = /*#__PURE__*/ rule<number>(
  (v) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= MAX_TIMESTAMP,
  'epoch milliseconds',
);

/** Copies the listed own fields of `data` into `into`, checking each; unknown fields are dropped. */
function fields<T>(data: Json, spec: Fields, into: Json = {}, path = ''): T {
  for (const key in spec) {
    const value = spec[key]!(own(data, key), path + key);
    if (value !== undefined) into[key] = value;
  }
  return into as T;
}

/** A frame: an object whose `key` (`type` or `action`) names one of `kinds`; its fields come after it. */
function frame<T>(data: unknown, kinds: Record<string, Fields>, key: string, code: ErrorCode): T {
  const kind = own(record(data, 'frame', 'BAD_JSON'), key);
  if (!isString(kind) || !Object.hasOwn(kinds, kind)) {
    reject(isString(kind) ? `unknown ${key} "${kind.slice(0, 40)}"` : `frame has no "${key}"`, code);
  }
  return fields(data as Json, kinds[kind]!, { [key]: kind });
}

/** Parses JSON text, refusing frames over {@link MAX_FRAME_BYTES} before parsing. */
function json(raw: unknown): Json {
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
  return record(data, 'frame', 'BAD_JSON');
}

// ---- single values -----------------------------------------------------------------------------------

export function validateRoomId(value: unknown): Validation<string> {
  return run(() => room(value, 'room'));
}
export function validateUsername(value: unknown): Validation<string> {
  return run(() => username(value, 'username'));
}
/**
 * Validates message text as the server stores it: trimmed, 1–2000 code points, no control characters
 * but `\n` and `\t`, well-formed Unicode. Returns the trimmed text.
 */
export function validateMessageText(value: unknown): Validation<string> {
  return run(() => text(value, 'message'));
}
export function validateClientMessageId(value: unknown): Validation<string> {
  return run(() => clientMessageId(value, 'clientMessageId'));
}
export const validateMessageId = (value: unknown): Validation<string> => run(() => messageId(value, 'messageId'));
export const validateCursor = (value: unknown): Validation<string> => run(() => cursor(value, 'before'));
export function validateHistoryLimit(value: unknown): Validation<number> {
  return run(() => historyLimit(value, 'limit'));
}

/** Parses a JSON text frame, refusing frames over {@link MAX_FRAME_BYTES} before parsing. */
export function parseJsonFrame(raw: unknown): Validation<Json> {
  return run(() => json(raw));
}

// ---- client → server -------------------------------------------------------------------------------

const CLIENT_FRAMES: Record<string, Fields> = {
  sendMessage: { message: text, clientMessageId: /*#__PURE__*/ optional(clientMessageId) },
  getHistory: {
    before: /*#__PURE__*/ optional(cursor),
    after: /*#__PURE__*/ optional(messageId),
    limit: /*#__PURE__*/ optional(historyLimit),
  },
  ping: {},
};

function clientFrame(data: unknown): ClientFrame {
  const checked = frame<ClientFrame>(data, CLIENT_FRAMES, 'action', 'UNKNOWN_ACTION');
  if ('before' in checked && 'after' in checked) reject('getHistory takes "before" or "after", not both');
  return checked;
}

/** Validates a client → server frame that is already parsed. Unknown fields are ignored. */
export function validateClientFrame(data: unknown): Validation<ClientFrame> {
  return run(() => clientFrame(data));
}

/** Parses and validates a client → server text frame. */
export function parseClientFrame(raw: unknown): Validation<ClientFrame> {
  return run(() => clientFrame(json(raw)));
}

// ---- server → client -------------------------------------------------------------------------------

const MESSAGE: Fields = {
  messageId,
  roomId: room,
  username,
  userId: /*#__PURE__*/ optional(messageId),
  message: storedText,
  timestamp,
  clientMessageId: /*#__PURE__*/ optional(clientMessageId),
};

const chatMessage = (v: unknown, name: string): ChatMessage => fields(record(v, name), MESSAGE, {}, `${name}.`);

const SERVER_FRAMES: Record<string, Fields> = {
  message: MESSAGE,
  ack: { clientMessageId, messageId, timestamp },
  history: {
    roomId: room,
    messages: (v, name) =>
      Array.isArray(v) ? v.map((m, i) => chatMessage(m, `${name}[${i}]`)) : reject(`${name} must be an array`),
    hasMore: /*#__PURE__*/ rule((v) => typeof v === 'boolean', 'a boolean'),
    cursor: /*#__PURE__*/ optional(cursor),
  },
  error: {
    code: /*#__PURE__*/ rule(isErrorCode, 'a known error code'),
    message: /*#__PURE__*/ rule((v) => isString(v) && v.length <= 1000, 'a string of ≤ 1000 characters'),
    clientMessageId: /*#__PURE__*/ optional(clientMessageId),
  },
  pong: {},
};

function serverFrame(data: unknown): ServerFrame {
  const checked = frame<ServerFrame>(data, SERVER_FRAMES, 'type', 'INVALID_MESSAGE');
  if (checked.type === 'history' && checked.messages.some((m) => m.roomId !== checked.roomId)) {
    reject('history has messages of another room');
  }
  return checked;
}

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
  return run(() => serverFrame(json(raw)));
}
