// What an application importing only ChatClient ships: the size script's real bundle (rollup + terser), checked
// for tree-shaking. The client → server validators are the backend's; they must not reach the browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../scripts/size.mjs', import.meta.url));

test('a ChatClient-only bundle leaves out the client-frame validators and imports nothing', { timeout: 120_000 }, async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [script, '--entry', 'chat-client-only', '--print'], { maxBuffer: 1 << 24 });
  const code = stdout.slice(0, stdout.lastIndexOf('\n@chat-room/client-sdk'));
  assert.match(code, /"epoch milliseconds"/, 'server-frame validators are in');
  assert.doesNotMatch(code, /"before" or "after"/, 'client-frame validators are tree-shaken away');
  assert.doesNotMatch(code, /GOING_AWAY:|SERVER_GOING_AWAY:|CONNECTING:/, 'code tables are tree-shaken away');
  assert.doesNotMatch(code, /^import|\bimport\(|\brequire\(/m, 'no runtime dependency');
  assert.match(stdout, /ChatClient only: \d+ bytes minified, \d+ bytes gzip/);
});
