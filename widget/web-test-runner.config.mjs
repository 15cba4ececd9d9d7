// Browser tests of <chat-room> in headless Chromium (@web/test-runner 0.20 + Chrome launcher 0.18).
// Run from the repository root: node scripts/test.mjs --browser  (or: npx wtr --config widget/web-test-runner.config.mjs)
// The end-to-end tests ask GET /__chat-room/stack for a local stack (backend/dist/local, started on first
// request, in-memory DynamoDB, port 0) and fail with its error message when it cannot start.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

function localStackPlugin() {
  let starting;
  let stack;
  return {
    name: 'chat-room-local-stack',
    async serve(context) {
      if (context.path !== '/__chat-room/stack') return undefined;
      starting ??= (async () => {
        try {
          const { startLocalStack } = await import(pathToFileURL(join(root, 'backend/dist/local/index.js')).href);
          stack = await startLocalStack({ port: 0, persist: false, quiet: true });
          return { wsUrl: stack.wsUrl, pageUrl: stack.pageUrl };
        } catch (error) {
          return { error: `the local stack did not start (${error?.message ?? error}); run "npm run build" first` };
        }
      })();
      return { body: JSON.stringify(await starting), type: 'application/json' };
    },
    async serverStop() {
      await stack?.close();
    },
  };
}

export default {
  rootDir: root,
  files: [join(here, 'src/**/*.test.ts')],
  nodeResolve: true,
  concurrency: 1,
  browserStartTimeout: 120_000,
  testsStartTimeout: 120_000,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 30_000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: join(here, 'tsconfig.json') }), localStackPlugin()],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--headless=new',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    }),
  ],
};
