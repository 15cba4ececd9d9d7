// What an application importing only ChatClient ships: the size script's real bundle (rollup + terser), checked
// for tree-shaking and against the size budget. The client → server validators and the strict server-frame
// checks are the backend's and its tests'; they must not reach the browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../scripts/size.mjs', import.meta.url));
/** DESIGN.md §8: `import { ChatClient }` ≤ 6 KB min+gzip, with the §9 features to come. */
const BUDGET = 6 * 1024;

test(
  'a ChatClient-only bundle keeps the frame reader, leaves out the validators it does not use, imports nothing, fits its budget',
  { timeout: 120_000 },
  async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [script, '--entry', 'chat-client-only', '--print'], {
      maxBuffer: 1 << 24,
    });
    const code = stdout.slice(0, stdout.lastIndexOf('\n@chat-room/client-sdk'));
    assert.match(code, /is missing or invalid/, 'the server-frame reader is in');
    assert.doesNotMatch(
      code,
      /epoch milliseconds|visible ASCII characters/,
      'the strict server-frame checks are tree-shaken away',
    );
    assert.doesNotMatch(code, /"before" or "after"/, 'client-frame validators are tree-shaken away');
    assert.doesNotMatch(code, /GOING_AWAY:|SERVER_GOING_AWAY:|CONNECTING:/, 'code tables are tree-shaken away');
    assert.doesNotMatch(code, /^import|\bimport\(|\brequire\(/m, 'no runtime dependency');
    const [, gzip] = /ChatClient only: \d+ bytes minified, (\d+) bytes gzip/.exec(stdout) ?? [];
    assert.ok(Number(gzip) > 0 && Number(gzip) <= BUDGET, `${gzip} B gzip, budget ${BUDGET} B`);
  },
);
