#!/usr/bin/env node
// `npm run bench` (after `npm run build`): runs each benchmark of DESIGN.md §8 in its own Node process,
// prints a table, writes the figures to bench/results/latest.json and regenerates BENCHMARKS.md.
// Options: --only sizes,fanout (a subset: results go to bench/results/partial.json, BENCHMARKS.md is
// left alone unless --report), --quick (fewer repetitions and clients, for iterating; never the report's
// figures unless --report), --report (write BENCHMARKS.md even for --only/--quick).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { machine } from '../bench/lib/machine.mjs';
import { writeReport } from '../bench/write-report.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const BENCHMARKS = ['sizes', 'cold-start', 'fanout', 'dynamo-reads', 'widget', 'reconnect-storm'];

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const onlyArg = argv.indexOf('--only');
const only = onlyArg >= 0 ? (argv[onlyArg + 1] ?? '').split(',').filter(Boolean) : undefined;
const unknown = (only ?? []).filter((id) => !BENCHMARKS.includes(id));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHMARKS.join(', ')}`);
  process.exit(2);
}
const selected = only ?? BENCHMARKS;
const complete = !only && !quick;
const resultsDir = `${root}bench/results`;
mkdirSync(resultsDir, { recursive: true });

function runOne(id) {
  const out = `${resultsDir}/${id}.tmp`;
  const args = [
    '--disable-warning=NodeVersionSupportWarning',
    `${root}bench/${id}.mjs`,
    '--out',
    out,
    ...(quick ? ['--quick'] : []),
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code, signal) => {
      if (code === 0) {
        try {
          return resolve(JSON.parse(readFileSync(out, 'utf8')));
        } catch (error) {
          return resolve({ id, error: `no result: ${error.message}` });
        }
      }
      resolve({ id, error: `exited with ${signal ?? code}` });
    });
  });
}

const started = performance.now();
const run = {
  command: 'npm run bench',
  date: new Date().toISOString(),
  machine: machine(),
  quick,
  results: [],
};
for (const id of selected) {
  console.error(`\n── ${id} ──`);
  const t = performance.now();
  const loadBefore = loadavg()[0];
  const result = await runOne(id);
  result.loadAverage = { before: Math.round(loadBefore * 100) / 100, after: Math.round(loadavg()[0] * 100) / 100 };
  result.id ??= id;
  result.title ??= id;
  result.seconds ??= Math.round((performance.now() - t) / 100) / 10;
  run.results.push(result);
  console.error(result.error ? `${id} FAILED: ${result.error}` : `${id}: ${result.seconds} s`);
}
run.seconds = Math.round((performance.now() - started) / 1000);

// The table.
const pad = (s, n) => String(s).padEnd(n);
console.log(`\nchat-room benchmarks: ${run.machine.cpu} × ${run.machine.cores}, Node ${run.machine.node}, ${run.date}`);
for (const result of run.results) {
  console.log(`\n${result.title}`);
  if (result.error) {
    console.log(`  FAILED: ${result.error}`);
    continue;
  }
  for (const row of result.rows) {
    const base = row.baseline
      ? `  vs ${row.baseline.value} (${row.baseline.label})${row.ratio !== undefined ? ` = ${row.ratio}×` : ''}`
      : '';
    console.log(`  ${pad(row.metric, 78)} ${pad(`${row.value} ${row.unit}`, 18)}${base}`);
  }
}
const budgets = run.results.flatMap((r) => r.budgets ?? []);
console.log('\nBudgets');
for (const b of budgets) console.log(`  ${b.pass ? 'pass' : 'MISS'}  ${b.name}: ${b.detail}`);

const file = complete ? `${resultsDir}/latest.json` : `${resultsDir}/partial.json`;
writeFileSync(file, JSON.stringify(run, null, 2));
console.log(`\nresults: ${file}  (${run.seconds} s)`);
if (complete || argv.includes('--report')) console.log(`report: ${writeReport(run)}`);
else console.log('BENCHMARKS.md not rewritten (a partial or --quick run; add --report to write it anyway)');
process.exitCode = run.results.some((r) => r.error) ? 1 : 0;
