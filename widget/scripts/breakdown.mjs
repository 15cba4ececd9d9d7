// Lit + SDK baseline: the same imports the widget makes, trivially used, with the embed's terser settings.
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { readFileSync } from 'node:fs';
const cfgTerser = JSON.parse(process.env.TERSER ?? 'null') ?? {
  ecma: 2021, module: true, toplevel: true, compress: { passes: 2, unsafe_arrows: true },
  mangle: { properties: { regex: /^_/, reserved: ['__proto__'] } }, format: { comments: false } };
if (cfgTerser.mangle?.properties?.regex) cfgTerser.mangle.properties.regex = /^_/;
const entries = {
  lit: `import { LitElement, html, nothing, unsafeCSS } from 'lit'; import { repeat } from 'lit/directives/repeat.js';
class E extends LitElement { static styles = unsafeCSS('a{b:c}'); static properties = { a: {} }; render() { return html\`<p>\${repeat([1],(x)=>x,(x)=>html\`\${x}\`)}\${nothing}</p>\`; } }
customElements.define('x-e', E);`,
  sdk: `import { ChatClient, codePointLength, MESSAGE_MAX_LENGTH, validateUsername } from '@chat-room/client-sdk';
window.x = [ChatClient, codePointLength, MESSAGE_MAX_LENGTH, validateUsername];`,
};
entries.both = entries.lit + '\n' + entries.sdk;
const gz = (c) => gzipSync(c, { level: 9 }).length;
const br = (c) => brotliCompressSync(c, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const out = {};
for (const [name, src] of Object.entries(entries)) {
  const b = await rollup({ input: 'entry', plugins: [{ name: 'v', resolveId: (id) => (id === 'entry' ? id : null), load: (id) => (id === 'entry' ? src : null) },
    nodeResolve({ exportConditions: ['production', 'browser', 'default'] })], onwarn() {} });
  const { output } = await b.generate({ format: 'iife', plugins: [terser(cfgTerser)] });
  out[name] = { min: output[0].code.length, gz: gz(output[0].code), br: br(output[0].code) };
}
const full = readFileSync(new URL('../dist/chat-room.js', import.meta.url));
out.full = { min: full.length, gz: gz(full), br: br(full) };
out.uiMarginal = { min: out.full.min - out.both.min, gz: out.full.gz - out.both.gz, br: out.full.br - out.both.br };
console.table(out);
