#!/usr/bin/env node
/**
 * `npm start`: the local stack on PORT (default 8080), data under .data/. Ctrl-C or SIGTERM closes the
 * gateway, the functions and the database (flushing it), so the next start sees the history.
 * Token mode: AUTH_MODE=token TOKEN_SECRET=… npm start.
 */
import { dropSdkNodeVersionWarning } from './quiet-sdk-warning.js';
import { startLocalStack } from './stack.js';

dropSdkNodeVersionWarning();

const PASSED_ENV = [
  'AUTH_MODE',
  'TOKEN_SECRET',
  'ALLOWED_ORIGINS',
  'RATE_LIMIT_MESSAGES',
  'RATE_LIMIT_WINDOW_MS',
  'LOG_LEVEL',
  'BROADCAST_CONCURRENCY',
];

async function main(): Promise<void> {
  const portRaw = process.env.PORT ?? '8080';
  const port = Number(portRaw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number (0–65535), got "${portRaw}"`);
    process.exit(2);
  }
  const env: Record<string, string> = {};
  for (const name of PASSED_ENV) if (process.env[name]) env[name] = process.env[name]!;

  let stack;
  try {
    stack = await startLocalStack({
      port,
      host: process.env.HOST ?? '127.0.0.1',
      dataDir: process.env.DATA_DIR ?? '.data',
      env,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${port} is in use: set PORT to another port.`
        : `Could not start: ${(error as Error).message}`,
    );
    process.exit(1);
  }
  console.log(`\nchat-room is running (${env.AUTH_MODE ?? 'guest'} mode)`);
  console.log(`  page:      ${stack.pageUrl}`);
  console.log(`  websocket: ${stack.wsUrl}`);
  console.log('Ctrl-C stops it.\n');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.log('forced exit');
      process.exit(130);
    }
    stopping = true;
    console.log(`\n${signal}: shutting down…`);
    stack.close().then(
      () => {
        console.log('stopped; data saved.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error('shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
