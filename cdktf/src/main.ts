// Synthesizes the stacks to cdktf.out/stacks/<name>-<stage>/cdk.tf.json and cdktf.out/stacks/<name>-bootstrap/
// (run by `npm run synth`, by `npm run deploy` through src/deploy.ts, and by the cdktf CLI through
// cdktf.json). Configuration comes from the environment: see README.md.
import { synthesizeApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';

try {
  const config = loadConfig(process.env);
  const { stack, stackDir, bootstrapDir, providerLock } = synthesizeApp(config);
  console.log(
    `Synthesized ${stack.node.id} (${config.authMode} mode, region ${config.region}, ${config.lambdaRuntime}, hashicorp/aws ${config.awsProviderVersion}) to ${stackDir}/cdk.tf.json`,
  );
  console.log(`and the bootstrap stack to ${bootstrapDir}/cdk.tf.json`);
  if (!providerLock)
    console.log(
      `No checked lock file ships for hashicorp/aws ${config.awsProviderVersion}: \`terraform init\` records the checksums it downloads (see cdktf/locks/README.md).`,
    );
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
