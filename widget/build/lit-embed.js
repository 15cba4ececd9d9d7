// A small rollup plugin for the embed: Lit's global integration hooks are left out of dist/chat-room.js,
// and its developer error texts are shortened.
// Lit looks up globals set by other scripts: `*PolyfillSupport` (installed by lit/polyfill-support.js for
// the ShadyDOM/ShadyCSS polyfills of browsers without native shadow DOM), `litElementHydrateSupport`
// (installed by @lit-labs/ssr-client to hydrate server-rendered elements), and it records its versions in
// `lit*Versions` (read by Lit's dev mode and dev tools). The embed's copy of Lit needs none of them: every
// browser that runs its ES2022 has native shadow DOM, and <chat-room> is rendered in the browser only. The
// lookups become `null`, so the minifier drops the code behind them (not `void 0`: terser 5.51 turns a
// statement `void 0?.(x)` into `0?.(x)`, which throws). The npm package is not affected.
const HOOKS = /\b[\w$]+\.(?:(?:litHtml|litElement|reactiveElement)PolyfillSupport|litElementHydrateSupport)\b/g;
const VERSIONS = /\([\w$]+\.(?:litHtml|litElement|reactiveElement)Versions\?\?=\[\]\)\.push\("[\d.]+"\)/g;
// Lit's developer-facing error texts (API misuse the embed's private copy of Lit never sees) are shortened;
// the checks stay.
const MESSAGES = [
  ['CSSResult is not constructable. Use `unsafeCSS` or `css` instead.', 'lit: CSSResult'],
  ['invalid template strings array', 'lit: template strings'],
  ['repeat() can only be used in text expressions', 'lit: repeat'],
];
const EXPECTED = 10; // 4 hooks + 3 version records + 3 messages, in lit-html, lit-element, @lit/reactive-element and repeat

export function litEmbed() {
  let found = 0;
  return {
    name: 'lit-embed',
    buildStart() {
      found = 0;
    },
    transform(code, id) {
      if (!/\/node_modules\/(?:lit-html|lit-element|@lit\/reactive-element)\/(?:directives\/)?[\w-]+\.js$/.test(id))
        return null;
      let out = code.replace(HOOKS, () => (found++, 'null')).replace(VERSIONS, () => (found++, 'null'));
      for (const [long, short] of MESSAGES) out = out.replace(long, () => (found++, short));
      return out === code ? null : { code: out, map: null };
    },
    buildEnd(error) {
      if (!error && found !== EXPECTED) {
        this.warn(
          `expected ${EXPECTED} places to trim in Lit, found ${found}: check build/lit-embed.js against this Lit version`,
        );
      }
    },
  };
}
