#!/usr/bin/env node
// Runs every test: lint (ESLint + Prettier), the typecheck, Node's test runner over */test/**/*.test.ts (unit,
// integration against the local stack, cdktf synth checks), then the widget's browser tests in headless
// Chromium (@web/test-runner). Ends with one PASS/FAIL line per suite.
//
// Usage: node scripts/test.mjs [--node] [--browser] [--package NAME] [file ...]
//   --package NAME  one package's tests only (client-sdk, widget, backend, cdktf, examples): what
//                   `npm test -w @chat-room/NAME` runs. Needs a build first (`npm run build`; `npm test` does it).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGES = ['client-sdk', 'widget', 'backend', 'cdktf', 'examples'];
const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const onlyNode = args.includes('--node');
const onlyBrowser = args.includes('--browser');
const packageIndex = args.indexOf('--package');
const onlyPackage = packageIndex === -1 ? undefined : args[packageIndex + 1];
const files = args.filter((a, i) => !a.startsWith('--') && (packageIndex === -1 || i !== packageIndex + 1));

if (onlyPackage !== undefined && !PACKAGES.includes(onlyPackage)) {
  console.error(`--package takes one of ${PACKAGES.join(', ')}; got ${onlyPackage ?? 'nothing'}`);
  process.exit(2);
}
const missingBuild = ['client-sdk/dist/index.js', 'backend/dist/local/index.js', 'widget/dist/chat-room.js'].filter(
  (path) => !existsSync(join(root, path)),
);
if (missingBuild.length) {
  console.error(`Missing build output (${missingBuild.join(', ')}): run "npm run build" first ("npm test" does).`);
  process.exit(2);
}

function findTests(dir, pattern) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...findTests(path, pattern));
    else if (pattern.test(name)) out.push(relative(root, path));
  }
  return out.sort();
}

const results = [];

function run(label, command, commandArgs, env = {}) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const { status } = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  results.push({ label, ok: status === 0, seconds: (Date.now() - started) / 1000 });
}

/**
 * Files that take the longest (Terraform against moto, terraform validate, many synths) start first, so the
 * runner's two lanes finish together instead of one long file running alone at the end.
 */
const SLOW_FIRST = ['cdktf/test/moto.test.ts', 'cdktf/test/terraform.test.ts', 'cdktf/test/production.test.ts'];
const rank = (file) => (SLOW_FIRST.includes(file) ? SLOW_FIRST.indexOf(file) : SLOW_FIRST.length);
const slowFirst = (a, b) => rank(a) - rank(b) || a.localeCompare(b);

const packages = onlyPackage ? [onlyPackage] : PACKAGES;
const nodeTests = files.length
  ? files.filter((f) => !f.startsWith('widget/src/'))
  : packages.flatMap((p) => findTests(join(root, p, 'test'), /\.test\.ts$/)).sort(slowFirst);
const browserTests = files.length
  ? files.filter((f) => f.startsWith('widget/src/'))
  : packages.includes('widget')
    ? findTests(join(root, 'widget', 'src'), /\.test\.ts$/)
    : [];
const everything = !files.length && !onlyPackage && !onlyNode && !onlyBrowser;

if (everything) {
  run('lint (eslint, prettier --check)', 'npm', ['run', '--silent', 'lint']);
  // Type errors fail the run too (tsx and the browser runner strip types without checking them).
  run('typecheck (tsc, every package and its tests)', 'npm', ['run', '--silent', 'typecheck']);
}

if (!onlyNode && browserTests.length) {
  const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(chrome)) {
    console.error(
      `\nBrowser tests need Chromium at ${chrome}. Install it (Debian: apt-get install -y chromium) or set CHROME_PATH.`,
    );
    results.push({ label: 'browser tests (Chromium missing)', ok: false, seconds: 0 });
  } else {
    run('browser tests (headless Chromium)', process.execPath, [
      join(root, 'node_modules/@web/test-runner/dist/bin.js'),
      '--config',
      'widget/web-test-runner.config.mjs',
      ...(files.length || onlyPackage ? ['--files', ...browserTests] : []),
    ]);
  }
}

if (!onlyBrowser && nodeTests.length) {
  run(
    'node tests (unit, integration, synth)',
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...nodeTests],
    { NODE_NO_WARNINGS: '1' },
  );
}

console.log('\n=== summary ===');
for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.label} (${r.seconds.toFixed(0)} s)`);
const failed = results.filter((r) => !r.ok).length;
console.log(`suites: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed || results.length === 0 ? 1 : 0);
