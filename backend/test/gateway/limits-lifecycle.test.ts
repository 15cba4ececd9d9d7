import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startLocalGateway, type LocalGatewayOptions } from '../../src/local/gateway/index.js';
import { Recorder, connect, upgradeStatus, waitFor } from './helpers.js';

function gatewayWith(extra: Partial<LocalGatewayOptions> = {}) {
  const disconnects = new Recorder();
  const messages = new Recorder();
  const options: LocalGatewayOptions = {
    routes: {
      $disconnect: async (event) => void disconnects.push(event),
      $default: async (event) => void messages.push(event),
    },
    ...extra,
  };
  return { disconnects, messages, start: () => startLocalGateway(options) };
}

describe('frame and message limits', () => {
  it('closes with 1009 on a message over the 32 KB frame limit, and passes 32 KB', async () => {
    const { disconnects, messages, start } = gatewayWith();
    const gateway = await start();
    const client = await connect(gateway.url);
    client.ws.send('a'.repeat(32 * 1024));
    assert.equal((await messages.nth(1)).body.length, 32 * 1024);
    client.ws.send('b'.repeat(32 * 1024 + 1));
    assert.equal((await client.closed).code, 1009);
    const event = await disconnects.nth(1);
    assert.equal(event.requestContext.disconnectStatusCode, 1009);
    assert.equal(messages.items.length, 1, 'the oversized message reached no handler');
    await gateway.close();
  });

  it('closes with 1009 on a message over 128 KB', async () => {
    const { disconnects, messages, start } = gatewayWith();
    const gateway = await start();
    const client = await connect(gateway.url);
    client.ws.send('c'.repeat(128 * 1024 + 1));
    assert.equal((await client.closed).code, 1009);
    assert.equal((await disconnects.nth(1)).requestContext.disconnectStatusCode, 1009);
    assert.equal(messages.items.length, 0);
    await gateway.close();
  });
});

describe('idle and maximum connection time', () => {
  it('closes an idle connection with 1001 Going away; messages either way keep it alive', async (t) => {
    // A fake clock: the idle timers fire when the test moves time on, never by waiting.
    t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 });
    const connects = new Recorder();
    const disconnects = new Recorder();
    const keepalives = new Recorder();
    const gateway = await startLocalGateway({
      idleTimeoutMs: 800,
      routes: {
        $connect: async (event) => void connects.push(event),
        $disconnect: async (event) => void disconnects.push(event),
        $default: async (event) => void keepalives.push(event),
      },
    });
    const quiet = await connect(gateway.url);
    const chatty = await connect(gateway.url);
    const fed = await connect(gateway.url);
    const [quietId, chattyId, fedId] = await Promise.all(
      [1, 2, 3].map(async (n) => (await connects.nth(n)).requestContext.connectionId as string),
    );
    const open = { chatty: true, fed: true };
    void chatty.closed.then(() => (open.chatty = false));
    void fed.closed.then(() => (open.fed = false));
    const connectionsApi = (id: string, method: string, body?: string) =>
      fetch(`${gateway.managementEndpoint}/@connections/${encodeURIComponent(id)}`, { method, body }).then(
        async (response) => (await response.arrayBuffer(), response.status),
      );
    /** Open at the gateway (GetConnection 200): the server has not closed it. */
    const isOpen = async (id: string) => (await connectionsApi(id, 'GET')) === 200;
    /** 100 ms pass; the chatty client sends a frame and the fed one is posted to, both processed. */
    const traffic = async () => {
      t.mock.timers.tick(100);
      chatty.ws.send('{"action":"keepalive"}');
      await keepalives.nth(keepalives.items.length + 1);
      assert.equal(await connectionsApi(fedId, 'POST', 'tick'), 200);
    };

    for (let i = 0; i < 7; i++) await traffic();
    t.mock.timers.tick(99);
    assert.ok(await isOpen(quietId), 'not closed before the idle timeout (799 ms)');
    t.mock.timers.tick(1);
    const closed = await quiet.closed;
    assert.equal(closed.code, 1001);
    assert.equal(closed.reason, 'Going away');
    for (let i = 0; i < 9; i++) await traffic();
    assert.ok((await isOpen(chattyId)) && (await isOpen(fedId)), 'still open 900 ms after the quiet one closed');
    assert.deepEqual(
      open,
      { chatty: true, fed: true },
      'client messages and @connections posts both count as activity',
    );
    const event = await disconnects.nth(1);
    assert.equal(event.requestContext.disconnectStatusCode, 1001);
    assert.equal(event.requestContext.disconnectReason, 'Going away');
    t.mock.timers.tick(800);
    assert.equal((await chatty.closed).code, 1001, 'and they go idle once traffic stops');
    assert.equal((await fed.closed).code, 1001);
    assert.ok(fed.messages.items.length > 0);
    await gateway.close();
  });

  it('closes every connection with 1001 at the maximum connection time, even when active', async () => {
    const { disconnects, start } = gatewayWith({ maxConnectionMs: 300 });
    const gateway = await start();
    const client = await connect(gateway.url);
    const keepAlive = setInterval(() => client.ws.send('x'), 50);
    assert.equal((await client.closed).code, 1001);
    clearInterval(keepAlive);
    assert.equal((await disconnects.nth(1)).requestContext.disconnectStatusCode, 1001);
    await gateway.close();
  });
});

describe('$disconnect codes', () => {
  it('reports the client’s close code and reason, 1005 without a code and 1006 when the socket drops', async () => {
    const { disconnects, start } = gatewayWith();
    const gateway = await start();
    type Client = Awaited<ReturnType<typeof connect>>;
    const closers: ((client: Client) => void)[] = [
      (client) => client.ws.close(4001, 'bye'),
      (client) => client.ws.close(),
      (client) => client.ws.terminate(),
    ];
    const reported: [number, string][] = [];
    for (const [index, close] of closers.entries()) {
      const client = await connect(gateway.url);
      close(client);
      await client.closed;
      const { requestContext } = await disconnects.nth(index + 1);
      reported.push([requestContext.disconnectStatusCode, requestContext.disconnectReason]);
    }
    assert.deepEqual(reported[0], [4001, 'bye']);
    assert.deepEqual(reported[1], [1005, 'Client-side close frame status not set']);
    assert.equal(reported[2]![0], 1006);
    await gateway.close();
  });
});

describe('close() and restart', () => {
  it('closes every socket with 1001, awaits each $disconnect, and restarts on the same port', async () => {
    let finished = 0;
    const options: LocalGatewayOptions = {
      routes: {
        $disconnect: async () => {
          await new Promise((resolve) => setTimeout(resolve, 50));
          finished++;
        },
        ping: { mockResponse: 'pong' },
      },
    };
    const first = await startLocalGateway(options);
    const clients = await Promise.all([1, 2, 3].map(() => connect(first.url)));
    await first.close();
    assert.equal(finished, 3, 'close() resolved after every $disconnect finished');
    for (const client of clients) assert.equal((await client.closed).code, 1001);
    await first.close(); // idempotent

    const second = await startLocalGateway({ ...options, port: first.port });
    assert.equal(second.port, first.port);
    const client = await connect(second.url);
    client.ws.send('{"action":"ping"}');
    assert.equal(await client.messages.nth(1), 'pong');
    await second.close();
    assert.equal((await client.closed).code, 1001);
  });

  it('refuses handshakes that finish while closing, and runs their $disconnect', async () => {
    let release: () => void = () => {};
    let connectStarted = false;
    const disconnects = new Recorder();
    const gateway = await startLocalGateway({
      routes: {
        $connect: async () => {
          connectStarted = true;
          await new Promise<void>((resolve) => (release = resolve));
          return { statusCode: 200 };
        },
        $disconnect: async (event) => void disconnects.push(event),
      },
    });
    const status = upgradeStatus(gateway.url);
    await waitFor(() => connectStarted, '$connect to start');
    const closing = gateway.close();
    release();
    assert.equal(await status, 503);
    await closing;
    assert.equal(disconnects.items.length, 1);
    assert.equal(disconnects.items[0]!.requestContext.disconnectStatusCode, 1001);
  });
});
