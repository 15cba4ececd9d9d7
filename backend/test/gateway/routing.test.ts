import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startLocalGateway, type LocalGateway } from '../../src/local/gateway/index.js';
import { Recorder, connect, upgradeStatus } from './helpers.js';

const ERROR_FRAME = (message: string) =>
  new RegExp(`^\\{"message": "${message}", "connectionId":"[A-Za-z0-9_-]{15}=", "requestId":"[A-Za-z0-9_-]{15}="\\}$`);

describe('route selection on $request.body.action', () => {
  let gateway: LocalGateway;
  const seen = new Recorder<{ route: string; body: string }>();
  let releaseSlow: () => void = () => {};

  before(async () => {
    gateway = await startLocalGateway({
      routes: {
        sendMessage: async (event) => {
          seen.push({ route: 'sendMessage', body: event.body });
          return { statusCode: 200, body: 'one-way replies are not sent' };
        },
        getHistory: {
          twoWay: true,
          handler: async (event) => {
            seen.push({ route: 'getHistory', body: event.body });
            return { statusCode: 200, body: JSON.stringify({ type: 'history', for: JSON.parse(event.body).id }) };
          },
        },
        slow: {
          twoWay: true,
          handler: async () => {
            await new Promise<void>((resolve) => (releaseSlow = resolve));
            return { statusCode: 200, body: 'slow done' };
          },
        },
        fast: { twoWay: true, handler: async () => ({ statusCode: 200, body: 'fast done' }) },
        boom: {
          twoWay: true,
          handler: async () => {
            throw new Error('handler failure');
          },
        },
        syncBoom: () => {
          throw new Error('synchronous failure');
        },
        ping: { mockResponse: '{"type":"pong"}' },
        $default: async (event) => {
          seen.push({ route: '$default', body: event.body });
        },
      },
    });
  });
  after(() => gateway.close());

  it('invokes the route named by action, and $default for unknown actions and non-JSON bodies', async () => {
    const client = await connect(gateway.url);
    client.ws.send('{"action":"sendMessage","text":"hi"}');
    client.ws.send('{"action":"nope"}');
    client.ws.send('not json');
    client.ws.send('{"action":42}');
    client.ws.send('{"action":"$connect"}');
    const routes = await Promise.all([1, 2, 3, 4, 5].map((n) => seen.nth(n)));
    assert.deepEqual(routes.map((r) => r.route).sort(), [
      '$default',
      '$default',
      '$default',
      '$default',
      'sendMessage',
    ]);
    client.ws.close();
    await client.closed;
    assert.equal(client.messages.items.length, 0, 'one-way routes send nothing back');
  });

  it('sends a two-way route’s body back to the caller only', async () => {
    const caller = await connect(gateway.url);
    const other = await connect(gateway.url);
    caller.ws.send('{"action":"getHistory","id":"h1"}');
    assert.deepEqual(JSON.parse(await caller.messages.nth(1)), { type: 'history', for: 'h1' });
    caller.ws.send('{"action":"ping"}');
    assert.equal(await caller.messages.nth(2), '{"type":"pong"}', 'mock route answered by the gateway');
    other.ws.close();
    caller.ws.close();
    await Promise.all([caller.closed, other.closed]);
    assert.equal(other.messages.items.length, 0);
  });

  it('runs invocations of one connection concurrently', async () => {
    const client = await connect(gateway.url);
    client.ws.send('{"action":"slow"}');
    client.ws.send('{"action":"fast"}');
    assert.equal(await client.messages.nth(1), 'fast done');
    releaseSlow();
    assert.equal(await client.messages.nth(2), 'slow done');
    client.ws.close();
    await client.closed;
  });

  it('answers a failing handler with API Gateway’s Internal server error frame and keeps going', async () => {
    const client = await connect(gateway.url);
    client.ws.send('{"action":"boom"}');
    assert.match(await client.messages.nth(1), ERROR_FRAME('Internal server error'));
    client.ws.send('{"action":"syncBoom"}');
    assert.match(await client.messages.nth(2), ERROR_FRAME('Internal server error'));
    client.ws.send('{"action":"ping"}');
    assert.equal(await client.messages.nth(3), '{"type":"pong"}');
    const frame = JSON.parse(client.messages.items[0]!) as { connectionId: string };
    assert.match(frame.connectionId, /=$/);
    client.ws.close();
    await client.closed;
  });
});

describe('without a $default route', () => {
  let gateway: LocalGateway;
  before(async () => {
    gateway = await startLocalGateway({ routes: { ping: { mockResponse: 'pong' } } });
  });
  after(() => gateway.close());

  it('answers unmatched messages with a Forbidden frame, as AWS does', async () => {
    const client = await connect(gateway.url);
    client.ws.send('{"action":"unknown"}');
    assert.match(await client.messages.nth(1), ERROR_FRAME('Forbidden'));
    client.ws.send('plain text');
    assert.match(await client.messages.nth(2), ERROR_FRAME('Forbidden'));
    client.ws.send('{"action":"ping"}');
    assert.equal(await client.messages.nth(3), 'pong');
    client.ws.close();
    await client.closed;
  });
});

describe('integration timeout', () => {
  let gateway: LocalGateway;
  const remaining = new Recorder<number>();
  /** Lets the stuck integration answer (too late). */
  let release = (): void => {};
  before(async () => {
    gateway = await startLocalGateway({
      integrationTimeoutMs: 300,
      routes: {
        $connect: async (event) => {
          if (event.queryStringParameters?.stall) await new Promise(() => {});
          return { statusCode: 200 };
        },
        stuck: {
          twoWay: true,
          handler: async (_event, context) => {
            remaining.push(context.getRemainingTimeInMillis());
            await new Promise<void>((resolve) => (release = resolve));
            return { statusCode: 200, body: 'too late' };
          },
        },
        ping: { mockResponse: 'pong' },
      },
    });
  });
  after(() => gateway.close());

  it('answers a slow integration with "Endpoint request timed out" and drops its late reply', async (t) => {
    // A fake clock: the integration timeout fires when the test moves time on.
    t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    const client = await connect(gateway.url);
    client.ws.send('{"action":"stuck"}');
    const left = await remaining.nth(1);
    assert.ok(left <= 300 && left > 0, `getRemainingTimeInMillis ${left}`);
    t.mock.timers.tick(300);
    assert.match(await client.messages.nth(1), ERROR_FRAME('Endpoint request timed out'));
    release();
    await new Promise((resolve) => setImmediate(resolve));
    // Frames on one socket arrive in order: had the late reply been sent, it would come before the pong.
    client.ws.send('{"action":"ping"}');
    assert.equal(await client.messages.nth(2), 'pong', 'the late reply is not sent');
    assert.equal(client.messages.items.length, 2);
    client.ws.close();
    await client.closed;
  });

  it('refuses a $connect that times out with 504', async () => {
    assert.equal(await upgradeStatus(`${gateway.url}?stall=1`), 504);
  });
});

describe('configuration errors fail at start', () => {
  it('rejects bad routes, stages, timeouts and identity sources', async () => {
    await assert.rejects(startLocalGateway({ routes: { x: 42 as never } }), /route "x"/);
    await assert.rejects(startLocalGateway({ routes: {}, stage: 'a/b' }), /invalid stage/);
    await assert.rejects(startLocalGateway({ routes: {}, idleTimeoutMs: 0 }), /idleTimeoutMs/);
    await assert.rejects(
      startLocalGateway({ routes: {}, identitySource: ['method.request.header.Auth'] }),
      /identitySource/,
    );
    await assert.rejects(startLocalGateway({ routes: { $connect: { mockResponse: 'x' } } }), /needs a handler/);
  });
});
