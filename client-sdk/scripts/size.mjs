#!/usr/bin/env node
// Bundles the SDK as a browser app would ship it (rollup + typescript + terser, ES2022, minified, tree-shaken)
// and prints the minified and gzip (-9) sizes of two entries:
//   ChatClient only - `import { ChatClient } from '@chat-room/client-sdk'`: ChatClient and what it uses (the
//                     server-frame reader, the validators of what a user passes in, limits, errors, backoff).
//                     The budget (6 KB gzip, DESIGN.md §8, with the §9 features to come) applies to this
//                     figure: it is what a user of the SDK ships.
//   whole entry     - every export of src/index.ts (client-frame validators, code tables, ... included).
// No property mangling: private state is `#private`, which every minifier shortens, so the figure does not
// depend on this script's terser options.
// Usage: node client-sdk/scripts/size.mjs [--budget 6144] [--check (exit 1 when ChatClient-only is over)]
//        [--entry chat-client-only|<file>] (one entry only) [--print] [--modules]
// gzip -9 with pako (zlib's own deflate in plain JS): the same bytes on every machine, where Node's zlib
// (Chromium's fork) may pick other matches on other CPUs and move a budget check by a few bytes.
import { gzip as deflateGzip } from 'pako';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';

const dir = fileURLToPath(new URL('..', import.meta.url));
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const budget = Number(arg('--budget') ?? 6 * 1024);
const CHAT_CLIENT_ONLY = 'chat-client-only';
const entries = arg('--entry') ? [arg('--entry')] : [CHAT_CLIENT_ONLY, `${dir}src/index.ts`];

async function measure(input) {
  const virtual = {
    name: 'virtual-entry',
    resolveId: (id) => (id === CHAT_CLIENT_ONLY ? id : null),
    load: (id) =>
      id === CHAT_CLIENT_ONLY ? `export { ChatClient } from ${JSON.stringify(`${dir}src/index.ts`)};` : null,
  };
  const bundle = await rollup({
    input,
    plugins: [
      virtual,
      typescript({
        tsconfig: `${dir}tsconfig.build.json`,
        compilerOptions: {
          declaration: false,
          declarationMap: false,
          sourceMap: false,
          outDir: undefined,
          rootDir: undefined,
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
        },
        noEmitOnError: true,
      }),
    ],
    onwarn(warning, warn) {
      if (warning.code !== 'SOURCEMAP_PLUGIN') warn(warning);
    },
  });
  const { output } = await bundle.generate({
    format: 'es',
    plugins: [terser({ ecma: 2022, module: true, toplevel: true, compress: { passes: 3 } })],
  });
  await bundle.close();
  return output[0];
}

let over = false;
for (const input of entries) {
  const chunk = await measure(input);
  const label = input === CHAT_CLIENT_ONLY ? 'ChatClient only' : input.replace(dir, '');
  if (process.argv.includes('--print')) console.log(chunk.code);
  if (process.argv.includes('--modules')) {
    for (const [id, m] of Object.entries(chunk.modules))
      console.log(String(m.renderedLength).padStart(7), id.replace(dir, ''));
  }
  const gzip = deflateGzip(chunk.code, { level: 9 }).length;
  const budgeted = input === CHAT_CLIENT_ONLY;
  const verdict = !budgeted
    ? ''
    : gzip <= budget
      ? ` (budget ${budget}: ok)`
      : ` (budget ${budget}: OVER by ${gzip - budget})`;
  console.log(`@chat-room/client-sdk, ${label}: ${chunk.code.length} bytes minified, ${gzip} bytes gzip${verdict}`);
  if (budgeted && gzip > budget) over = true;
}
if (over && process.argv.includes('--check')) process.exit(1);
