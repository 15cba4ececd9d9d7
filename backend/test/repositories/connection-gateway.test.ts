import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { StaleConnectionError, ThrottledError } from '../../src/errors.js';
import { startLocalGateway, type LocalGateway } from '../../src/local/gateway/index.js';
import { createExecuteApiSigner, environmentCredentials } from '../../src/aws/sigv4.js';
import { createConnectionGateways } from '../../src/aws/connection-gateways.js';
import {
  ConnectionApiError,
  ConnectionGateway,
  PayloadTooLargeError,
} from '../../src/repositories/connection-gateway.js';
import { Recorder, connect } from '../gateway/helpers.js';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'session/token+with=chars',
};
const signer = createExecuteApiSigner('eu-west-1', () => credentials);

// ---- An independent SigV4 (straight from the specification), checked against AWS's own test vector ----

/** RFC 3986 encoding as SigV4 wants it (unreserved characters kept, everything else %XX upper-case). */
const uriEncode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

function referenceSignature(input: {
  method: string;
  /** The path as sent; non-S3 services escape each segment once more. */
  path: string;
  headers: Record<string, string>;
  signedHeaders: string[];
  body: string | Buffer;
  secretAccessKey: string;
  region: string;
  service: string;
}): string {
  const amzDate = input.headers['x-amz-date']!;
  const day = amzDate.slice(0, 8);
  const canonicalUri = input.path.split('/').map(uriEncode).join('/');
  const canonicalHeaders = input.signedHeaders
    .map((h) => `${h}:${input.headers[h]!.trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const canonicalRequest = [
    input.method,
    canonicalUri,
    '',
    canonicalHeaders,
    input.signedHeaders.join(';'),
    hex(input.body),
  ].join('\n');
  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${input.secretAccessKey}`, day), input.region), input.service), 'aws4_request');
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

describe('SigV4 of @connections posts', () => {
  it('the reference implementation reproduces the AWS SigV4 test suite (get-vanilla)', () => {
    const signature = referenceSignature({
      method: 'GET',
      path: '/',
      headers: { host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z' },
      signedHeaders: ['host', 'x-amz-date'],
      body: '',
      secretAccessKey: credentials.secretAccessKey,
      region: 'us-east-1',
      service: 'service',
    });
    assert.equal(signature, '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
  });

  it('a captured post carries a valid execute-api signature over its path, headers and body', async () => {
    const captured = new Recorder<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: Buffer }>();
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        captured.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(200, { 'content-length': 0 });
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const gateway = new ConnectionGateway({ endpoint: `http://127.0.0.1:${port}/prod`, signer });
    try {
      const frame = JSON.stringify({ type: 'message', message: 'héllo wörld' });
      await gateway.post('AbC+d/E=', frame);
      const request = await captured.nth(1);
      assert.equal(request.method, 'POST');
      assert.equal(request.url, '/prod/@connections/AbC%2Bd%2FE%3D');
      assert.equal(request.body.toString('utf8'), frame);
      assert.equal(request.headers['content-length'], String(Buffer.byteLength(frame)));
      assert.equal(request.headers['x-amz-security-token'], credentials.sessionToken);
      const authorization = String(request.headers.authorization);
      const match = /^AWS4-HMAC-SHA256 Credential=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
        authorization,
      );
      assert.ok(match, authorization);
      const amzDate = String(request.headers['x-amz-date']);
      assert.match(amzDate, /^\d{8}T\d{6}Z$/);
      assert.equal(match[1], `${credentials.accessKeyId}/${amzDate.slice(0, 8)}/eu-west-1/execute-api/aws4_request`);
      const signedHeaders = match[2]!.split(';');
      for (const h of ['host', 'x-amz-date', 'x-amz-security-token', 'content-length'])
        assert.ok(signedHeaders.includes(h), `${h} is signed`);
      const headers = Object.fromEntries(signedHeaders.map((h) => [h, String(request.headers[h])]));
      const expected = referenceSignature({
        method: 'POST',
        path: request.url,
        headers,
        signedHeaders,
        body: request.body,
        secretAccessKey: credentials.secretAccessKey,
        region: 'eu-west-1',
        service: 'execute-api',
      });
      assert.equal(match[3], expected);
    } finally {
      gateway.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('credentials come from the environment; missing ones are a clear error', () => {
    assert.deepEqual(
      environmentCredentials({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_SESSION_TOKEN: 'c' }),
      { accessKeyId: 'a', secretAccessKey: 'b', sessionToken: 'c' },
    );
    assert.deepEqual(environmentCredentials({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }), {
      accessKeyId: 'a',
      secretAccessKey: 'b',
    });
    assert.throws(() => environmentCredentials({ AWS_ACCESS_KEY_ID: 'a' }), /AWS_SECRET_ACCESS_KEY/);
    assert.throws(() => createExecuteApiSigner(''), /AWS_REGION/);
  });
});

describe('ConnectionGateway against the local gateway', () => {
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
    const poster = new ConnectionGateway({ endpoint: gateway.managementEndpoint, signer });
    try {
      const client = await open(gateway.url);
      const frames = Array.from({ length: 20 }, (_, i) =>
        JSON.stringify({ type: 'message', n: i, text: 'ü'.repeat(i) }),
      );
      await Promise.all(frames.map((f) => poster.post(client.connectionId, f)));
      const received = await Promise.all(frames.map((_, i) => client.messages.nth(i + 1)));
      assert.deepEqual(received.sort(), [...frames].sort());

      await assert.rejects(poster.post(client.connectionId, 'x'.repeat(128 * 1024 + 1)), (error: unknown) => {
        assert.ok(error instanceof PayloadTooLargeError);
        assert.equal(error.status, 413);
        assert.equal(error.errorType, 'PayloadTooLargeException');
        assert.ok(!(error instanceof StaleConnectionError));
        return true;
      });

      await assert.rejects(
        poster.post('unknownConnId=', '{}'),
        (error: unknown) => error instanceof StaleConnectionError && error.connectionId === 'unknownConnId=',
      );
      client.ws.close(1000);
      await client.closed;
      await assert.rejects(poster.post(client.connectionId, '{}'), StaleConnectionError);
    } finally {
      poster.close();
    }
  });

  it('429 from the gateway is a ThrottledError', async () => {
    const poster = new ConnectionGateway({ endpoint: throttling.managementEndpoint, signer });
    try {
      const client = await open(throttling.url);
      await poster.post(client.connectionId, 'first');
      assert.equal(await client.messages.nth(1), 'first');
      await assert.rejects(poster.post(client.connectionId, 'second'), (error: unknown) => {
        assert.ok(error instanceof ThrottledError, String(error));
        assert.ok((error as Error).cause instanceof ConnectionApiError);
        assert.equal(((error as Error).cause as ConnectionApiError).status, 429);
        return true;
      });
      client.ws.close(1000);
    } finally {
      poster.close();
    }
  });

  it('createConnectionGateways: one gateway per endpoint, signing with the environment credentials', async () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID ??= 'local';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
    const gatewayFor = createConnectionGateways('us-east-1', undefined);
    const a = gatewayFor({ domainName: '127.0.0.1:' + gateway.port, stage: 'local' });
    assert.equal(a, gatewayFor({ domainName: '127.0.0.1:' + gateway.port, stage: 'local' }));
    const local = createConnectionGateways('us-east-1', gateway.managementEndpoint)({});
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

describe('ConnectionGateway errors', () => {
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
    const poster = new ConnectionGateway({ endpoint: `http://127.0.0.1:${port}/prod/`, signer });
    try {
      await assert.rejects(poster.post('forbidden', '{}'), (error: unknown) => {
        assert.ok(error instanceof ConnectionApiError);
        assert.equal(error.status, 403);
        assert.equal(error.errorType, 'ForbiddenException');
        assert.match(error.message, /403 ForbiddenException: Forbidden/);
        return true;
      });
      await assert.rejects(poster.post('other', '{}'), ThrottledError);
    } finally {
      poster.close();
      await new Promise((resolve) => server.close(resolve));
    }
    // The port is closed now: connection refused.
    const dead = new ConnectionGateway({ endpoint: `http://127.0.0.1:${port}/prod`, signer });
    await assert.rejects(dead.post('abc', '{}'), (error: unknown) => {
      assert.ok(
        error instanceof Error && !(error instanceof StaleConnectionError) && !(error instanceof ThrottledError),
      );
      assert.match(error.message, /ECONNREFUSED/);
      return true;
    });
    dead.close();
    assert.throws(() => new ConnectionGateway({ endpoint: 'ftp://x/prod', signer }), /http\(s\)/);
  });
});
