// Snapshot of the whole synthesized stack (guest mode, defaults). Asset hashes and folder names are
// normalized so a rebuilt bundle does not change it. Update after an intended change with
// `UPDATE_SNAPSHOTS=1 node --import tsx --test cdktf/test/snapshot.test.ts` and review the diff.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { it } from 'node:test';
import { synthesize } from './synth.js';

const SNAPSHOT = fileURLToPath(new URL('./__snapshots__/stack.json', import.meta.url));

/** Replaces content-dependent asset hashes (and the hash folder in asset paths) with placeholders. */
export function normalize(text: string): string {
  const json = JSON.parse(text);
  for (const fn of Object.values(json.resource?.aws_lambda_function ?? {}) as {
    filename: string;
    source_code_hash: string;
  }[]) {
    fn.filename = fn.filename.replace(/^(assets\/[\w-]+)\/[0-9A-F]+\/archive\.zip$/, '$1/<hash>/archive.zip');
    fn.source_code_hash = '<hash>';
  }
  return `${JSON.stringify(json, null, 2)}\n`;
}

it('the synthesized stack matches the committed snapshot', () => {
  const s = synthesize({});
  try {
    const actual = normalize(s.text);
    if (process.env.UPDATE_SNAPSHOTS === '1') {
      mkdirSync(dirname(SNAPSHOT), { recursive: true });
      writeFileSync(SNAPSHOT, actual);
      return;
    }
    assert.ok(existsSync(SNAPSHOT), `snapshot ${SNAPSHOT} is missing: create it with UPDATE_SNAPSHOTS=1`);
    const expected = readFileSync(SNAPSHOT, 'utf8');
    assert.equal(
      actual,
      expected,
      'stack differs from cdktf/test/__snapshots__/stack.json; if intended, rerun with UPDATE_SNAPSHOTS=1 and review the diff',
    );
  } finally {
    s.cleanup();
  }
});

it('normalizes only the asset hashes', () => {
  const sample = JSON.stringify({
    resource: {
      aws_lambda_function: {
        f: {
          filename: 'assets/functions_x_bundle_AB12/0123ABCD/archive.zip',
          source_code_hash: '0123ABCD',
          runtime: 'nodejs22.x',
        },
      },
    },
  });
  assert.deepEqual(JSON.parse(normalize(sample)).resource.aws_lambda_function.f, {
    filename: 'assets/functions_x_bundle_AB12/<hash>/archive.zip',
    source_code_hash: '<hash>',
    runtime: 'nodejs22.x',
  });
});
