#!/usr/bin/env node
// Applies patches/dynalite+*.patch to every installed copy of dynalite: run by the root `postinstall`, so
// `npm ci` and `npm install` leave a patched dynalite (the local DynamoDB; see backend/README.md, "Local
// DynamoDB: the dynalite GSI patch"). No dependencies: the patch is a plain unified diff, applied by exact
// context (no fuzz, no line numbers).
//   - already applied (every hunk's new text is there): nothing is written;
//   - unpatched (every hunk's old text is there exactly once): the hunks are applied;
//   - anything else (dynalite changed shape): exits 1 naming the hunks that do not match, so the install fails.
// Also fine to run by hand; `--check` only reports (exit 1 when a copy is not patched).
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const checkOnly = process.argv.includes('--check');
const PACKAGE = 'dynalite';

/** `{ file, hunks: [{ header, oldText, newText }] }[]` from a unified diff (text before the first `---` is a comment). */
export function parsePatch(text) {
  const lines = text.split('\n');
  const files = [];
  let file;
  let hunk;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ')) {
      const target = lines[i + 1].slice(4).split('\t')[0].trim();
      file = { file: target.replace(/^b\//, ''), hunks: [] };
      files.push(file);
      hunk = undefined;
      i++;
    } else if (line.startsWith('@@') && file) {
      hunk = { header: line, old: [], new: [] };
      file.hunks.push(hunk);
    } else if (hunk && (line.startsWith(' ') || line === '')) {
      // An empty line inside a hunk is an empty context line whose leading space was stripped.
      hunk.old.push(line.slice(1));
      hunk.new.push(line.slice(1));
    } else if (hunk && line.startsWith('-')) hunk.old.push(line.slice(1));
    else if (hunk && line.startsWith('+')) hunk.new.push(line.slice(1));
    else if (hunk && line.startsWith('\\'))
      continue; // "\ No newline at end of file"
    else hunk = undefined;
  }
  for (const f of files)
    f.hunks = f.hunks.map((h) => {
      // Trailing empty "context" lines are the file's final newline, not part of the hunk.
      while (h.old.length && h.new.length && h.old.at(-1) === '' && h.new.at(-1) === '') {
        h.old.pop();
        h.new.pop();
      }
      return { header: h.header, oldText: h.old.join('\n') + '\n', newText: h.new.join('\n') + '\n' };
    });
  return files;
}

/** Offsets where `block` starts at a line start. */
function occurrences(text, block) {
  const found = [];
  for (let at = text.indexOf(block); at !== -1; at = text.indexOf(block, at + 1))
    if (at === 0 || text[at - 1] === '\n') found.push(at);
  return found;
}

/** 'applied' | { text } (the patched text) | { mismatched: [hunk headers] } */
export function applyHunks(text, hunks) {
  if (hunks.every((h) => occurrences(text, h.newText).length > 0)) return 'applied';
  const mismatched = hunks.filter((h) => occurrences(text, h.oldText).length !== 1).map((h) => h.header);
  if (mismatched.length) return { mismatched };
  let out = text;
  for (const h of hunks) {
    const [at] = occurrences(out, h.oldText);
    out = out.slice(0, at) + h.newText + out.slice(at + h.oldText.length);
  }
  return { text: out };
}

/** Every installed copy of the package that the workspaces (or the root) resolve, plus nested copies. */
function installedCopies() {
  const dirs = new Set();
  const workspaces = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces ?? [];
  for (const from of ['.', ...workspaces]) {
    const manifest = join(root, from, 'package.json');
    if (!existsSync(manifest)) continue;
    try {
      dirs.add(dirname(createRequire(manifest).resolve(`${PACKAGE}/package.json`)));
    } catch {
      // not resolvable from this workspace
    }
    const nested = join(root, from, 'node_modules', PACKAGE);
    if (existsSync(join(nested, 'package.json'))) dirs.add(nested);
  }
  return [...dirs];
}

function main() {
  const patchFiles = readdirSync(join(root, 'patches')).filter(
    (n) => n.startsWith(`${PACKAGE}+`) && n.endsWith('.patch'),
  );
  if (patchFiles.length !== 1)
    throw new Error(`expected one patches/${PACKAGE}+<version>.patch, found ${patchFiles.length}`);
  const patchName = patchFiles[0];
  const patchedFor = patchName.slice(PACKAGE.length + 1, -'.patch'.length);
  const files = parsePatch(readFileSync(join(root, 'patches', patchName), 'utf8'));
  if (!files.length || files.some((f) => !f.hunks.length)) throw new Error(`patches/${patchName} has no hunks`);

  const copies = installedCopies();
  if (!copies.length) {
    console.warn(`[patch-dynalite] ${PACKAGE} is not installed: nothing to patch`);
    return 0;
  }
  let failures = 0;
  for (const dir of copies) {
    const where = relative(root, dir) || dir;
    const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const note = version === patchedFor ? '' : ` (the patch was written for ${patchedFor}; ${version} is installed)`;
    for (const { file, hunks } of files) {
      const path = join(dir, file);
      const text = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      const result = text === undefined ? { mismatched: ['(file missing)'] } : applyHunks(text, hunks);
      if (result === 'applied') {
        console.log(`[patch-dynalite] ${where}/${file}: already patched`);
      } else if ('mismatched' in result) {
        failures++;
        console.error(
          `[patch-dynalite] ${where}/${file}${note}: patches/${patchName} does not apply; hunks not found exactly ` +
            `once: ${result.mismatched.join(', ')}. dynalite changed: check whether it still keys index entries by a ` +
            `6-character hash (db/index.js createIndexKey), then update or drop the patch (backend/README.md).`,
        );
      } else if (checkOnly) {
        failures++;
        console.error(`[patch-dynalite] ${where}/${file}: NOT patched (run: node scripts/patch-dynalite.mjs)`);
      } else {
        const tmp = `${path}.patch-dynalite.tmp`;
        writeFileSync(tmp, result.text);
        renameSync(tmp, path);
        if (applyHunks(readFileSync(path, 'utf8'), hunks) !== 'applied')
          throw new Error(`${path}: patch did not stick`);
        console.log(`[patch-dynalite] ${where}/${file}: patched${note}`);
      }
    }
  }
  return failures ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.exitCode = main();
  } catch (error) {
    console.error(`[patch-dynalite] ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }
}
