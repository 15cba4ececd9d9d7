// Absolute paths of the repository's built artefacts the benchmarks measure.
import { fileURLToPath } from 'node:url';

export const at = (relative) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));

export const REPO = at('');
export const WIDGET_SCRIPT = at('widget/dist/chat-room.js');
export const SDK_ENTRY = at('client-sdk/dist/index.js');
export const LAMBDA_DIR = at('backend/dist/lambda');
export const LAMBDAS = ['authorizer', 'connect', 'disconnect', 'messages'];
export const lambdaBundle = (name) => at(`backend/dist/lambda/${name}/index.mjs`);
export const LOCAL_INDEX = at('backend/dist/local/index.js');
export const CONNECTIONS_REPOSITORY = at('backend/dist/repositories/connections.js');
export const RESULTS_DIR = at('bench/results');
export const NODE_MODULES = at('node_modules');
