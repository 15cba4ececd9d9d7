import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createChatToken } from '../../src/token.js';
import { startLocalFunction, type LocalFunction } from '../../src/local/lambda-runtime.js';
import { DEFAULT_LAMBDA_DIR } from '../../src/local/stack.js';
import { fixture } from '../helpers/fixtures.js';
import { requireBundles } from '../helpers/stack.js';

const SECRET = 'secret-kept-in-ssm-0123456789abcdefghijk';
const requests: { target: string | undefined; body: Record<string, unknown> }[] = [];
let failNext = 0;
let server: http.Server;
let authorizer: LocalFunction;

/** A stand-in for SSM's JSON API (GetParameter), so the built bundle's real SSM client can be observed. */
before(async () => {
  requireBundles();
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      requests.push({ target: req.headers['x-amz-target'] as string | undefined, body });
      if (failNext > 0) {
        failNext--;
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
        return void res.end(JSON.stringify({ __type: 'ParameterNotFound', message: 'not yet' }));
      }
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ Parameter: { Name: body.Name, Type: 'SecureString', Value: SECRET, Version: 1 } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  authorizer = startLocalFunction({
    name: 'authorizer',
    bundle: join(DEFAULT_LAMBDA_DIR, 'authorizer', 'index.mjs'),
    quiet: true,
    env: {
      AUTH_MODE: 'token',
      TOKEN_SECRET_PARAMETER: '/chat-room/test/token-secret',
      AWS_ENDPOINT_URL_SSM: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      LOG_LEVEL: 'silent',
    },
  });
});
after(async () => {
  await authorizer?.close();
  await new Promise((r) => server?.close(r));
});

const context = { awsRequestId: 'r', functionName: 'authorizer', getRemainingTimeInMillis: () => 3000 } as never;
const event = (token: string) => ({ ...fixture('authorizer-connect.json'), queryStringParameters: { token } });

test('token mode with TOKEN_SECRET_PARAMETER: the secret is read from SSM once (WithDecryption) and cached', async () => {
  failNext = 1;
  const token = await createChatToken({ sub: 'ssm-user', name: 'Sam', ttlSeconds: 60 }, SECRET);
  await assert.rejects(
    authorizer.invoke(event(token), context),
    (e: unknown) => e instanceof Error && e.message === 'authorizer failed',
  );
  const out = await authorizer.invoke(event(token), context);
  assert.equal(out.principalId, 'ssm-user');
  await authorizer.invoke(event(token), context);
  assert.equal(requests.length, 2, 'one failed read (not cached), then one read for every later call');
  for (const r of requests) {
    assert.equal(r.target, 'AmazonSSM.GetParameter');
    assert.deepEqual(r.body, { Name: '/chat-room/test/token-secret', WithDecryption: true });
  }
  const forged = await createChatToken(
    { sub: 'ssm-user', name: 'Sam', ttlSeconds: 60 },
    'not-the-ssm-secret-but-long-enough-to-sign',
  );
  await assert.rejects(
    authorizer.invoke(event(forged), context),
    (e: unknown) => e instanceof Error && e.message === 'Unauthorized',
  );
});
