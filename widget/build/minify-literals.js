// A small rollup plugin for the embed: minifies the static parts of the template literals in the widget's
// own sources before compilation. Lit `html` templates lose the whitespace that is only source formatting
// (between tags, inside tags) and the quotes of simple attribute values; `css` templates and every literal
// of `*.styles.ts` get their CSS punctuation shortened; any other literal only has its line breaks (with
// their indentation) collapsed. Strings, comments and `${}` nesting are tracked, so code is never touched.
// Message text is never in a template's static parts (it is always a binding), so `white-space: pre-wrap`
// content is unaffected.

/**
 * Rewrites the static parts of every template literal in `source`: `rewrite(text, tag, first, last)` gets
 * each part, the literal's tag (`html`, `css`, `''` for an untagged literal) and whether the part starts or
 * ends the literal.
 */
export function rewriteTemplates(source, rewrite) {
  let out = '';
  let i = 0;
  const n = source.length;
  const stack = []; // for each open `${`: the brace depth at which it closes, and the literal's tag
  let depth = 0;
  let tag; // the tag of the literal being read (set where a literal or a part of it starts)
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
    } else if (c === '/' && /(?:[(,=:[!&|?{};]|\breturn)$/.test(source.slice(Math.max(0, i - 40), i).trimEnd())) {
      // A regular expression literal (it may hold quotes and backticks): copied up to its closing slash.
      let j = i + 1;
      let inClass = false;
      while (j < n && (inClass || source[j] !== '/')) {
        if (source[j] === '\\') j++;
        else if (source[j] === '[') inClass = true;
        else if (source[j] === ']') inClass = false;
        j++;
      }
      out += source.slice(i, j + 1);
      i = j + 1;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < n && source[j] !== c) j += source[j] === '\\' ? 2 : 1;
      out += source.slice(i, j + 1);
      i = j + 1;
    } else if (c === '`' || (c === '}' && stack.length && stack[stack.length - 1].depth === depth)) {
      const first = c === '`';
      if (first) tag = /(\w+)\s*$/.exec(source.slice(Math.max(0, i - 20), i))?.[1] ?? '';
      else tag = stack.pop().tag;
      // Static part of a template: up to the closing backtick or the next `${`.
      let j = i + 1;
      let text = '';
      while (j < n && source[j] !== '`' && !(source[j] === '$' && source[j + 1] === '{')) {
        if (source[j] === '\\') {
          text += source.slice(j, j + 2);
          j += 2;
        } else text += source[j++];
      }
      const last = source[j] === '`';
      out += c + rewrite(text, tag, first, last);
      if (last) {
        out += '`';
        i = j + 1;
      } else {
        out += '${';
        stack.push({ depth, tag });
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

/** Line breaks and the indentation around them become one space. */
export const collapse = (text) => text.replace(/\s*\n\s*/g, ' ');

/**
 * CSS: no comments, no space around punctuation or at the ends of the literal, no leading zero, no quotes
 * in simple attribute selectors.
 */
export const minifyCss = (text, first = true, last = true) => {
  const out = collapse(text.replace(/\/\*[^]*?\*\//g, ''))
    .replace(/\s*([{};,>/]|!important)\s*/g, '$1')
    .replace(/;}/g, '}')
    .replace(/:\s+/g, ':')
    .replace(/([(\s:,])0\.(\d)/g, '$1.$2')
    .replace(/\[([\w-]+[$^*~|]?=)'([\w-]+)'\]/g, '[$1$2]');
  return first && last ? out.trim() : first ? out.trimStart() : last ? out.trimEnd() : out;
};

/**
 * Lit `html`: whitespace runs become one space; none is left between tags, inside a tag before `>` or
 * `/>`, where a part starts or ends the template, or where a line break (source formatting) separates a
 * binding from a tag or from another binding; simple attribute values lose their quotes. Every template of the widget lays out its children
 * with flex/grid or blocks, where whitespace between elements renders nothing, and all its text comes from
 * bindings.
 */
export const minifyHtml = (text, first, last) => {
  let out = text
    .replace(/^\s*\n\s*(?=<|$)|(?<=>|^)\s*\n\s*$/g, '')
    .replace(/\s+/g, ' ')
    .replace(/> </g, '><')
    .replace(/ (\/?>)/g, '$1')
    .replace(/(\s[\w:-]+)="([\w.:-]+)"(?=[\s>])/g, '$1=$2');
  if (first || out.startsWith(' <')) out = out.replace(/^ /, '');
  if (last || out.endsWith('> ')) out = out.replace(/ $/, '');
  return out;
};

export function minifyLiterals() {
  return {
    name: 'minify-literals',
    transform(code, id) {
      if (!/\/widget\/src\/[^/]+\.ts$/.test(id) || id.endsWith('.test.ts')) return null;
      if (!code.includes('`')) return null;
      const styles = id.endsWith('.styles.ts');
      const rewrite = (text, tag, first, last) =>
        tag === 'html'
          ? minifyHtml(text, first, last)
          : tag === 'css' || styles
            ? minifyCss(text, first, last)
            : collapse(text);
      return { code: rewriteTemplates(code, rewrite), map: null };
    },
  };
}
