import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AckFrame, HistoryFrame } from '@chat-room/client-sdk';
import { connect, requireBundles } from '../helpers/stack.js';

const CLI = fileURLToPath(new URL('../../dist/local/cli.js', import.meta.url));

/** Starts `node backend/dist/local/cli.js` (what `npm start` runs) and waits for the URLs it prints. */
function startCli(env: Record<string, string>): Promise<{ child: ChildProcess; pageUrl: string; wsUrl: string; output: () => string }> {
  const child = spawn(process.execPath, [CLI], { env: { ...process.env, NODE_NO_WARNINGS: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cli did not print its URLs:\n${out}`)), 30_000);
    const check = () => {
      const page = /page:\s+(http:\/\/\S+)/.exec(out);
      const ws = /websocket:\s+(ws:\/\/\S+)/.exec(out);
      if (page && ws) {
        clearTimeout(timer);
        resolve({ child, pageUrl: page[1]!, wsUrl: ws[1]!, output: () => out });
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`cli exited (${code}):\n${out}`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

test('npm start: prints both URLs, stops cleanly on SIGINT/SIGTERM, and the next start sees the history', async () => {
  requireBundles();
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-room-cli-'));
  try {
    const first = await startCli({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    assert.match(first.wsUrl, /^ws:\/\/127\.0\.0\.1:\d+\/local$/);
    const writer = await connect(first.wsUrl, { username: 'cli', room: 'restart' });
    const ack = await writer.request<AckFrame>({ action: 'sendMessage', message: 'kept across restarts', clientMessageId: 'cli-1' }, ['ack']);
    const exited = exitOf(first.child);
    first.child.kill('SIGINT');
    assert.equal(await exited, 0, first.output());
    assert.match(first.output(), /stopped; data saved/);

    const second = await startCli({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    try {
      const reader = await connect(second.wsUrl, { username: 'reader', room: 'restart' });
      const history = await reader.request<HistoryFrame>({ action: 'getHistory' }, ['history']);
      assert.deepEqual(history.messages.map((m) => m.messageId), [ack.messageId]);
      await reader.close();
    } finally {
      const stopped = exitOf(second.child);
      second.child.kill('SIGTERM');
      assert.equal(await stopped, 0, second.output());
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a bad PORT is a clear error', async () => {
  const child = spawn(process.execPath, [CLI], { env: { ...process.env, PORT: 'eighty' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  assert.equal(await exitOf(child), 2);
  assert.match(err, /PORT must be a port number/);
});
