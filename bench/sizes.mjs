// 1. Sizes: the embed script (gzip, brotli), the client SDK bundled from its entry, Lit's own share
// bundled with the embed's settings, and each Lambda bundle (raw, gzip).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
// gzip -9 with pako (zlib's own deflate in plain JS): the same bytes on every machine, where Node's zlib
// (Chromium's fork) may pick other matches on other CPUs and move a budget check by a few bytes.
import { gzip as deflateGzip } from 'pako';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { EMBED_TERSER } from '../widget/build/terser-options.js';
import { addBudget, addRow, createResult } from './lib/result.mjs';
import { standalone } from './lib/main.mjs';
import { LAMBDAS, SDK_ENTRY, WIDGET_SCRIPT, lambdaBundle } from './lib/paths.mjs';
import { chatRoomGroup, fileGroup, sourceShares } from './lib/source-shares.mjs';

export const KB = 1024;
/** Budgets (min+gzip), DESIGN.md §8: `import { ChatClient }` ≤ 6 KB; the chat itself (Lit + SDK + UI) ≤ 24 KB. */
export const SDK_BUDGET = 6 * KB;
export const WIDGET_BUDGET = 24 * KB;
const gzip = (code) => deflateGzip(code, { level: 9 }).length;
const brotli = (code) =>
  brotliCompressSync(code, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: code.length },
  }).length;

/** What an application's bundler typically does: minify, no property mangling. */
export const PLAIN_TERSER = {
  ecma: 2021,
  module: true,
  toplevel: true,
  compress: { passes: 2 },
  format: { comments: false },
};

const virtual = (source) => ({
  name: 'bench-entry',
  resolveId: (id) => (id === '\0bench-entry' ? id : null),
  load: (id) => (id === '\0bench-entry' ? source : null),
});

/** Bundles `source` (an ES module, resolving bare imports from node_modules) and returns minified code. */
export async function bundle(source, terserOptions, format = 'es', withMap = false) {
  const build = await rollup({
    input: '\0bench-entry',
    plugins: [virtual(source), nodeResolve({ exportConditions: ['production', 'browser', 'default'] })],
    onwarn: () => {},
  });
  const { output } = await build.generate({ format, sourcemap: withMap, plugins: [terser(terserOptions)] });
  await build.close();
  return withMap ? { code: output[0].code, map: output[0].map } : output[0].code;
}

const LIT_ONLY = `
import { LitElement, html, css, render } from 'lit';
class BenchElement extends LitElement {
  static properties = { items: { attribute: false } };
  static styles = css\`:host { display: block }\`;
  render() { return html\`<ul>\${(this.items ?? []).map((i) => html\`<li>\${i}</li>\`)}</ul>\`; }
}
customElements.define('bench-element', BenchElement);
render(html\`<bench-element></bench-element>\`, document.body);
`;

export async function run() {
  const result = createResult('sizes', 'Sizes (bytes; gzip level 9, brotli quality 11)');

  const widget = readFileSync(WIDGET_SCRIPT);
  const widgetGzip = gzip(widget);
  const lit = await bundle(LIT_ONLY, EMBED_TERSER, 'iife');
  const litGzip = gzip(lit);
  addRow(result, 'widget/dist/chat-room.js, minified', widget.length, 'B');
  addRow(result, 'widget/dist/chat-room.js, min+gzip', widgetGzip, 'B', {
    label: "Lit's own share, min+gzip",
    value: litGzip,
  });
  addRow(result, 'widget/dist/chat-room.js, min+brotli', brotli(widget), 'B', {
    label: "Lit's own share, min+brotli",
    value: brotli(lit),
  });
  addRow(result, "Lit's own share (LitElement/html/css/render, embed's terser settings), minified", lit.length, 'B');

  const entry = `export * from ${JSON.stringify(SDK_ENTRY)};`;
  const { code: sdkPlain, map: sdkMap } = await bundle(entry, PLAIN_TERSER, 'es', true);
  const sdkMangled = await bundle(entry, EMBED_TERSER);
  const clientOnly = await bundle(`export { ChatClient } from ${JSON.stringify(SDK_ENTRY)};`, PLAIN_TERSER);
  const sdkGzip = gzip(sdkPlain);
  addRow(result, 'client SDK, whole entry, minified (plain terser)', sdkPlain.length, 'B');
  addRow(result, 'client SDK, whole entry, min+gzip (plain terser)', sdkGzip, 'B');
  addRow(result, 'client SDK, whole entry, min+brotli (plain terser)', brotli(sdkPlain), 'B');
  addRow(result, "client SDK, whole entry, min+gzip (embed's terser: _members mangled)", gzip(sdkMangled), 'B');
  addRow(result, 'client SDK, `ChatClient` import only, min+gzip (plain terser)', gzip(clientOnly), 'B');
  // Same pipeline, same run: reconnecting sockets alone (no protocol, history, outbox or validation).
  const partysocket = gzip(await bundle(`export { WebSocket } from 'partysocket';`, PLAIN_TERSER));
  const rws = gzip(await bundle(`export { default } from 'reconnecting-websocket';`, PLAIN_TERSER));
  addRow(
    result,
    'for scale: partysocket `WebSocket` (a reconnecting socket only), min+gzip (plain terser)',
    partysocket,
    'B',
  );
  addRow(result, 'for scale: reconnecting-websocket (a reconnecting socket only), min+gzip (plain terser)', rws, 'B');

  // A function's package is its whole directory: the entry plus the chunks it imports lazily.
  for (const name of LAMBDAS) {
    const entry = readFileSync(lambdaBundle(name));
    const dir = dirname(lambdaBundle(name));
    const files = readdirSync(dir).filter((f) => f.endsWith('.mjs') || f.endsWith('.js'));
    const all = files.map((f) => readFileSync(join(dir, f)));
    const raw = all.reduce((n, b) => n + b.length, 0);
    const zipped = all.reduce((n, b) => n + gzip(b), 0);
    addRow(result, `Lambda ${name}: package (${files.length} file${files.length === 1 ? '' : 's'}), raw`, raw, 'B');
    addRow(result, `Lambda ${name}: package, gzip (each file)`, zipped, 'B');
    if (files.length > 1)
      addRow(result, `Lambda ${name}: entry index.mjs alone, raw / gzip`, `${entry.length} / ${gzip(entry)}`, 'B');
  }

  // Where the bytes come from (source-map attribution of the minified code).
  const widgetMap = JSON.parse(readFileSync(`${WIDGET_SCRIPT}.map`, 'utf8'));
  const shares = sourceShares(widget.toString('utf8'), widgetMap, chatRoomGroup);
  const mapped = (group) => shares.filter((s) => s.group.startsWith(group)).reduce((n, s) => n + s.bytes, 0);
  const sdkInWidget = mapped('client SDK');
  const uiInWidget = widget.length - lit.length - sdkInWidget;
  const pct = (n) => `${((n / widget.length) * 100).toFixed(0)} %`;
  addRow(
    result,
    'chat-room.js minified bytes from Lit (its standalone bundle above)',
    lit.length,
    'B',
    undefined,
    pct(lit.length),
  );
  addRow(
    result,
    'chat-room.js minified bytes from the client SDK (source map)',
    sdkInWidget,
    'B',
    undefined,
    pct(sdkInWidget),
  );
  addRow(
    result,
    'chat-room.js minified bytes from the widget UI incl. its CSS (the rest)',
    uiInWidget,
    'B',
    undefined,
    pct(uiInWidget),
  );
  // The widget's stylesheet: the template literal that holds `:host{`.
  const text = widget.toString('utf8');
  const host = text.indexOf(':host{');
  const cssBytes = host < 0 ? 0 : text.indexOf('`', host) - text.lastIndexOf('`', host) - 1;
  addRow(result, 'chat-room.js: of the widget UI, its minified CSS literal', cssBytes, 'B', undefined, pct(cssBytes));
  const sdkFiles = sourceShares(sdkPlain, sdkMap, fileGroup).filter((s) => s.group !== 'unmapped');
  result.tables = [
    {
      title: 'Client SDK bundle (whole entry, plain terser) by source file (source-map attribution)',
      columns: ['source', 'minified bytes', 'gzip of that part alone'],
      rows: sdkFiles.map((s) => [s.group.replace(/^.*client-sdk\/dist\//, ''), s.bytes, s.gzipAlone]),
    },
  ];

  const widgetParts = `Lit ≈ ${pct(lit.length)}, client SDK ≈ ${pct(sdkInWidget)}, widget UI ≈ ${pct(uiInWidget)} of the minified bytes`;
  addBudget(result, `chat-room.js min+gzip ≤ ${WIDGET_BUDGET / KB} KB`, widgetGzip, WIDGET_BUDGET, 'B', widgetParts);
  const top = sdkFiles
    .slice(0, 3)
    .map((s) => `${s.group.replace(/^.*client-sdk\/dist\//, '')} ${s.bytes} B`)
    .join(', ');
  // The budget is what a user of the SDK ships: `import { ChatClient }` (the backend-only client-frame
  // validators are tree-shaken away); the whole entry is reported beside it.
  addBudget(
    result,
    `client SDK min+gzip ≤ ${SDK_BUDGET / KB} KB (\`import { ChatClient }\`, plain terser)`,
    gzip(clientOnly),
    SDK_BUDGET,
    'B',
    `whole entry ${sdkGzip} B; largest minified parts of the entry: ${top}`,
  );
  result.notes.push(
    `Budget arithmetic: Lit alone is ${litGzip} B gzip, which leaves ${WIDGET_BUDGET - litGzip} B of the ${WIDGET_BUDGET / KB} KB for the SDK and the UI; they take about ${widgetGzip - litGzip} B now (the total minus Lit's own gzip; gzip shares are not exactly additive). For scale: the SDK (state machine, backoff, outbox with acks, history with gap-fill, validation of every frame) measures ${gzip(clientOnly)} B; a reconnecting socket alone is ${partysocket} B (partysocket) and ${rws} B (reconnecting-websocket) in this run.`,
    "The SDK is bundled from client-sdk/dist/index.js (every export) with rollup + node-resolve + terser without property mangling, which is what an application's bundler ships; the embed's settings (mangling `_`-prefixed members) are shown beside it.",
    "Lit's own share is a file that imports and uses only LitElement, html, css and render from 'lit', bundled as an IIFE with the embed's terser settings.",
  );
  return result;
}

standalone(import.meta.url, run);
