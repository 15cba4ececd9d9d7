import { App } from 'cdktf';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BootstrapStack, bootstrapStackName } from './bootstrap-stack.js';
import { resolveBundlesDir } from './bundles.js';
import type { StackConfig } from './config.js';
import { writeProviderLock } from './provider-lock.js';
import { ChatRoomStack } from './stack.js';

export interface BuildOptions {
  /** Where `cdktf.out` goes; default `CDKTF_OUTDIR` or `cdktf.out` in the working directory. */
  outdir?: string;
}

export interface BuiltApp {
  app: App;
  /** The stage's stack, named after the deployment prefix (`chat-room-dev`). */
  stack: ChatRoomStack;
  /** The one-time, per account and region stack (`chat-room-bootstrap`). */
  bootstrap: BootstrapStack;
}

/** The cdktf app: the stage's stack and the bootstrap stack. */
export function buildApp(config: StackConfig, options: BuildOptions = {}): BuiltApp {
  const bundlesDir = resolveBundlesDir(config.bundlesDir);
  if (options.outdir) mkdirSync(options.outdir, { recursive: true });
  const app = new App({ ...(options.outdir ? { outdir: options.outdir } : {}), skipValidation: false });
  const stack = new ChatRoomStack(app, config.prefix, { config, bundlesDir });
  const bootstrap = new BootstrapStack(app, bootstrapStackName(config), config);
  return { app, stack, bootstrap };
}

export interface Synthesized extends BuiltApp {
  /** Folder of each stack's `cdk.tf.json`, where `terraform` runs. */
  stackDir: string;
  bootstrapDir: string;
  /** Whether a checked provider lock file was shipped for the pinned version (and copied next to each stack). */
  providerLock: boolean;
}

/** Builds and synthesizes the app, then puts the provider lock file next to each stack's JSON. */
export function synthesizeApp(config: StackConfig, options: BuildOptions = {}): Synthesized {
  const built = buildApp(config, options);
  built.app.synth();
  const stackDir = join(built.app.outdir, 'stacks', built.stack.node.id);
  const bootstrapDir = join(built.app.outdir, 'stacks', built.bootstrap.node.id);
  let providerLock = false;
  for (const dir of [stackDir, bootstrapDir]) providerLock = writeProviderLock(dir, config.awsProviderVersion);
  return { ...built, stackDir, bootstrapDir, providerLock };
}
