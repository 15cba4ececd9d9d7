import {
  CLIENT_MESSAGE_ID_MAX_LENGTH,
  CURSOR_MAX_LENGTH,
  HISTORY_MAX_LIMIT,
  MESSAGE_ID_MAX_LENGTH,
  MESSAGE_MAX_LENGTH,
  ROOM_PATTERN,
  USERNAME_MAX_LENGTH,
  USERNAME_MIN_LENGTH,
  USERNAME_PATTERN,
} from './limits.js';
import { isString, must, reject, run, type Check, type Validation } from './validation.js';

// The rules for single values: what a user supplies (room, username, message text, history page size), which
// ChatClient checks before anything is sent, and the id alphabets. The server applies the same rules to every
// field of every frame (strict-frames.ts); what a bundle does not call is tree-shaken away.

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
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** Normalises line endings (`\r\n`, `\r` → `\n`) and trims; what a client should send. */
export function normalizeMessageText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

export const checkRoomId: Check<string> = (value, name) =>
  must(isString(value) && ROOM_PATTERN.test(value), value, name, '1–64 letters, digits, "_", "-" or "."');

// The pattern needs at least USERNAME_MIN_LENGTH (1) character and (Unicode mode) refuses unpaired surrogates.
export const checkUsername: Check<string> = (value, name) =>
  must(
    isString(value) &&
      value === value.trim() &&
      USERNAME_PATTERN.test(value) &&
      codePointLength(value) <= USERNAME_MAX_LENGTH,
    value,
    name,
    `${USERNAME_MIN_LENGTH}–${USERNAME_MAX_LENGTH} letters, digits, spaces, "_", "-" or "." (no space at either end)`,
  );

/** Message text as the server stores it: trimmed, 1–2000 code points, no control characters but `\n` and `\t`. */
export const checkMessageText: Check<string> = (value, name) => {
  const trimmed = isString(value) ? value.trim() : reject(`${name} must be a string`);
  const length = codePointLength(trimmed);
  if (!length) reject(`${name} must not be empty`);
  if (length > MESSAGE_MAX_LENGTH)
    reject(`${name} is ${length} characters; the limit is ${MESSAGE_MAX_LENGTH}`, 'MESSAGE_TOO_LONG');
  return FORBIDDEN_CHARACTER.test(trimmed) ? reject(`${name} has control characters or unpaired surrogates`) : trimmed;
};

export const checkHistoryLimit: Check<number> = (value, name) =>
  must(
    Number.isInteger(value) && (value as number) >= 1 && (value as number) <= HISTORY_MAX_LIMIT,
    value,
    name,
    `a whole number, 1–${HISTORY_MAX_LIMIT}`,
  );

/** 1–`max` visible ASCII characters: ids and cursors. */
const visibleAscii = (value: unknown, name: string, max: number): string =>
  must(
    isString(value) && value.length <= max && VISIBLE_ASCII.test(value),
    value,
    name,
    `1–${max} visible ASCII characters`,
  );

export const checkMessageId: Check<string> = (value, name) => visibleAscii(value, name, MESSAGE_ID_MAX_LENGTH);
export const checkClientMessageId: Check<string> = (value, name) =>
  visibleAscii(value, name, CLIENT_MESSAGE_ID_MAX_LENGTH);
export const checkCursor: Check<string> = (value, name) => visibleAscii(value, name, CURSOR_MAX_LENGTH);

// ---- one value at a time -----------------------------------------------------------------------------------
// Each gives the value (message text: trimmed) or the error code and a reason naming the value: a room name
// (1–64 letters, digits, `_`, `-`, `.`); a username (1–32 letters of any script, digits, space, `_`, `-`, `.`,
// no space at either end); message text as the server stores it (trimmed, 1–2000 code points, no control
// characters but `\n` and `\t`, well-formed Unicode); a history page size (1–100); a `clientMessageId`, a
// `messageId` (or `userId`) and a history cursor (1–64, 1–128 and 1–512 visible ASCII characters).

export const validateRoomId = (value: unknown): Validation<string> => run(() => checkRoomId(value, 'room'));
export const validateUsername = (value: unknown): Validation<string> => run(() => checkUsername(value, 'username'));
export const validateMessageText = (value: unknown): Validation<string> =>
  run(() => checkMessageText(value, 'message'));
export const validateHistoryLimit = (value: unknown): Validation<number> =>
  run(() => checkHistoryLimit(value, 'limit'));
export const validateClientMessageId = (value: unknown): Validation<string> =>
  run(() => checkClientMessageId(value, 'clientMessageId'));
export const validateMessageId = (value: unknown): Validation<string> => run(() => checkMessageId(value, 'messageId'));
export const validateCursor = (value: unknown): Validation<string> => run(() => checkCursor(value, 'before'));
