import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCachedSecret } from '../../src/aws/cached-secret.js';
import { createSsmSecretReader } from '../../src/aws/ssm-secret.js';
import { readAuthConfig } from '../../src/config.js';

function fakeClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

function warnings() {
  const entries: { msg: string; fields: Record<string, unknown> | undefined }[] = [];
  return {
    entries,
    log: { warn: (msg: string, fields?: Record<string, unknown>) => void entries.push({ msg, fields }) },
  };
}

/** A loader whose next results are scripted: a string resolves, an Error rejects. */
function scripted(...results: (string | Error)[]) {
  const loader = {
    calls: 0,
    load: async () => {
      loader.calls++;
      const next = results.shift();
      if (next === undefined) throw new Error('loader called more often than scripted');
      if (next instanceof Error) throw next;
      return next;
    },
  };
  return loader;
}

test('the value is cached for the TTL, then read again (a rotated secret is picked up)', async () => {
  const clock = fakeClock();
  const loader = scripted('first', 'rotated');
  const get = createCachedSecret(loader.load, { ttlMs: 300_000, now: clock.now });
  assert.equal(await get(), 'first');
  clock.advance(299_999);
  assert.equal(await get(), 'first');
  assert.equal(loader.calls, 1);
  clock.advance(1);
  assert.equal(await get(), 'rotated');
  assert.equal(await get(), 'rotated');
  assert.equal(loader.calls, 2);
});

test('a failed first read rejects and is not cached: the next call reads again', async () => {
  const clock = fakeClock();
  const loader = scripted(new Error('AccessDenied'), 'value');
  const get = createCachedSecret(loader.load, { ttlMs: 60_000, now: clock.now });
  await assert.rejects(get(), /AccessDenied/);
  assert.equal(await get(), 'value');
  assert.equal(loader.calls, 2);
});

test('a failed refresh keeps the last good value, warns, and tries again after the retry delay', async () => {
  const clock = fakeClock();
  const { entries, log } = warnings();
  const loader = scripted('good', new Error('ThrottlingException'), 'new');
  const get = createCachedSecret(loader.load, { ttlMs: 300_000, retryMs: 30_000, log, now: clock.now });
  assert.equal(await get(), 'good');
  clock.advance(300_000);
  assert.equal(await get(), 'good', 'the last good value, not an error');
  assert.equal(entries.length, 1);
  assert.match(entries[0]!.msg, /refresh failed/);
  assert.equal(entries[0]!.fields?.errorMessage, 'ThrottlingException');
  assert.ok(!JSON.stringify(entries).includes('good'), 'the secret is never logged');
  clock.advance(29_999);
  assert.equal(await get(), 'good');
  assert.equal(loader.calls, 2, 'no new read before the retry delay');
  clock.advance(1);
  assert.equal(await get(), 'new');
  assert.equal(loader.calls, 3);
});

test('concurrent callers share one read', async () => {
  const clock = fakeClock();
  let release!: (v: string) => void;
  let calls = 0;
  const get = createCachedSecret(
    () => {
      calls++;
      return new Promise<string>((r) => (release = r));
    },
    { ttlMs: 1000, now: clock.now },
  );
  const all = Promise.all([get(), get(), get()]);
  release('shared');
  assert.deepEqual(await all, ['shared', 'shared', 'shared']);
  assert.equal(calls, 1);
});

test('the retry delay is never longer than the TTL', async () => {
  const clock = fakeClock();
  const loader = scripted('a', new Error('down'), 'b');
  const get = createCachedSecret(loader.load, { ttlMs: 5_000, now: clock.now });
  await get();
  clock.advance(5_000);
  assert.equal(await get(), 'a');
  clock.advance(5_000);
  assert.equal(await get(), 'b');
});

test('TOKEN_SECRET_CACHE_SECONDS: default 300, a whole number from 1 to 86400', () => {
  assert.equal(readAuthConfig({}).tokenSecretCacheSeconds, 300);
  assert.equal(readAuthConfig({ TOKEN_SECRET_CACHE_SECONDS: '60' }).tokenSecretCacheSeconds, 60);
  for (const bad of ['0', '-5', '1.5', 'soon', '86401']) {
    assert.throws(() => readAuthConfig({ TOKEN_SECRET_CACHE_SECONDS: bad }), /TOKEN_SECRET_CACHE_SECONDS/);
  }
});

// The real SSM client (loaded on the first read) against a stand-in for SSM's GetParameter JSON API.
let server: http.Server;
let parameterValue = 'ssm-secret-version-1';
let failing = false;
const requests: Record<string, unknown>[] = [];

before(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      requests.push(body);
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (failing) {
        res.writeHead(400);
        return void res.end(JSON.stringify({ __type: 'AccessDeniedException', message: 'not allowed' }));
      }
      res.writeHead(200);
      res.end(
        JSON.stringify({ Parameter: { Name: body.Name, Type: 'SecureString', Value: parameterValue, Version: 1 } }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  process.env.AWS_ENDPOINT_URL_SSM = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
});
after(() => new Promise((r) => server.close(r)));

test('SSM: the parameter is read with decryption, re-read after the TTL, and kept when SSM fails', async () => {
  const clock = fakeClock();
  const { entries, log } = warnings();
  const get = createSsmSecretReader('eu-west-1', '/chat-room/test/secret', { ttlMs: 300_000, log, now: clock.now });
  assert.equal(await get(), 'ssm-secret-version-1');
  assert.deepEqual(requests, [{ Name: '/chat-room/test/secret', WithDecryption: true }]);
  parameterValue = 'ssm-secret-version-2';
  assert.equal(await get(), 'ssm-secret-version-1', 'cached');
  clock.advance(300_000);
  assert.equal(await get(), 'ssm-secret-version-2', 'rotated value after the TTL');
  failing = true;
  clock.advance(300_000);
  assert.equal(await get(), 'ssm-secret-version-2', 'kept while SSM fails');
  assert.equal(entries.length, 1);
  assert.equal(entries[0]!.fields?.errorName, 'AccessDeniedException');
  assert.equal(requests.length, 3);
});
