// A small rollup plugin: collapses the whitespace of template literals in the widget's own sources (Lit
// `html`/`css` templates, where indentation is only source formatting) and shortens CSS punctuation in
// `*.styles.ts`. Runs on the TypeScript source before compilation; strings, comments and `${}` nesting are
// tracked, so code is never touched.

/** Rewrites the static parts of every template literal in `source` with `rewrite`. */
export function rewriteTemplates(source, rewrite) {
  let out = '';
  let i = 0;
  const n = source.length;
  const stack = []; // for each open `${`, the brace depth at which it closes
  let depth = 0;
  while (i < n) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? n : end;
      out += source.slice(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      out += source.slice(i, stop);
      i = stop;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < n && source[j] !== c) j += source[j] === '\\' ? 2 : 1;
      out += source.slice(i, j + 1);
      i = j + 1;
    } else if (c === '`' || (c === '}' && stack.length && stack[stack.length - 1] === depth)) {
      if (c === '}') stack.pop();
      // Static part of a template: up to the closing backtick or the next `${`.
      let j = i + 1;
      let text = '';
      while (j < n && source[j] !== '`' && !(source[j] === '$' && source[j + 1] === '{')) {
        if (source[j] === '\\') {
          text += source.slice(j, j + 2);
          j += 2;
        } else text += source[j++];
      }
      out += c + rewrite(text);
      if (source[j] === '`') {
        out += '`';
        i = j + 1;
      } else {
        out += '${';
        stack.push(depth);
        i = j + 2;
      }
    } else {
      if (c === '{') depth++;
      else if (c === '}') depth--;
      out += c;
      i++;
    }
  }
  return out;
}

const collapse = (text) => text.replace(/\s*\n\s*/g, ' ');
const css = (text) =>
  collapse(text)
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .replace(/:\s+/g, ':');

export function minifyLiterals() {
  return {
    name: 'minify-literals',
    transform(code, id) {
      if (!/\/widget\/src\/[^/]+\.ts$/.test(id) || id.endsWith('.test.ts')) return null;
      if (!code.includes('`')) return null;
      return { code: rewriteTemplates(code, id.endsWith('.styles.ts') ? css : collapse), map: null };
    },
  };
}
