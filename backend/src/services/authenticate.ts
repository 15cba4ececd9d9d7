/**
 * Who is connecting, and may they: the check the authorizer runs and `connect` runs again.
 *
 * - Origin: a browser's `Origin` must be in `ALLOWED_ORIGINS` (empty list: any). A request without an
 *   `Origin` header is not a browser page (Node bots, CLIs) and passes: browsers always send it on a
 *   WebSocket upgrade, so a hostile *site* cannot omit it.
 * - Room: `room` query parameter, default `lobby` (or the token's `room` claim), validated.
 * - Guest mode: `username` validated; the user id is `guest:` + a hash of the username. A guest name is
 *   not an authenticated identity: anyone may use any name, so the id only scopes idempotency and logs.
 *   It does not include the source IP so that a client whose network changed (Wi-Fi → mobile) still gets
 *   its original `ack` when it retries an unacknowledged send from its outbox.
 * - Token mode: an HS256 JWT in `token` (see token.ts); `sub` → userId, `name` → username; a `room` claim
 *   must match the requested room.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_ROOM, validateRoomId, validateUsername } from '@chat-room/client-sdk/protocol';
import { normalizeOrigin, type AuthConfig } from '../config.js';
import { AuthError, ForbiddenOriginError } from '../errors.js';
import type { Identity } from '../identity.js';
import { verifyChatToken } from '../token.js';

export interface ConnectRequest {
  queryStringParameters?: Record<string, string | undefined> | null;
  headers?: Record<string, string | undefined> | null;
}

export function guestUserId(username: string): string {
  return 'guest:' + createHash('sha256').update(`chat-room guest\n${username}`).digest('base64url').slice(0, 22);
}

/** A header's value whatever its case (API Gateway keeps the client's casing). */
export function header(headers: ConnectRequest['headers'], name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

export function checkOrigin(request: ConnectRequest, allowedOrigins: readonly string[]): void {
  if (allowedOrigins.length === 0) return;
  const origin = header(request.headers, 'origin');
  if (origin === undefined) return;
  if (!allowedOrigins.includes(normalizeOrigin(origin))) {
    throw new ForbiddenOriginError('origin not allowed');
  }
}

function param(request: ConnectRequest, name: string): string | undefined {
  const params = request.queryStringParameters;
  if (!params || !Object.prototype.hasOwnProperty.call(params, name)) return undefined;
  return params[name];
}

export async function authenticate(
  request: ConnectRequest,
  config: AuthConfig,
  getSecret: () => Promise<string>,
): Promise<Identity> {
  checkOrigin(request, config.allowedOrigins);
  const requestedRoom = param(request, 'room');
  if (requestedRoom !== undefined) {
    const room = validateRoomId(requestedRoom);
    if (!room.ok) throw new AuthError(room.reason);
  }

  if (config.mode === 'guest') {
    const username = validateUsername(param(request, 'username'));
    if (!username.ok) throw new AuthError(username.reason);
    return { userId: guestUserId(username.value), username: username.value, roomId: requestedRoom ?? DEFAULT_ROOM };
  }

  const token = param(request, 'token');
  if (!token) throw new AuthError('token missing');
  const identity = await verifyChatToken(token, await getSecret());
  const roomId = requestedRoom ?? identity.room ?? DEFAULT_ROOM;
  if (identity.room !== undefined && identity.room !== roomId) throw new AuthError('token is for another room');
  return { userId: identity.userId, username: identity.username, roomId };
}

/** The secret source for token mode: `TOKEN_SECRET`, else the SSM parameter reader. */
export function secretSource(config: AuthConfig, ssmReader?: () => Promise<string>): () => Promise<string> {
  if (config.tokenSecret) {
    const secret = config.tokenSecret;
    return () => Promise.resolve(secret);
  }
  if (ssmReader) return ssmReader;
  return () => Promise.reject(new Error('no token secret configured'));
}
