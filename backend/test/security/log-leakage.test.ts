/**
 * Token leakage in logs: the whole stack as `npm start` runs it (its gateway and its four functions, each
 * logging to the process's stdout/stderr), in token mode at LOG_LEVEL=debug. After connecting with a
 * token, sending messages, asking history, and being refused with forged tokens and bad frames, no log
 * line may hold the token, the secret, the query string or any message text.
 * (The deployed access-log format is checked in cdktf/test/stack.test.ts: "access logs … log no query
 * string, path, body or headers".)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AckFrame } from '@chat-room/client-sdk/protocol';
import { createChatToken } from '../../src/token.js';
import { connect, eventually, refusedStatus, requireBundles } from '../helpers/stack.js';

const CLI = fileURLToPath(new URL('../../dist/local/cli.js', import.meta.url));
const SECRET = 'log-leak-secret-SHOULD-NEVER-BE-LOGGED-0123';

test(
  'LOG_LEVEL=debug: no token, secret, query string or message text in any log output',
  { timeout: 120_000 },
  async () => {
    requireBundles();
    const dataDir = mkdtempSync(join(tmpdir(), 'chat-room-logs-'));
    const child = spawn(process.execPath, [CLI], {
      env: {
        ...process.env,
        NODE_NO_WARNINGS: '1',
        PORT: '0',
        DATA_DIR: dataDir,
        AUTH_MODE: 'token',
        TOKEN_SECRET: SECRET,
        LOG_LEVEL: 'debug',
        ALLOWED_ORIGINS: 'https://site.example',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await eventually(() => /websocket:\s+ws:\/\/\S+/.test(out), 'the CLI printed its URL', 30_000);
      const wsUrl = /websocket:\s+(ws:\/\/\S+)/.exec(out)![1]!;

      const token = await createChatToken(
        { sub: 'secret-sub-4711', name: 'Logan', room: 'logroom', ttlSeconds: 300 },
        SECRET,
      );
      const texts = ['CONFIDENTIAL-MESSAGE-ONE', 'private text two: CONFIDENTIAL-2'];
      const c = await connect(wsUrl, { token, room: 'logroom' }, { Origin: 'https://site.example' });
      for (const [i, message] of texts.entries()) {
        const ack = await c.request<AckFrame>({ action: 'sendMessage', message, clientMessageId: `log-${i}` }, ['ack']);
        assert.equal(ack.type, 'ack');
      }
      await c.request({ action: 'getHistory', limit: 10 }, ['history']);
      await c.request('{"action":"sendMessage","message":"CONFIDENTIAL-BAD-FRAME', ['error']);
      await c.request({ action: 'sendMessage', message: 'CONFIDENTIAL-3'.repeat(200), clientMessageId: 'log-long' }, [
        'error',
      ]);
      await c.request({ action: 'getHistory', before: 'CONFIDENTIAL-CURSOR' }, ['error']);
      await c.close();
      const forged = `${token.slice(0, -6)}FORGED`;
      assert.equal(await refusedStatus(wsUrl, { token: forged, room: 'logroom' }), 401);
      assert.equal(await refusedStatus(wsUrl, { token, room: 'other-room-CONFIDENTIAL' }), 401);
      assert.equal(await refusedStatus(wsUrl, { token }, { Origin: 'https://evil.example' }), 403);
      // The functions log asynchronously through the worker's stdout: wait for the last refusal's line.
      await eventually(() => /connect denied: origin not allowed/.test(out), 'the origin refusal was logged', 15_000);
    } finally {
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
    // Logging was on, at debug, with the fields that are allowed.
    assert.match(out, /"level":"debug"/);
    assert.match(out, /"msg":"message sent"/);
    assert.match(out, /"msg":"connect unauthorized"/);
    assert.match(out, /"userId":"secret-sub-4711"/, 'user ids are logged (they are not secrets)');
    const [header, payload, signature] = (await createChatToken({ sub: 'x', name: 'y', ttlSeconds: 60 }, SECRET)).split(
      '.',
    );
    for (const needle of [
      SECRET,
      'CONFIDENTIAL',
      'FORGED',
      'token=',
      '?token',
      'room=',
      'username=',
      header!.slice(0, 20),
      'eyJ',
      signature!.slice(0, 10),
      payload!.slice(0, 10),
    ]) {
      assert.ok(
        !out.includes(needle),
        `log output contains ${JSON.stringify(needle)}:\n${out
          .split('\n')
          .filter((l) => l.includes(needle))
          .slice(0, 3)
          .join('\n')}`,
      );
    }
  },
);
