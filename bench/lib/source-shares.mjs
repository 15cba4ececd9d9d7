// Which sources the bytes of a minified bundle come from, read from its source map: every generated
// character is charged to the source of the mapping segment it falls in. Groups are then compressed
// one by one for an (approximate) gzip share each.
import { gzip } from 'pako';

const B64 = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

function decodeVlq(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = B64.get(c);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/**
 * The group of every generated character, read from the source map: `owner[line][column]`, where each line's
 * row has one slot more, for its newline. `groupOf(sourcePath)` names a group; code without a source is
 * 'unmapped'.
 */
export function charGroups(code, map, groupOf) {
  const lines = code.split('\n');
  const owner = lines.map((line) => new Array(line.length + 1).fill('unmapped'));
  let source = 0;
  map.mappings.split(';').forEach((lineMappings, lineIndex) => {
    const row = owner[lineIndex];
    let column = 0;
    let previous = { column: 0, group: 'unmapped' };
    for (const segment of lineMappings.split(',')) {
      if (!segment) continue;
      const v = decodeVlq(segment);
      column += v[0];
      const group = v.length >= 4 ? groupOf(map.sources[(source += v[1])] ?? '') : 'unmapped';
      row?.fill(previous.group, previous.column, column);
      previous = { column, group };
    }
    row?.fill(previous.group, previous.column);
  });
  return { lines, owner };
}

/** Map of group name → the generated code charged to it; `groupOf(sourcePath)` names the group. */
export function sourceShares(code, map, groupOf) {
  const { lines, owner } = charGroups(code, map, groupOf);
  const groups = new Map();
  lines.forEach((line, l) =>
    owner[l].forEach((group, c) => groups.set(group, (groups.get(group) ?? '') + (line[c] ?? '\n'))),
  );
  return [...groups.entries()]
    .map(([group, text]) => ({ group, bytes: text.length, gzipAlone: gzip(text, { level: 9 }).length }))
    .sort((a, b) => b.bytes - a.bytes);
}

/** Lit, the client SDK, the widget's own code. */
export function chatRoomGroup(path) {
  if (/node_modules\/(lit|lit-html|lit-element|@lit)\//.test(path)) return 'Lit';
  if (path.includes('client-sdk/')) return path.includes('/protocol/') ? 'client SDK: protocol' : 'client SDK: client';
  if (path.includes('src/')) return 'widget UI';
  return 'other';
}

/** One group per source file, named by its path from the package root. */
export function fileGroup(path) {
  return path.replace(/^.*?(client-sdk|widget|node_modules)\//, '$1/');
}
