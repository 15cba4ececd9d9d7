// Synthesizes the stack to cdktf.out/stacks/<name>-<stage>/cdk.tf.json (run by `npm run synth` and by the
// cdktf CLI through cdktf.json). Configuration comes from the environment: see README.md.
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';

try {
  const config = loadConfig(process.env);
  const { app, stack } = buildApp(config);
  app.synth();
  console.log(
    `Synthesized ${stack.node.id} (${config.authMode} mode, region ${config.region}) to ${app.outdir}/stacks/${stack.node.id}/cdk.tf.json`,
  );
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
