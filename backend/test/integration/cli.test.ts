import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AckFrame, HistoryFrame } from '@chat-room/client-sdk/protocol';
import { connect, eventually, requireBundles, startTestStack } from '../helpers/stack.js';
import { stackRepositories } from '../helpers/stack-db.js';

const CLI = fileURLToPath(new URL('../../dist/local/cli.js', import.meta.url));

/** Starts `node backend/dist/local/cli.js` (what `npm start` runs) and waits for the URLs it prints. */
function startCli(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; pageUrl: string; wsUrl: string; output: () => string }> {
  const child = spawn(process.execPath, [CLI], {
    env: { ...process.env, NODE_NO_WARNINGS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
    const ack = await writer.request<AckFrame>(
      { action: 'sendMessage', message: 'kept across restarts', clientMessageId: 'cli-1' },
      ['ack'],
    );
    const exited = exitOf(first.child);
    first.child.kill('SIGINT');
    assert.equal(await exited, 0, first.output());
    assert.match(first.output(), /stopped; data saved/);

    const second = await startCli({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    try {
      const reader = await connect(second.wsUrl, { username: 'reader', room: 'restart' });
      const history = await reader.request<HistoryFrame>({ action: 'getHistory' }, ['history']);
      assert.deepEqual(
        history.messages.map((m) => m.messageId),
        [ack.messageId],
      );
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
  const child = spawn(process.execPath, [CLI], {
    env: { ...process.env, PORT: 'eighty' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  assert.equal(await exitOf(child), 2);
  assert.match(err, /PORT must be a port number/);
});

test('killed without any shutdown (SIGKILL): the data survives, and the connection rows it left are cleaned by the next broadcast', async () => {
  requireBundles();
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-room-crash-'));
  try {
    const crashed = await startCli({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    const victim = await connect(crashed.wsUrl, { username: 'victim', room: 'crash' });
    const ack = await victim.request<AckFrame>(
      { action: 'sendMessage', message: 'before the crash', clientMessageId: 'k-1' },
      ['ack'],
    );
    const exited = exitOf(crashed.child);
    crashed.child.kill('SIGKILL'); // no $disconnect runs, nothing is flushed on purpose
    await exited;

    const stack = await startTestStack({ persist: true, dataDir });
    const db = stackRepositories(stack);
    try {
      const left = (await db.connections.queryRoom('crash')).connections;
      assert.equal(left.length, 1, 'the killed run left its connection row behind');
      const reader = await connect(stack.wsUrl, { username: 'reader', room: 'crash' });
      const history = await reader.request<HistoryFrame>({ action: 'getHistory' }, ['history']);
      assert.deepEqual(
        history.messages.map((m) => m.messageId),
        [ack.messageId],
      );
      await reader.request<AckFrame>({ action: 'sendMessage', message: 'after the crash', clientMessageId: 'k-2' }, [
        'ack',
      ]);
      await eventually(
        async () => (await db.connections.get(left[0]!.connectionId)) === undefined,
        'stale row removed by the broadcast',
      );
      assert.equal((await db.connections.queryRoom('crash')).connections.length, 1);
      await reader.close();
    } finally {
      db.close();
      await stack.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
