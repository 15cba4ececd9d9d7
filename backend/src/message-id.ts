/**
 * Message ids: time-ordered and unique, also within one millisecond.
 *
 * Format: 13 zero-padded decimal digits of epoch milliseconds, `-`, 4 base-36 digits of a per-process
 * sequence within that millisecond, and 12 random hex digits (48 bits) so that two Lambda containers
 * writing in the same millisecond never collide. Example: `1764288000123-0000a3f09c1d2e4b`.
 * Every id starts with a digit, so the whole message key range is `[0, :)`; idempotency records sit
 * outside it under `~`.
 */
import { randomBytes } from 'node:crypto';

export const MESSAGE_ID_PATTERN = /^\d{13}-[0-9a-z]{4}[0-9a-f]{12}$/;
/** Inclusive lower and exclusive upper bound of the message sort-key range (`:` follows `9`). */
export const MESSAGE_KEY_MIN = '0';
export const MESSAGE_KEY_END = ':';

let lastMs = -1;
let sequence = 0;

export function createMessageId(nowMs: number): string {
  if (nowMs === lastMs) sequence++;
  else {
    lastMs = nowMs;
    sequence = 0;
  }
  const seq = (sequence % 36 ** 4).toString(36).padStart(4, '0');
  return `${String(nowMs).padStart(13, '0')}-${seq}${randomBytes(6).toString('hex')}`;
}

export function isMessageId(value: string): boolean {
  return MESSAGE_ID_PATTERN.test(value);
}
