import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { createExecuteApiSigner, environmentCredentials } from '../../src/aws/sigv4.js';
import { ConnectionsApi } from '../../src/aws/connections-api.js';
import { Recorder } from '../gateway/helpers.js';

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
    const api = new ConnectionsApi({ endpoint: `http://127.0.0.1:${port}/prod`, signer });
    try {
      const frame = JSON.stringify({ type: 'message', message: 'héllo wörld' });
      await api.post('AbC+d/E=', frame);
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
      api.close();
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
