// 2. Cold-start proxy: how long `await import(bundle)` takes in a fresh Node process (module parse,
// compile and top-level initialisation: config, SDK clients), median of 20 per bundle, beside the
// same for an empty module. Runs are interleaved so drift in machine load hits every bundle alike.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { addRow, createResult } from './lib/result.mjs';
import { standalone } from './lib/main.mjs';
import { LAMBDAS, lambdaBundle } from './lib/paths.mjs';
import { median, percentile } from './lib/stats.mjs';

const exec = promisify(execFile);

/** What the handlers read at module scope, set to dummy values so configuration does not throw. */
const LAMBDA_ENV = {
  CONNECTIONS_TABLE: 'bench-connections',
  MESSAGES_TABLE: 'bench-messages',
  AUTH_MODE: 'guest',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  MANAGEMENT_ENDPOINT: 'http://127.0.0.1:9/local',
  LOG_LEVEL: 'silent',
};

// argv: the entry's URL, then the URLs of the chunks it loads lazily (timed after the entry).
const PROBE = `
const [url, ...chunks] = process.argv.slice(1);
const t0 = performance.now();
const m = await import(url);
const t1 = performance.now();
if (typeof m.handler !== 'function' && !url.endsWith('empty.mjs')) throw new Error('no handler in ' + url);
for (const chunk of chunks) await import(chunk);
const t2 = performance.now();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, withChunksMs: t2 - t0 }));
`;

/** The other modules in a bundle's directory: chunks the entry imports on first use. */
function chunksOf(entryPath) {
  const dir = dirname(entryPath);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mjs') && join(dir, f) !== entryPath)
    .map((f) => pathToFileURL(join(dir, f)).href);
}

async function probe(url, chunks = []) {
  const started = performance.now();
  const { stdout } = await exec(process.execPath, ['--input-type=module', '-e', PROBE, url, ...chunks], {
    env: { PATH: process.env.PATH, ...LAMBDA_ENV },
  });
  const wallMs = performance.now() - started;
  return { ...JSON.parse(stdout), wallMs };
}

export async function run({ quick }) {
  const result = createResult('cold-start', 'Cold-start proxy: module initialisation in a fresh Node process');
  const repetitions = quick ? 5 : 20;
  const dir = mkdtempSync(join(tmpdir(), 'chat-room-bench-'));
  const empty = join(dir, 'empty.mjs');
  writeFileSync(empty, 'export {};\n');
  const targets = [
    ['empty module', pathToFileURL(empty).href, []],
    ...LAMBDAS.map((name) => [name, pathToFileURL(lambdaBundle(name)).href, chunksOf(lambdaBundle(name))]),
  ];
  const samples = new Map(targets.map(([name]) => [name, { importMs: [], withChunksMs: [], wallMs: [] }]));
  try {
    for (const [, url, chunks] of targets) await probe(url, chunks); // warm the file cache once
    for (let i = 0; i < repetitions; i++) {
      for (const [name, url, chunks] of targets) {
        const s = await probe(url, chunks);
        samples.get(name).importMs.push(s.importMs);
        samples.get(name).withChunksMs.push(s.withChunksMs);
        samples.get(name).wallMs.push(s.wallMs);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const base = samples.get('empty module');
  const baseImport = median(base.importMs);
  const baseWall = median(base.wallMs);
  addRow(result, 'empty module: import, median', baseImport, 'ms');
  addRow(result, 'empty module: process spawn → exit, median', baseWall, 'ms');
  for (const name of LAMBDAS) {
    const s = samples.get(name);
    addRow(result, `${name}: import, median of ${repetitions}`, median(s.importMs), 'ms', {
      label: 'empty module',
      value: baseImport,
    });
    addRow(result, `${name}: import, p90`, percentile(s.importMs, 90), 'ms');
    const chunks = targets.find(([n]) => n === name)[2].length;
    if (chunks)
      addRow(
        result,
        `${name}: import + all ${chunks} of its lazily loaded chunk${chunks === 1 ? '' : 's'} (the most a first call can add), median`,
        median(s.withChunksMs),
        'ms',
        { label: 'empty module', value: baseImport },
      );
    addRow(result, `${name}: process spawn → exit, median`, median(s.wallMs), 'ms', {
      label: 'empty module',
      value: baseWall,
    });
  }
  result.config = { repetitions, node: process.version, env: Object.keys(LAMBDA_ENV) };
  result.notes.push(
    `Each sample is a fresh \`node --input-type=module -e\` process timing \`await import(bundle)\` with performance.now(); the bundles' module-scope code runs (configuration, AWS SDK client construction) but no handler is invoked. Where a bundle loads chunks lazily (dynamic import on first use), a second figure adds importing them, which the first invocation that needs them pays. Node ${process.version} here; Lambda runs Node.js 22 on arm64, so absolute times differ, ratios less so.`,
  );
  return result;
}

standalone(import.meta.url, run);
