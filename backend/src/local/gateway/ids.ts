import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 11 * 512;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let offset = POOL_SIZE;

/**
 * An id shaped like API Gateway's connection/request ids ("Kf2cOeWJywMCEng="): 11 random bytes,
 * URL-safe base64 with its padding. Drawn from a pooled random buffer.
 */
export function gatewayId(): string {
  if (offset + 11 > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const id = pool.toString('base64url', offset, offset + 11) + '=';
  offset += 11;
  return id;
}

/** A lower-case 10-character API id, as in `st9ayyxbo0`. */
export function apiIdLike(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = new Uint8Array(10);
  randomFillSync(bytes);
  let id = '';
  for (const b of bytes) id += alphabet[b % alphabet.length];
  return id;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
let cachedSecond = -1;
let cachedText = '';

const pad = (n: number): string => (n < 10 ? '0' + n : String(n));

/** `requestContext.requestTime`: "13/Jun/2022:06:56:57 +0000" (cached per second). */
export function requestTime(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second !== cachedSecond) {
    const d = new Date(second * 1000);
    cachedText =
      `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
      `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
    cachedSecond = second;
  }
  return cachedText;
}
