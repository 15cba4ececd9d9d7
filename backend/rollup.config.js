// Builds each Lambda handler into its own ESM bundle for Node.js 22: dist/lambda/<name>/index.mjs,
// AWS SDK v3 and every other dependency bundled and tree-shaken, minified. Input: tsc's output.
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import terser from '@rollup/plugin-terser';

const dir = fileURLToPath(new URL('.', import.meta.url));
const handlers = ['authorizer', 'connect', 'disconnect', 'messages'];

export default handlers.map((name) => ({
  // tsc has already compiled and type-checked src into dist (see the build script): bundle its output.
  input: `${dir}dist/handlers/${name}.js`,
  output: {
    file: `${dir}dist/lambda/${name}/index.mjs`,
    format: 'es',
    inlineDynamicImports: true,
    // Some CommonJS dependencies call require() for Node built-ins.
    banner: "import { createRequire as __chatRoomCreateRequire } from 'node:module'; const require = __chatRoomCreateRequire(import.meta.url);",
  },
  // Node built-ins stay imports; everything else (AWS SDK v3 included) is bundled.
  external: (id) => id.startsWith('node:') || /^(fs|path|os|crypto|http|https|http2|stream|url|util|zlib|events|buffer|net|tls|child_process|process|worker_threads|dns|async_hooks|perf_hooks|querystring|string_decoder|timers)(\/.*)?$/.test(id),
  onwarn(warning, warn) {
    if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return;
    warn(warning);
  },
  plugins: [
    nodeResolve({ exportConditions: ['node'], preferBuiltins: true }),
    commonjs(),
    json(),
    terser({ ecma: 2020, module: true, compress: { passes: 1 }, format: { comments: false } }),
  ],
}));
