// Sizes (raw, gzip) and module-init time of the Lambda bundles.
// Usage: node build/measure-bundles.mjs [--samples 20] [lambdaDir ...]   (default: dist/lambda)
// Init = the time of `await import(index.mjs)` in a fresh `node` process per sample (median): loading,
// parsing and evaluating the module graph, config read and SDK clients constructed, as at a cold start.
// With several folders, samples alternate between them so machine load affects them alike.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
let samples = 20;
const dirs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--samples') samples = Number(args[++i]);
  else dirs.push(resolve(args[i]));
}
if (!dirs.length) dirs.push(resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../dist/lambda'));
const handlers = ['authorizer', 'connect', 'disconnect', 'messages'];

const env = {
  PATH: process.env.PATH,
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'measure',
  AWS_SECRET_ACCESS_KEY: 'measure',
  CONNECTIONS_TABLE: 'connections',
  MESSAGES_TABLE: 'messages',
  LOG_LEVEL: 'silent',
};
// Wall time, and the process's CPU time over the import (less sensitive to a busy machine).
const probe =
  'const c = process.cpuUsage(); const t = performance.now(); await import(process.argv[1]);' +
  'const w = performance.now() - t; const u = process.cpuUsage(c); console.log(w, (u.user + u.system) / 1000);';
const initMs = (file) =>
  execFileSync(process.execPath, ['--input-type=module', '-e', probe, pathToFileURL(file).href], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  })
    .trim()
    .split(' ')
    .map(Number);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const kb = (n) => (n / 1024).toFixed(1);

const rows = [];
for (const name of handlers) {
  const times = dirs.map(() => []);
  for (let i = 0; i < samples; i++) dirs.forEach((d, j) => times[j].push(initMs(join(d, name, 'index.mjs'))));
  dirs.forEach((d, j) => {
    const index = readFileSync(join(d, name, 'index.mjs'));
    const lazy = readdirSync(join(d, name)).filter((f) => f !== 'index.mjs');
    const lazyBytes = lazy.reduce((sum, f) => sum + statSync(join(d, name, f)).size, 0);
    rows.push({
      dir: d,
      fn: name,
      'index.mjs KB': kb(index.length),
      'gzip KB': kb(gzipSync(index, { level: 9 }).length),
      'init ms (median)': median(times[j].map((x) => x[0])).toFixed(1),
      'init CPU ms': median(times[j].map((x) => x[1])).toFixed(1),
      'lazy chunks KB': lazy.length ? `${kb(lazyBytes)} (${lazy.length})` : '-',
    });
  });
}
console.log(`node ${process.version}, ${samples} samples each`);
console.table(dirs.length > 1 ? rows : rows.map(({ dir, ...r }) => r));
