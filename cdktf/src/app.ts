import { App } from 'cdktf';
import { resolveBundlesDir } from './bundles.js';
import type { StackConfig } from './config.js';
import { ChatRoomStack } from './stack.js';

export interface BuildOptions {
  /** Where `cdktf.out` goes; default `cdktf.out` in the working directory. */
  outdir?: string;
}

/** The cdktf app with its one stack, named after the deployment prefix (`chat-room-dev`). */
export function buildApp(config: StackConfig, options: BuildOptions = {}): { app: App; stack: ChatRoomStack } {
  const bundlesDir = resolveBundlesDir(config.bundlesDir);
  const app = new App({ ...(options.outdir ? { outdir: options.outdir } : {}), skipValidation: false });
  const stack = new ChatRoomStack(app, config.prefix, { config, bundlesDir });
  return { app, stack };
}
