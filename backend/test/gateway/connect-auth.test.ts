import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startLocalGateway, type LocalGateway } from '../../src/local/gateway/index.js';
import { Recorder, allowPolicy, connect, upgradeStatus } from './helpers.js';

describe('REQUEST authorizer and $connect decide the upgrade', () => {
  let gateway: LocalGateway;
  const authorizerCalls = new Recorder();
  const connects = new Recorder();
  const disconnects = new Recorder();

  before(async () => {
    gateway = await startLocalGateway({
      identitySource: ['route.request.querystring.room', 'route.request.header.X-Token'],
      authorizer: async (event) => {
        authorizerCalls.push(event);
        const mode = event.queryStringParameters.mode as string | undefined;
        if (mode === 'unauthorized') throw new Error('Unauthorized');
        if (mode === 'crash') throw new Error('database down');
        if (mode === 'deny') {
          return {
            principalId: 'u',
            policyDocument: {
              Version: '2012-10-17',
              Statement: [{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: event.methodArn }],
            },
          };
        }
        if (mode === 'other-resource')
          return allowPolicy('u', 'arn:aws:execute-api:us-east-1:000000000000:other/local/$connect');
        if (mode === 'wildcard') return allowPolicy('u', 'arn:aws:execute-api:*:*:*/local/*');
        if (mode === 'malformed') return { principalId: 'u' };
        if (mode === 'object-context') return allowPolicy('u', event.methodArn, { nested: { a: 1 } });
        return allowPolicy('user-7', event.methodArn, {
          userId: 'user-7',
          username: 'bob',
          roomId: event.queryStringParameters.room,
        });
      },
      routes: {
        $connect: async (event) => {
          connects.push(event);
          const mode = event.queryStringParameters?.connect as string | undefined;
          if (mode === '403') return { statusCode: 403, body: 'no' };
          if (mode === '401') return { statusCode: 401 };
          if (mode === '301') return { statusCode: 301 };
          if (mode === '201') return { statusCode: 201 };
          if (mode === 'throw') throw new Error('connect crashed');
          if (mode === 'nothing') return undefined;
          return { statusCode: 200 };
        },
        $disconnect: async (event) => {
          disconnects.push(event);
        },
        $default: {
          twoWay: true,
          handler: async (event) => ({ statusCode: 200, body: JSON.stringify(event.requestContext.authorizer) }),
        },
      },
    });
  });
  after(() => gateway.close());

  const url = (query: string) => `${gateway.url}?room=lobby&${query}`;
  const token = { headers: { 'x-token': 't' } };

  it('completes the upgrade on Allow and passes principalId and context to every route', async () => {
    const client = await connect(url(''), token);
    client.ws.send('hello');
    const authorizer = JSON.parse(await client.messages.nth(1));
    assert.equal(authorizer.principalId, 'user-7');
    assert.equal(authorizer.userId, 'user-7');
    assert.equal(authorizer.username, 'bob');
    assert.equal(authorizer.roomId, 'lobby');
    assert.equal(typeof authorizer.integrationLatency, 'number');
    client.ws.close();
    const disconnect = await disconnects.nth(1);
    assert.equal(disconnect.requestContext.authorizer.username, 'bob');
  });

  it('accepts a wildcard Resource, and a $connect returning 201 or nothing', async () => {
    assert.equal(await upgradeStatus(url('mode=wildcard'), token), 101);
    assert.equal(await upgradeStatus(url('connect=nothing'), token), 101);
    assert.equal(await upgradeStatus(url('connect=201'), token), 101);
  });

  it('refuses with 403 on Deny or an Allow for another resource', async () => {
    assert.equal(await upgradeStatus(url('mode=deny'), token), 403);
    assert.equal(await upgradeStatus(url('mode=other-resource'), token), 403);
  });

  it('refuses with 401 when the authorizer throws Unauthorized, 500 on other failures or malformed output', async () => {
    assert.equal(await upgradeStatus(url('mode=unauthorized'), token), 401);
    assert.equal(await upgradeStatus(url('mode=crash'), token), 500);
    assert.equal(await upgradeStatus(url('mode=malformed'), token), 500);
    assert.equal(await upgradeStatus(url('mode=object-context'), token), 500);
  });

  it('refuses with 401 without calling the authorizer when an identity source is missing', async () => {
    const calls = authorizerCalls.items.length;
    assert.equal(await upgradeStatus(`${gateway.url}?other=1`, token), 401);
    assert.equal(await upgradeStatus(url(''), {}), 401);
    assert.equal(await upgradeStatus(`${gateway.url}?room=`, token), 401);
    assert.equal(authorizerCalls.items.length, calls);
  });

  it('refuses with $connect’s own non-2xx status, or 502 when it throws, and never runs $disconnect for it', async () => {
    const disconnectsBefore = disconnects.items.length;
    assert.equal(await upgradeStatus(url('connect=403'), token), 403);
    assert.equal(await upgradeStatus(url('connect=401'), token), 401);
    assert.equal(await upgradeStatus(url('connect=301'), token), 301);
    assert.equal(await upgradeStatus(url('connect=throw'), token), 502);
    // A full open/close afterwards proves the gateway is fine and yields exactly one more $disconnect.
    assert.equal(await upgradeStatus(url(''), token), 101);
    await disconnects.nth(disconnectsBefore + 1);
    assert.equal(disconnects.items.length, disconnectsBefore + 1);
  });

  it('answers an upgrade on any other path with 404', async () => {
    assert.equal(await upgradeStatus(`ws://127.0.0.1:${gateway.port}/other?room=lobby`, token), 404);
    assert.equal(await upgradeStatus(`ws://127.0.0.1:${gateway.port}/local/x?room=lobby`, token), 404);
  });

  it('answers a malformed handshake with 400 without running the authorizer or $connect', async () => {
    const calls = authorizerCalls.items.length;
    const connected = connects.items.length;
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`http://127.0.0.1:${gateway.port}/local?room=lobby`, {
        headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'x-token': 't' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 400);
    assert.equal(authorizerCalls.items.length, calls);
    assert.equal(connects.items.length, connected);
  });

  it('sends a JSON error body on a refused upgrade', async () => {
    await assert.rejects(connect(url('mode=deny'), token), (error: { status: number; body: string }) => {
      assert.equal(error.status, 403);
      assert.deepEqual(JSON.parse(error.body), { message: 'Forbidden' });
      return true;
    });
  });
});
