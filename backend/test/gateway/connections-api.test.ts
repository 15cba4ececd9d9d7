import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  LimitExceededException,
  PayloadTooLargeException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { startLocalGateway, type LocalGateway } from '../../src/local/gateway/index.js';
import { Recorder, connect, waitFor } from './helpers.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

describe('@connections API through the real AWS SDK client', () => {
  let gateway: LocalGateway;
  let client: ApiGatewayManagementApiClient;
  const connects = new Recorder();
  const disconnects = new Recorder();

  before(async () => {
    gateway = await startLocalGateway({
      routes: {
        $connect: async (event) => {
          connects.push(event);
          return { statusCode: 200 };
        },
        $disconnect: async (event) => {
          disconnects.push(event);
        },
      },
      fallback: (req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end(`fallback ${req.url}`);
      },
    });
    client = new ApiGatewayManagementApiClient({
      endpoint: gateway.managementEndpoint,
      region: 'us-east-1',
      credentials,
    });
  });
  after(async () => {
    client.destroy();
    await gateway.close();
  });

  async function open(userAgent?: string) {
    const count = connects.items.length;
    const ws = await connect(gateway.url, userAgent ? { headers: { 'User-Agent': userAgent } } : {});
    const connectionId = (await connects.nth(count + 1)).requestContext.connectionId as string;
    return { ...ws, connectionId };
  }

  it('PostToConnection delivers the raw bytes as a text frame', async () => {
    const ws = await open();
    const data = JSON.stringify({ type: 'message', text: 'héllo' });
    await client.send(new PostToConnectionCommand({ ConnectionId: ws.connectionId, Data: data }));
    await client.send(
      new PostToConnectionCommand({ ConnectionId: ws.connectionId, Data: new TextEncoder().encode('second') }),
    );
    assert.equal(await ws.messages.nth(1), data);
    assert.equal(await ws.messages.nth(2), 'second');
    ws.ws.close();
    await ws.closed;
  });

  it('GetConnection returns connectedAt, identity and lastActiveAt', async () => {
    const ws = await open('agent/2');
    const before = await client.send(new GetConnectionCommand({ ConnectionId: ws.connectionId }));
    assert.ok(before.ConnectedAt instanceof Date);
    assert.ok(before.LastActiveAt instanceof Date);
    assert.deepEqual(before.Identity, { SourceIp: '127.0.0.1', UserAgent: 'agent/2' });
    assert.equal(before.ConnectedAt.getTime(), connects.items.at(-1)!.requestContext.connectedAt);
    await new Promise((resolve) => setTimeout(resolve, 5));
    ws.ws.send('{"action":"anything"}');
    await ws.messages.nth(1); // the Forbidden frame (no $default) proves the message was processed
    const later = await client.send(new GetConnectionCommand({ ConnectionId: ws.connectionId }));
    assert.ok(later.LastActiveAt!.getTime() > before.LastActiveAt!.getTime(), 'a client message counts as activity');
    ws.ws.close();
    await ws.closed;
  });

  it('DeleteConnection closes the socket and runs $disconnect', async () => {
    const ws = await open();
    const count = disconnects.items.length;
    await client.send(new DeleteConnectionCommand({ ConnectionId: ws.connectionId }));
    const closed = await ws.closed;
    assert.equal(closed.code, 1000);
    const event = await disconnects.nth(count + 1);
    assert.equal(event.requestContext.connectionId, ws.connectionId);
    assert.equal(event.requestContext.disconnectStatusCode, 1000);
  });

  it('answers 410 GoneException for unknown and closed connections', async () => {
    const ws = await open();
    ws.ws.close();
    await ws.closed;
    await waitFor(
      () => disconnects.items.some((e) => e.requestContext.connectionId === ws.connectionId),
      '$disconnect',
    );
    for (const id of [ws.connectionId, 'AAAAAAAAAAAAAAA=', 'no such id']) {
      for (const command of [
        new PostToConnectionCommand({ ConnectionId: id, Data: 'x' }),
        new GetConnectionCommand({ ConnectionId: id }),
        new DeleteConnectionCommand({ ConnectionId: id }),
      ]) {
        await assert.rejects(client.send(command as never), (error: unknown) => {
          assert.ok(error instanceof GoneException, `${command.constructor.name}(${id}) → ${String(error)}`);
          assert.equal(error.$metadata.httpStatusCode, 410);
          return true;
        });
      }
    }
  });

  it('rejects a post over 128 KB with PayloadTooLargeException and still delivers 128 KB', async () => {
    const ws = await open();
    await assert.rejects(
      client.send(new PostToConnectionCommand({ ConnectionId: ws.connectionId, Data: 'x'.repeat(128 * 1024 + 1) })),
      (error: unknown) => error instanceof PayloadTooLargeException && error.$metadata.httpStatusCode === 413,
    );
    await client.send(new PostToConnectionCommand({ ConnectionId: ws.connectionId, Data: 'y'.repeat(128 * 1024) }));
    assert.equal((await ws.messages.nth(1)).length, 128 * 1024);
    ws.ws.close();
    await ws.closed;
  });

  it('hands other HTTP requests to the fallback', async () => {
    const response = await fetch(`http://127.0.0.1:${gateway.port}/index.html`);
    assert.equal(await response.text(), 'fallback /index.html');
  });
});

describe('@connections without a fallback and with a rate limit', () => {
  let gateway: LocalGateway;
  const connects = new Recorder();

  before(async () => {
    gateway = await startLocalGateway({
      routes: { $connect: async (event) => void connects.push(event) },
      managementRateLimit: { requestsPerSecond: 0.001, burst: 2 },
    });
  });
  after(() => gateway.close());

  it('answers 404 for other paths', async () => {
    const response = await fetch(`http://127.0.0.1:${gateway.port}/index.html`);
    assert.equal(response.status, 404);
    await response.arrayBuffer();
  });

  it('answers LimitExceededException (429) over the rate', async () => {
    const ws = await connect(gateway.url);
    const connectionId = (await connects.nth(1)).requestContext.connectionId as string;
    const client = new ApiGatewayManagementApiClient({
      endpoint: gateway.managementEndpoint,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
    });
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map((n) => client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: `m${n}` }))),
    );
    const limited = results.filter((r) => r.status === 'rejected');
    assert.equal(limited.length, 2, `expected 2 throttled, got ${results.map((r) => r.status).join(',')}`);
    for (const result of limited) {
      assert.ok((result as PromiseRejectedResult).reason instanceof LimitExceededException);
    }
    client.destroy();
    ws.ws.close();
    await ws.closed;
  });
});
