// dist/chat-room.js: one self-contained, minified classic script (Lit + client SDK + UI) for
// <script src=".../chat-room.js" defer>. An IIFE, so document.currentScript is set while it runs.
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { litEmbed } from './build/lit-embed.js';
import { minifyLiterals } from './build/minify-literals.js';
import { EMBED_TERSER } from './build/terser-options.js';

export default {
  input: 'src/chat-room.ts',
  output: { file: 'dist/chat-room.js', format: 'iife', sourcemap: true },
  plugins: [
    minifyLiterals(),
    litEmbed(),
    nodeResolve({ exportConditions: ['production', 'browser', 'default'] }),
    typescript({ tsconfig: './tsconfig.bundle.json' }),
    terser(EMBED_TERSER),
  ],
};
