#!/usr/bin/env node
// Where the bytes of dist/chat-room.js come from (gzip -9, brotli 11). Run after the build:
//   npm run build -w @chat-room/widget && node widget/scripts/breakdown.mjs
// 1. Lit and the client SDK bundled alone with the embed's settings (the same imports the widget makes), and
//    together; the widget's own share is the rest: full − (Lit + SDK together).
// 2. The widget's own files, each as the gzip bytes the bundle loses without it (from the source map;
//    shares overlap a little, as gzip shares strings between parts).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
// gzip -9 with pako (zlib's own deflate in plain JS): the same bytes on every machine, where Node's zlib
// (Chromium's fork) may pick other matches on other CPUs and move a budget check by a few bytes.
import { gzip } from 'pako';
import { rollup } from 'rollup';
import { fileURLToPath } from 'node:url';
import config from '../rollup.config.js';
import { litEmbed } from '../build/lit-embed.js';
import { charGroups } from '../../bench/lib/source-shares.mjs';

const bytes = (code) => Buffer.byteLength(code);
const gz = (code) => gzip(code, { level: 9 }).length;
const br = (code) => brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const terserPlugin = config.plugins.find((p) => p.name === 'terser');

const ENTRIES = {
  'Lit + repeat': `import { LitElement, html, nothing, unsafeCSS } from 'lit'; import { repeat } from 'lit/directives/repeat.js';
    class E extends LitElement { static styles = unsafeCSS('a{b:c}'); static properties = { a: {} };
      render() { return html\`<p>\${repeat([1], (x) => x, (x) => html\`\${x}\`)}\${nothing}</p>\`; } }
    customElements.define('x-e', E);`,
  'client SDK': `import { ChatClient } from '@chat-room/client-sdk';
    import { codePointLength, MESSAGE_MAX_LENGTH, USERNAME_MAX_LENGTH, validateUsername } from '@chat-room/client-sdk/protocol';
    window.x = [ChatClient, codePointLength, MESSAGE_MAX_LENGTH, USERNAME_MAX_LENGTH, validateUsername];`,
};
ENTRIES['Lit + SDK together'] = `${ENTRIES['Lit + repeat']}\n${ENTRIES['client SDK']}`;

async function build(source) {
  const entry = {
    name: 'entry',
    resolveId: (id) => (id === 'entry' ? id : null),
    load: (id) => (id === 'entry' ? source : null),
  };
  const bundle = await rollup({
    input: 'entry',
    plugins: [entry, litEmbed(), nodeResolve({ exportConditions: ['production', 'browser', 'default'] })],
    onwarn() {},
  });
  const { output } = await bundle.generate({ format: 'iife', plugins: [terserPlugin] });
  await bundle.close();
  return output[0].code;
}

const file = fileURLToPath(new URL('../dist/chat-room.js', import.meta.url));
const shipped = readFileSync(file, 'utf8'); // as served, with its sourceMappingURL comment
const full = shipped.replace(/\n\/\/# sourceMappingURL=.*\n?$/, '');
const rows = [['dist/chat-room.js', bytes(shipped), gz(shipped), br(shipped)]];
const sizes = {};
for (const [name, source] of Object.entries(ENTRIES)) {
  const code = await build(source);
  sizes[name] = [bytes(code), gz(code), br(code)];
  rows.push([`${name}, bundled alone`, ...sizes[name]]);
}
const both = sizes['Lit + SDK together'];
rows.push([
  'widget UI (the rest: file − Lit + SDK together)',
  bytes(shipped) - both[0],
  gz(shipped) - both[1],
  br(shipped) - both[2],
]);

// Source-map attribution of the minified code to the widget's source files (the bench's attribution).
const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
const widgetFile = (path) => (/(^|\/)src\/[^/]+\.ts$/.test(path) ? path.replace(/^.*src\//, '') : '');
const { lines, owner } = charGroups(full, map, widgetFile);
const files = [...new Set(owner.flat())].filter((name) => name.endsWith('.ts'));
const parts = files
  .map((name) => {
    const without = lines.map((line, l) => [...line].filter((_, c) => owner[l][c] !== name).join('')).join('\n');
    const minified = bytes(lines.map((line, l) => [...line].filter((_, c) => owner[l][c] === name).join('')).join(''));
    return [`  ${name}`, minified, gz(full) - gz(without), br(full) - br(without)];
  })
  .sort((a, b) => b[2] - a[2]);

const pad = (v, n) => String(v).padStart(n);
console.log(`${'part'.padEnd(48)}${pad('min', 8)}${pad('gzip', 8)}${pad('brotli', 8)}`);
for (const [name, min, g, b] of rows) console.log(`${name.padEnd(48)}${pad(min, 8)}${pad(g, 8)}${pad(b, 8)}`);
console.log('widget files (bytes the bundle loses without each):');
for (const [name, min, g, b] of parts) console.log(`${name.padEnd(48)}${pad(min, 8)}${pad(g, 8)}${pad(b, 8)}`);
