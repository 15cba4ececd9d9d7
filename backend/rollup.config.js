// Builds each Lambda handler into its own ESM bundle for Node.js 22: dist/lambda/<name>/index.mjs,
// AWS SDK v3 and every other dependency bundled and tree-shaken, minified. Input: tsc's output.
// Code loaded only on some paths (the SSM client: token mode with TOKEN_SECRET_PARAMETER) is a dynamic
// import, so it becomes a chunk next to index.mjs, loaded on first use instead of at cold start.
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import terser from '@rollup/plugin-terser';
import { lambdaEnvCredentials, removeStaleOutput } from './build/lambda-plugins.mjs';

const dir = fileURLToPath(new URL('.', import.meta.url));

/**
 * A lazy chunk is named after its module, or, when that is some package's `index`, after the package of
 * the chunk's last module (modules are in execution order, so the last is the dynamically imported one).
 */
function lazyChunkName(chunk) {
  if (!/^(index|dist-es)$/.test(chunk.name)) return '[name]-[hash].mjs';
  const last = chunk.facadeModuleId ?? chunk.moduleIds.at(-1) ?? '';
  const pkg = /[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?([^\\/]+)[\\/]/.exec(last);
  return `${pkg ? pkg[1] : '[name]'}-[hash].mjs`;
}
const handlers = ['authorizer', 'connect', 'disconnect', 'messages'];

export default handlers.map((name) => ({
  // tsc has already compiled and type-checked src into dist (see the build script): bundle its output.
  input: { index: `${dir}dist/handlers/${name}.js` },
  // The entry chunk may export more than `handler` (bindings its lazy chunks share) rather than being a facade.
  preserveEntrySignatures: 'allow-extension',
  output: {
    dir: `${dir}dist/lambda/${name}`,
    format: 'es',
    entryFileNames: '[name].mjs',
    chunkFileNames: lazyChunkName,
    // Some CommonJS dependencies call require() for Node built-ins.
    banner:
      "import { createRequire as __chatRoomCreateRequire } from 'node:module'; const require = __chatRoomCreateRequire(import.meta.url);",
  },
  // Node built-ins stay imports; everything else (AWS SDK v3 included) is bundled.
  external: (id) =>
    id.startsWith('node:') ||
    /^(fs|path|os|crypto|http|https|http2|stream|url|util|zlib|events|buffer|net|tls|child_process|process|worker_threads|dns|async_hooks|perf_hooks|querystring|string_decoder|timers)(\/.*)?$/.test(
      id,
    ),
  onwarn(warning, warn) {
    if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return;
    warn(warning);
  },
  plugins: [
    lambdaEnvCredentials(),
    // The `node` conditions, with `module` ahead of `require` (@rollup/plugin-node-resolve's defaults):
    // the SDK's packages resolve to their ESM builds (dist-es), which tree-shake.
    nodeResolve({ exportConditions: ['node'], preferBuiltins: true }),
    commonjs(),
    json(),
    terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
    removeStaleOutput(),
  ],
}));
