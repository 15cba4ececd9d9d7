import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from '../helpers/fixtures.js';
import { handlerEnvironment } from '../helpers/handler-env.js';
import { guestUserId } from '../../src/services/authenticate.js';

const env = await handlerEnvironment({ AUTH_MODE: 'guest', ALLOWED_ORIGINS: 'https://site.example' });
after(() => env.close());
const connect = (await import('../../src/handlers/connect.js')).handler;
const disconnect = (await import('../../src/handlers/disconnect.js')).handler;

/** A $connect event: the MESSAGE fixture's requestContext with eventType CONNECT, plus headers and query. */
function connectEvent(
  connectionId: string,
  query: Record<string, string>,
  authorizer?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Record<string, any> {
  const e = fixture('message.json');
  delete e.body;
  delete e.requestContext.messageId;
  Object.assign(e.requestContext, {
    routeKey: '$connect',
    eventType: 'CONNECT',
    connectionId,
    authorizer,
    connectedAt: Date.now(),
  });
  return {
    ...e,
    headers: { Host: 'x', ...headers },
    multiValueHeaders: {},
    queryStringParameters: query,
    multiValueQueryStringParameters: {},
  };
}
const ctx = (username: string, roomId = 'lobby') => ({
  principalId: guestUserId(username),
  userId: guestUserId(username),
  username,
  roomId,
  integrationLatency: 3,
});

test('connect stores the connection with its room, identity and TTL', async () => {
  const e = connectEvent('conn-1', { username: 'Ana', room: 'dev' }, ctx('Ana', 'dev'));
  assert.deepEqual(await connect(e), { statusCode: 200 });
  const item = await env.db.connections.get('conn-1', e.requestContext.connectedAt);
  assert.deepEqual(item, {
    connectionId: 'conn-1',
    roomId: 'dev',
    username: 'Ana',
    userId: guestUserId('Ana'),
    connectedAt: e.requestContext.connectedAt,
    expiresAt: Math.floor(e.requestContext.connectedAt / 1000) + 2 * 3600 + 600,
  });
});

test('connect checks again: bad credentials 401, bad origin 403, an authorizer context that disagrees 403', async () => {
  assert.equal((await connect(connectEvent('conn-2', { username: '' }, ctx('Ana')))).statusCode, 401);
  assert.equal(
    (await connect(connectEvent('conn-3', { username: 'Ana' }, ctx('Ana'), { Origin: 'https://evil.example' })))
      .statusCode,
    403,
  );
  assert.equal(
    (await connect(connectEvent('conn-4', { username: 'Ana', room: 'x' }, ctx('Ana', 'lobby')))).statusCode,
    403,
  );
  assert.equal((await connect(connectEvent('conn-5', { username: 'Ana' }, ctx('Bob')))).statusCode, 403);
  for (const id of ['conn-2', 'conn-3', 'conn-4', 'conn-5'])
    assert.equal(await env.db.connections.get(id), undefined, id);
});

test('connect without a connection id fails without storing anything', async () => {
  const e = connectEvent('x', { username: 'Ana' }, ctx('Ana'));
  delete (e.requestContext as Record<string, unknown>).connectionId;
  assert.equal((await connect(e)).statusCode, 500);
});

test('disconnect deletes the connection (the captured $disconnect event shape)', async () => {
  await connect(connectEvent('AAAA1234=', { username: 'Ana' }, ctx('Ana')));
  assert.ok(await env.db.connections.get('AAAA1234='));
  const e = fixture('disconnect.json');
  assert.deepEqual(await disconnect(e), { statusCode: 200 });
  assert.equal(await env.db.connections.get('AAAA1234='), undefined);
  assert.deepEqual(await disconnect(e), { statusCode: 200 }, 'a second disconnect is harmless');
});
