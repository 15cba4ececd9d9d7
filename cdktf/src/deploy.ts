// `npm run deploy` / `npm run destroy` / `npm run plan` / `npm run deploy:bootstrap`: plain Terraform, no
// cdktf CLI. Checks Terraform and AWS credentials, synthesizes (with the provider lock file), then runs
// `terraform init` and `terraform <command>` in the synthesized stack folder. Arguments after the command
// go to Terraform (`npm run deploy -- -auto-approve`).
//
//   node --import tsx src/deploy.ts <apply|destroy|plan> [--bootstrap] [terraform arguments…]
import { spawnSync } from 'node:child_process';
import { synthesizeApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import {
  DeployError,
  TERRAFORM_VERSION_LOCAL_STATE,
  requireCredentials,
  requireTerraform,
  terraformVersion,
} from './deploy-checks.js';
import { TERRAFORM_VERSION_S3_LOCKFILE } from './versions.js';

const COMMANDS = ['apply', 'destroy', 'plan'] as const;
type Command = (typeof COMMANDS)[number];

function parseArgs(argv: string[]): { command: Command; bootstrap: boolean; terraformArgs: string[] } {
  const [command, ...rest] = argv;
  if (!(COMMANDS as readonly string[]).includes(command ?? ''))
    throw new DeployError(`usage: deploy.ts <${COMMANDS.join('|')}> [--bootstrap] [terraform arguments…]`);
  const bootstrap = rest.includes('--bootstrap');
  return { command: command as Command, bootstrap, terraformArgs: rest.filter((arg) => arg !== '--bootstrap') };
}

function terraform(dir: string, args: string[]): number {
  console.log(`\n$ terraform ${args.join(' ')}   (in ${dir})`);
  const result = spawnSync('terraform', args, { cwd: dir, stdio: 'inherit', env: process.env });
  if (result.error) throw new DeployError(`could not run terraform: ${result.error.message}`);
  return result.status ?? 1;
}

function main(argv: string[]): number {
  const { command, bootstrap, terraformArgs } = parseArgs(argv);
  const version = terraformVersion();
  const config = loadConfig(process.env);
  if (config.stateBackend)
    requireTerraform(version, TERRAFORM_VERSION_S3_LOCKFILE, 'S3 state with the native lock file (TF_STATE_BUCKET)');
  else requireTerraform(version, TERRAFORM_VERSION_LOCAL_STATE, 'the synthesized stack');
  const credentials = requireCredentials();

  const synthesized = synthesizeApp(config);
  const dir = bootstrap ? synthesized.bootstrapDir : synthesized.stackDir;
  const stack = bootstrap ? synthesized.bootstrap.node.id : synthesized.stack.node.id;
  console.log(
    `Terraform ${version}; AWS credentials: ${credentials}; stack ${stack} (${config.region}, hashicorp/aws ${config.awsProviderVersion}` +
      `${synthesized.providerLock ? ', checked lock file' : ', no shipped lock file for this version'})`,
  );
  if (!bootstrap && command === 'apply')
    console.log(
      "Execution and access logs need API Gateway's account CloudWatch role: run `npm run deploy:bootstrap` once per account and region first.",
    );

  const init = terraform(dir, ['init', '-input=false']);
  if (init !== 0) return init;
  return terraform(dir, [command, ...terraformArgs]);
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof DeployError) console.error(`Cannot ${process.argv[2] ?? 'deploy'}: ${error.message}`);
  else if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exitCode = 1;
}
