// What is in each Lambda bundle, by package (rendered, pre-minification bytes), chunk by chunk.
// Usage (after tsc): node build/analyze-bundles.mjs [handler...]; FULL=1 lists modules, TOP=n rows.
import { rollup } from 'rollup';
import configs from '../rollup.config.js';

const only = process.argv.slice(2);
const top = Number(process.env.TOP ?? 25);
const packageOf = (id) => {
  if (process.env.FULL) return id.replace(/.*node_modules\//, '');
  const m = id.match(/node_modules\/((?:@[^/]+\/)?[^/]+)(?:\/dist-[a-z]+\/submodules\/([^/]+))?/);
  if (m) return m[2] ? `${m[1]}/${m[2]}` : m[1];
  return id
    .replace(/.*\/(backend|client-sdk)\//, '$1/')
    .split('/')
    .slice(0, 3)
    .join('/');
};

for (const config of configs) {
  const name = config.output.dir.split('/').pop();
  if (only.length && !only.includes(name)) continue;
  const bundle = await rollup({
    ...config,
    plugins: config.plugins.filter((p) => p.name !== 'terser' && p.name !== 'remove-stale-output'),
  });
  const { output } = await bundle.generate(config.output);
  for (const chunk of output) {
    if (chunk.type !== 'chunk') continue;
    const sizes = new Map();
    let total = 0;
    for (const [id, m] of Object.entries(chunk.modules)) {
      sizes.set(packageOf(id), (sizes.get(packageOf(id)) ?? 0) + m.renderedLength);
      total += m.renderedLength;
    }
    console.log(
      `== ${name}/${chunk.fileName}: ${total} B rendered${chunk.dynamicImports.length ? `, imports on demand ${chunk.dynamicImports.join(' ')}` : ''}`,
    );
    for (const [k, v] of [...sizes].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(String(v).padStart(8), k);
  }
  await bundle.close();
}
