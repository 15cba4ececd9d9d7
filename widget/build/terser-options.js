// The embed's terser options: used by rollup.config.js, and by the bench to bundle Lit alone the same way.

/**
 * Lit's recommended production minification, widened: every `_`-prefixed member (Lit's and the SDK's
 * internals, the widget's privates) is mangled; the bundle is self-contained, so nothing outside sees them.
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
