import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ConnectionApiError, PayloadTooLargeError, StaleConnectionError, ThrottledError } from '../../src/errors.js';
import { startLocalGateway, type LocalGateway } from '../../src/local/gateway/index.js';
import { createExecuteApiSigner } from '../../src/aws/sigv4.js';
import { createConnectionsApiCache, managementEndpoint } from '../../src/aws/connections-api-cache.js';
import { ConnectionsApi } from '../../src/aws/connections-api.js';
import { Recorder, connect } from '../gateway/helpers.js';

const signer = createExecuteApiSigner('eu-west-1', () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }));

it('management endpoint: the override, else https://{domainName}/{stage}', () => {
  assert.equal(
    managementEndpoint(undefined, { domainName: 'abc.execute-api.eu-west-1.amazonaws.com', stage: 'prod' }),
    'https://abc.execute-api.eu-west-1.amazonaws.com/prod',
  );
  assert.equal(
    managementEndpoint('http://127.0.0.1:8080/local', { domainName: 'x', stage: 'y' }),
    'http://127.0.0.1:8080/local',
  );
  assert.throws(() => managementEndpoint(undefined, {}), /MANAGEMENT_ENDPOINT/);
});

describe('ConnectionsApi against the local gateway', () => {
  let gateway: LocalGateway;
  let throttling: LocalGateway;
  const connects = new Recorder();
  const routes = {
    $connect: async (event: Record<string, any>) => {
      connects.push(event);
      return { statusCode: 200 };
    },
  };

  before(async () => {
    gateway = await startLocalGateway({ routes });
    // One token, refilled every 100 s: the second post is throttled.
    throttling = await startLocalGateway({ routes, managementRateLimit: { requestsPerSecond: 0.01, burst: 1 } });
  });
  after(async () => {
    await gateway.close();
    await throttling.close();
  });

  async function open(url: string) {
    const count = connects.items.length;
    const client = await connect(url);
    const connectionId = (await connects.nth(count + 1)).requestContext.connectionId as string;
    return { ...client, connectionId };
  }

  it('posts are delivered; an unknown or closed connection is a StaleConnectionError; > 128 KiB is a payload error', async () => {
    const api = new ConnectionsApi({ endpoint: gateway.managementEndpoint, signer });
    try {
      const client = await open(gateway.url);
      const frames = Array.from({ length: 20 }, (_, i) =>
        JSON.stringify({ type: 'message', n: i, text: 'ü'.repeat(i) }),
      );
      await Promise.all(frames.map((f) => api.post(client.connectionId, f)));
      const received = await Promise.all(frames.map((_, i) => client.messages.nth(i + 1)));
      assert.deepEqual(received.sort(), [...frames].sort());

      await assert.rejects(api.post(client.connectionId, 'x'.repeat(128 * 1024 + 1)), (error: unknown) => {
        assert.ok(error instanceof PayloadTooLargeError);
        assert.equal(error.status, 413);
        assert.equal(error.errorType, 'PayloadTooLargeException');
        assert.ok(!(error instanceof StaleConnectionError));
        return true;
      });

      await assert.rejects(
        api.post('unknownConnId=', '{}'),
        (error: unknown) => error instanceof StaleConnectionError && error.connectionId === 'unknownConnId=',
      );
      client.ws.close(1000);
      await client.closed;
      await assert.rejects(api.post(client.connectionId, '{}'), StaleConnectionError);
    } finally {
      api.close();
    }
  });

  it('429 from the gateway is a ThrottledError', async () => {
    const api = new ConnectionsApi({ endpoint: throttling.managementEndpoint, signer });
    try {
      const client = await open(throttling.url);
      await api.post(client.connectionId, 'first');
      assert.equal(await client.messages.nth(1), 'first');
      await assert.rejects(api.post(client.connectionId, 'second'), (error: unknown) => {
        assert.ok(error instanceof ThrottledError, String(error));
        assert.ok((error as Error).cause instanceof ConnectionApiError);
        assert.equal(((error as Error).cause as ConnectionApiError).status, 429);
        return true;
      });
      client.ws.close(1000);
    } finally {
      api.close();
    }
  });

  it('createConnectionsApiCache: one ConnectionsApi per endpoint, signing with the environment credentials', async () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID ??= 'local';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
    const connectionsApi = createConnectionsApiCache('us-east-1', undefined);
    const a = connectionsApi({ domainName: '127.0.0.1:' + gateway.port, stage: 'local' });
    assert.equal(a, connectionsApi({ domainName: '127.0.0.1:' + gateway.port, stage: 'local' }));
    const local = createConnectionsApiCache('us-east-1', gateway.managementEndpoint)({});
    try {
      const client = await open(gateway.url);
      await local.post(client.connectionId, 'via the factory');
      assert.equal(await client.messages.nth(1), 'via the factory');
      client.ws.close(1000);
    } finally {
      local.close();
      a.close();
      if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
    }
  });
});

describe('ConnectionsApi errors', () => {
  it('other statuses carry status and error type; network errors are plain errors, not stale', async () => {
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.url?.endsWith('/forbidden')) {
          res.writeHead(403, {
            'x-amzn-ErrorType': 'ForbiddenException:http://internal',
            'content-type': 'application/json',
          });
          res.end('{"message":"Forbidden"}');
        } else {
          res.writeHead(429, { 'content-type': 'application/json' });
          res.end('{"message":"slow down"}');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const api = new ConnectionsApi({ endpoint: `http://127.0.0.1:${port}/prod/`, signer });
    try {
      await assert.rejects(api.post('forbidden', '{}'), (error: unknown) => {
        assert.ok(error instanceof ConnectionApiError);
        assert.equal(error.status, 403);
        assert.equal(error.errorType, 'ForbiddenException');
        assert.match(error.message, /403 ForbiddenException: Forbidden/);
        return true;
      });
      await assert.rejects(api.post('other', '{}'), ThrottledError);
    } finally {
      api.close();
      await new Promise((resolve) => server.close(resolve));
    }
    // The port is closed now: connection refused.
    const dead = new ConnectionsApi({ endpoint: `http://127.0.0.1:${port}/prod`, signer });
    await assert.rejects(dead.post('abc', '{}'), (error: unknown) => {
      assert.ok(
        error instanceof Error && !(error instanceof StaleConnectionError) && !(error instanceof ThrottledError),
      );
      assert.match(error.message, /ECONNREFUSED/);
      return true;
    });
    dead.close();
    assert.throws(() => new ConnectionsApi({ endpoint: 'ftp://x/prod', signer }), /http\(s\)/);
  });
});
