import {
  HISTORY_MAX_LIMIT,
  MESSAGE_MAX_LENGTH,
  ROOM_PATTERN,
  USERNAME_MAX_LENGTH,
  USERNAME_MIN_LENGTH,
  USERNAME_PATTERN,
} from './limits.js';
import { isString, must, reject, run, type Check, type Validation } from './validation.js';

// The rules for the values a user supplies: room, username, message text, history page size. ChatClient
// checks what it is given with them before anything is sent; the server applies the same rules to every
// frame (strict-frames.ts builds on them).

// Control characters (C0, DEL, C1) other than \n and \t, and (Unicode mode) unpaired surrogates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CHARACTER = /[\0-\x08\x0B-\x1F\x7F-\x9F\p{Cs}]/u;

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

export function validateRoomId(value: unknown): Validation<string> {
  return run(() => checkRoomId(value, 'room'));
}

export function validateUsername(value: unknown): Validation<string> {
  return run(() => checkUsername(value, 'username'));
}

/**
 * Validates message text as the server stores it: trimmed, 1–2000 code points, no control characters
 * but `\n` and `\t`, well-formed Unicode. Returns the trimmed text.
 */
export function validateMessageText(value: unknown): Validation<string> {
  return run(() => checkMessageText(value, 'message'));
}

export function validateHistoryLimit(value: unknown): Validation<number> {
  return run(() => checkHistoryLimit(value, 'limit'));
}
