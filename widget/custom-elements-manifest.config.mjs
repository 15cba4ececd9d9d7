// `cem analyze` configuration: the manifest (custom-elements.json) is generated from the component's JSDoc.
export default {
  // The element and its registration; helpers (styles, controller, strings) are internals.
  globs: ['src/chat-room.component.ts', 'src/define.ts'],
  exclude: ['src/**/*.test.ts', 'src/test/**'],
  litelement: true,
  outdir: '.',
  plugins: [
    {
      name: 'drop-internal-state',
      // Lit's `state: true` properties are internal: no attribute, not part of the API.
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            if (decl.attributes) decl.attributes = decl.attributes.filter((a) => !a.name.startsWith('_'));
            if (decl.members) decl.members = decl.members.filter((m) => !m.name.startsWith('_'));
          }
        }
      },
    },
  ],
};
