// The embed script against its size budget: the real built file (`npm test` builds first), gzip -9, as
// `npm run size -w @chat-room/widget` and `npm run bench` measure it. Today dist/chat-room.js is the whole
// chat (Lit + SDK + UI), so it gets the chat's budget of DESIGN.md §8: 24 KB (24,576 B) min+gzip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../scripts/size.mjs', import.meta.url));

test('dist/chat-room.js fits the chat budget of 24 KB min+gzip', async () => {
  const run = await promisify(execFile)(process.execPath, [script, '--check']).catch(
    (error: { stdout?: string; code?: number }) => error,
  );
  const stdout = String(run.stdout);
  const [, gzip] = /(\d+) bytes gzip/.exec(stdout) ?? [];
  assert.ok(Number(gzip) > 10_000, `measured a real bundle: ${stdout}`);
  assert.match(stdout, /within the 24\.0 KB min\+gzip budget/, stdout);
  assert.ok(Number(gzip) <= 24 * 1024, `${gzip} bytes gzip <= 24,576`);
  assert.equal('code' in run ? run.code : 0, 0);
});
