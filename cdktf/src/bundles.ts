import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { FUNCTION_NAMES } from './functions.js';

/** `backend/dist/lambda` of the installed `@chat-room/backend` (what `npm run build -w @chat-room/backend` writes). */
export function defaultBundlesDir(): string {
  const backendPackage = createRequire(import.meta.url).resolve('@chat-room/backend/package.json');
  return join(dirname(backendPackage), 'dist', 'lambda');
}

/** Absolute bundles folder, after checking that every function's `index.mjs` is there. */
export function resolveBundlesDir(dir: string = defaultBundlesDir()): string {
  const absolute = resolve(dir);
  const missing = FUNCTION_NAMES.map((name) => join(absolute, name, 'index.mjs')).filter(
    (file) => !existsSync(file) || !statSync(file).isFile(),
  );
  if (missing.length) {
    throw new Error(
      `Lambda bundle${missing.length > 1 ? 's' : ''} missing: ${missing.join(', ')}.\n` +
        'Build them first: `npm run build -w @chat-room/backend` (the root `npm run synth` and `npm run deploy` do), ' +
        'or point CHAT_ROOM_BUNDLES_DIR at a folder holding <function>/index.mjs for authorizer, connect, disconnect and messages.',
    );
  }
  return absolute;
}
