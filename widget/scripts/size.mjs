#!/usr/bin/env node
// Prints the size of dist/chat-room.js (the <script> embed: Lit + client SDK + UI, the whole chat until the
// loader of DESIGN.md §8 splits it off): minified, gzip -9 and brotli. Budget: the chat itself, 24 KB
// min+gzip (DESIGN.md §8). `--check` exits 1 when over budget.
// Usage: npm run build -w @chat-room/widget && node widget/scripts/size.mjs [--check] [--budget 24576]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
// gzip -9 with pako (zlib's own deflate in plain JS): the same bytes on every machine, where Node's zlib
// (Chromium's fork) may pick other matches on other CPUs and move a budget check by a few bytes.
import { gzip as deflateGzip } from 'pako';

const file = fileURLToPath(new URL('../dist/chat-room.js', import.meta.url));
const budgetArg = process.argv.indexOf('--budget');
const budget = budgetArg > 0 ? Number(process.argv[budgetArg + 1]) : 24 * 1024;

let code;
try {
  code = readFileSync(file);
} catch {
  console.error(`${file} is missing: run "npm run build -w @chat-room/widget" first`);
  process.exit(1);
}
const gzip = deflateGzip(code, { level: 9 }).length;
const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(
  `widget/dist/chat-room.js: ${code.length} bytes minified (${kb(code.length)}), ${gzip} bytes gzip (${kb(gzip)}), ${brotli} bytes brotli (${kb(brotli)})`,
);
console.log(
  gzip <= budget
    ? `within the ${kb(budget)} min+gzip budget`
    : `over the ${kb(budget)} min+gzip budget by ${gzip - budget} bytes`,
);
if (process.argv.includes('--check') && gzip > budget) process.exit(1);
