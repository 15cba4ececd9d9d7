// The embed's terser options: used by rollup.config.js, and by the bench to bundle Lit alone the same way.

/**
 * Lit's recommended production minification, widened.
 *
 * What the `_` prefix means (the one place this is said): in dist/chat-room.js every property name that
 * starts with `_` is renamed (`mangle.properties` below), in Lit's internals, the SDK's (`_emit`) and the
 * widget's alike, consistently across the one self-contained bundle; `#private` names are renamed too. So a
 * `_` name is internal by contract: no attribute, property, method, event detail field, `data-*` key or
 * anything else a page, a test of the built embed or another script reads by name may start with `_`, and
 * a Lit reactive property named `_…` must be `state: true` (no attribute: its name is not kept). The npm
 * build (dist/*.js from tsc) is not minified: there the names stay, but they are still not API.
 * (The bench bundles Lit alone with these too.)
 */
export const EMBED_TERSER = {
  ecma: 2021,
  module: true,
  toplevel: true,
  compress: { passes: 2, unsafe_arrows: true },
  mangle: { properties: { regex: /^_/, reserved: ['__proto__'] } },
  format: { comments: false },
};
