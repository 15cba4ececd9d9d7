#!/usr/bin/env node
// Bundles src/index.ts as a browser would ship it (rollup + typescript + terser, ES2022, minified) and
// prints the minified and gzip sizes. Budget (DESIGN.md §8): the SDK alone ≤ 4 KB gzip, protocol included.
// Usage: node client-sdk/scripts/size.mjs [--budget 4096] [--check (exit 1 when over)] [--entry chat-client-only]
//        [--print] [--modules]
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';

const dir = fileURLToPath(new URL('..', import.meta.url));
const budgetArg = process.argv.indexOf('--budget');
const budget = budgetArg > 0 ? Number(process.argv[budgetArg + 1]) : 4096;

// --entry: what an application importing only ChatClient ships (tree-shaken), instead of every export.
const entryArg = process.argv.indexOf('--entry');
const input = entryArg > 0 ? process.argv[entryArg + 1] : `${dir}src/index.ts`;
const virtual = { name: 'virtual-entry', resolveId: (id) => (id === 'chat-client-only' ? id : null),
  load: (id) => (id === 'chat-client-only' ? `export { ChatClient } from ${JSON.stringify(`${dir}src/index.ts`)};` : null) };
const bundle = await rollup({
  input,
  plugins: [
    virtual,
    typescript({
      tsconfig: `${dir}tsconfig.build.json`,
      compilerOptions: { declaration: false, declarationMap: false, sourceMap: false, outDir: undefined, rootDir: undefined, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler' },
      noEmitOnError: true,
    }),
  ],
  onwarn(warning, warn) {
    if (warning.code !== 'SOURCEMAP_PLUGIN') warn(warning);
  },
});
const { output } = await bundle.generate({
  format: 'es',
  plugins: [terser({ ecma: 2022, module: true, compress: { passes: 3 }, toplevel: true, mangle: { properties: { regex: /^_/ } } })],
});
await bundle.close();
const code = output[0].code;
if (process.argv.includes("--print")) console.log(code);
if (process.argv.includes("--modules")) {
  for (const [id, m] of Object.entries(output[0].modules)) console.log(String(m.renderedLength).padStart(7), id.replace(dir, ''));
}
const gzip = gzipSync(code, { level: 9 }).length;
console.log(`@chat-room/client-sdk: ${code.length} bytes minified, ${gzip} bytes gzip (budget ${budget})`);
if (gzip > budget) {
  console.log(`OVER BUDGET by ${gzip - budget} bytes`);
  if (process.argv.includes('--check')) process.exit(1);
}
