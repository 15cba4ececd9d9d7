/**
 * Chat tokens (token mode): HS256 JWTs with `sub` (user id), `name` (display name, validated like a
 * username), optional `room`, `iat` and a short `exp`. `createChatToken` is for a site's server;
 * `verifyChatToken` is what the authorizer and `connect` run, pinned to HS256.
 */
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { validateRoomId, validateUsername } from '@chat-room/client-sdk/protocol';
import { AuthError } from './errors.js';
import type { Identity } from './identity.js';

/** Longest token lifetime accepted or issued. */
export const MAX_TOKEN_TTL_SECONDS = 24 * 60 * 60;
/** Clock skew tolerated between the token's issuer and the verifier. */
export const CLOCK_TOLERANCE_SECONDS = 30;
/** HS256 needs a key of at least 256 bits. */
export const MIN_SECRET_BYTES = 32;
export const MAX_SUB_LENGTH = 128;

export interface ChatTokenInput {
  /** The user's stable id on the site (1–128 visible characters). */
  sub: string;
  /** Display name: the username rules apply. */
  name: string;
  /** Restrict the token to one room. */
  room?: string;
  /** Lifetime: 1 s to 24 h. */
  ttlSeconds: number;
}

/** What a verified token says: the user (see {@link Identity}), and the room its `room` claim restricts it to. */
export interface ChatIdentity extends Pick<Identity, 'userId' | 'username'> {
  room?: string;
}

const encoder = new TextEncoder();
const SUB_PATTERN = /^[\x21-\x7E]+$/;

function secretKey(secret: string): Uint8Array {
  if (typeof secret !== 'string' || encoder.encode(secret).length < MIN_SECRET_BYTES) {
    throw new TypeError(`the token secret must be a string of at least ${MIN_SECRET_BYTES} bytes`);
  }
  return encoder.encode(secret);
}

function checkSub(sub: unknown): sub is string {
  return typeof sub === 'string' && sub.length >= 1 && sub.length <= MAX_SUB_LENGTH && SUB_PATTERN.test(sub);
}

/** Signs a chat token (HS256). Throws a TypeError naming the bad input. */
export async function createChatToken(input: ChatTokenInput, secret: string): Promise<string> {
  if (typeof input !== 'object' || input === null)
    throw new TypeError('createChatToken needs { sub, name, room?, ttlSeconds }');
  if (!checkSub(input.sub)) throw new TypeError(`sub must be 1–${MAX_SUB_LENGTH} visible ASCII characters`);
  const name = validateUsername(input.name);
  if (!name.ok) throw new TypeError(`name: ${name.reason}`);
  if (input.room !== undefined) {
    const room = validateRoomId(input.room);
    if (!room.ok) throw new TypeError(room.reason);
  }
  const ttl = input.ttlSeconds;
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TOKEN_TTL_SECONDS) {
    throw new TypeError(`ttlSeconds must be a whole number from 1 to ${MAX_TOKEN_TTL_SECONDS}`);
  }
  const key = secretKey(secret);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ name: name.value, ...(input.room !== undefined ? { room: input.room } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(input.sub)
    .setIssuedAt(now)
    .setExpirationTime(now + ttl)
    .sign(key);
}

/** Verifies a chat token; throws {@link AuthError} (with a reason safe to log) when it is not valid. */
export async function verifyChatToken(
  token: string,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<ChatIdentity> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, secretKey(secret), {
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'iat', 'sub'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      maxTokenAge: MAX_TOKEN_TTL_SECONDS,
      currentDate: new Date(nowSeconds * 1000),
    }));
  } catch (error) {
    const reason =
      error instanceof joseErrors.JWTExpired
        ? 'token expired'
        : error instanceof joseErrors.JWSSignatureVerificationFailed
          ? 'bad token signature'
          : error instanceof joseErrors.JOSEAlgNotAllowed
            ? 'token algorithm not allowed'
            : error instanceof joseErrors.JWTClaimValidationFailed
              ? `token claim invalid (${error.claim})`
              : 'malformed token';
    throw new AuthError(reason, { cause: error });
  }
  const exp = payload.exp as number;
  if (exp - nowSeconds > MAX_TOKEN_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS)
    throw new AuthError('token lifetime too long');
  if (!checkSub(payload.sub)) throw new AuthError('token sub invalid');
  const name = validateUsername(payload.name);
  if (!name.ok) throw new AuthError(`token name invalid: ${name.reason}`);
  const identity: ChatIdentity = { userId: payload.sub, username: name.value };
  if (payload.room !== undefined) {
    const room = validateRoomId(payload.room);
    if (!room.ok) throw new AuthError('token room invalid');
    identity.room = room.value;
  }
  return identity;
}
