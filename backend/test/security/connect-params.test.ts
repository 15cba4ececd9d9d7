/**
 * Hostile connect query parameters (room, username, token, and extra/duplicated/pollution keys), fuzzed:
 * a refusal is always 401/403 on the upgrade, never an open socket; what is accepted is exactly what the
 * protocol's validators accept.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import WebSocket from 'ws';
import { validateRoomId, validateUsername } from '@chat-room/client-sdk/protocol';
import type { LocalStack } from '../../src/local/stack.js';
import { startTestStack } from '../helpers/stack.js';
import { hostileString } from './hostile.js';

let guest: LocalStack;
let token: LocalStack;
before(async () => {
  [guest, token] = await Promise.all([
    startTestStack(),
    startTestStack({ env: { AUTH_MODE: 'token', TOKEN_SECRET: 'connect-params-secret-0123456789abcdef' } }),
  ]);
});
after(() => Promise.all([guest.close(), token.close()]));

/**
 * Opens with a raw query string; resolves the HTTP status of a refusal, 101 when a socket opened, or 0
 * when the server reset the request (a request line over Node's 16 KB header limit: API Gateway's is
 * smaller still, and refuses it too).
 */
function attempt(url: string, query: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url}?${query}`);
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    ws.once('error', () => resolve(0));
  });
}

const enc = encodeURIComponent;
/** A URL too long for any HTTP server to take: refused with 414/431 or a reset, never opened. */
const tooLong = (query: string) => query.length > 8000;

test(
  'guest mode: fuzzed room and username are accepted exactly when valid, else 401',
  { timeout: 300_000 },
  async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.option(hostileString, { nil: undefined }),
        fc.option(hostileString, { nil: undefined }),
        async (room, username) => {
          const parts = [];
          try {
            if (room !== undefined) parts.push(`room=${enc(room)}`);
            if (username !== undefined) parts.push(`username=${enc(username)}`);
          } catch {
            return; // a lone surrogate cannot be percent-encoded: no client can send it
          }
          const status = await attempt(guest.wsUrl, parts.join('&'));
          const valid = (room === undefined || validateRoomId(room).ok) && validateUsername(username).ok;
          const label = JSON.stringify([room, username]).slice(0, 100);
          if (tooLong(parts.join('&'))) assert.ok([0, 414, 431].includes(status), `too long → ${status}`);
          else if (valid) assert.equal(status, 101, `valid ${label}`);
          else assert.equal(status, 401, `invalid ${label}`);
        },
      ),
      {
        numRuns: 150,
        examples: [
          ['<script>', 'Ana'],
          ['lobby', '<b>x</b>'],
          ['lobby', 'a\u202Eb'],
          ['__proto__', 'Ana'],
        ],
      },
    );
  },
);

test('pollution keys, duplicates and junk in the query string are refused or ignored, never trusted', async () => {
  for (const query of [
    '__proto__[username]=Ana',
    'constructor[prototype][x]=1&username=',
    'username=Ana&username=<x>',
    'username[]=Ana',
    'username=%00',
    'username=%E0%A4%A',
    'room=lobby&room=../x&username=Ana',
  ]) {
    const status = await attempt(guest.wsUrl, query);
    assert.ok([101, 401, 403].includes(status), `${query} → ${status}`);
    if (status === 101) assert.match(query, /username=Ana/);
  }
  // Another user's identity cannot be smuggled next to a valid name.
  assert.equal(await attempt(guest.wsUrl, 'username=Ana&userId=admin&roomId=vip'), 101);
});

test('token mode: fuzzed tokens and rooms are 401, never an open socket', { timeout: 300_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(hostileString, fc.option(hostileString, { nil: undefined }), async (tok, room) => {
      let query: string;
      try {
        query = `token=${enc(tok)}${room !== undefined ? `&room=${enc(room)}` : ''}`;
      } catch {
        return; // unencodable lone surrogate: no client can send it
      }
      const status = await attempt(token.wsUrl, query);
      if (tooLong(query)) assert.ok([0, 414, 431].includes(status), `too long → ${status}`);
      else assert.equal(status, 401, JSON.stringify([tok, room]).slice(0, 100));
    }),
    { numRuns: 100 },
  );
});
