// `cem analyze` configuration: the manifest (custom-elements.json) is generated from the component's JSDoc.
export default {
  // The element and its registration; helpers (styles, controller, strings) are internals.
  globs: ['src/chat-room.component.ts', 'src/define.ts'],
  exclude: ['src/**/*.test.ts', 'src/test/**'],
  litelement: true,
  outdir: '.',
  plugins: [
    {
      name: 'drop-internals',
      // Not part of the API: `#private` members, and `_` ones (Lit's `state: true` properties; what the `_`
      // prefix means: build/terser-options.js).
      packageLinkPhase({ customElementsManifest }) {
        const internal = (name) => name.startsWith('_') || name.startsWith('#');
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            if (decl.attributes) decl.attributes = decl.attributes.filter((a) => !internal(a.name));
            if (decl.members) decl.members = decl.members.filter((m) => !internal(m.name));
          }
        }
      },
    },
  ],
};
