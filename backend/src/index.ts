/**
 * @chat-room/backend: `createChatToken` for a site's server (token mode), the table definitions and the
 * auth modes (what the cdktf stack deploys).
 * The Lambda handlers ship as bundles (dist/lambda/<name>/index.mjs); the local stack is `./local`.
 */
export {
  createChatToken,
  verifyChatToken,
  MAX_TOKEN_TTL_SECONDS,
  MIN_SECRET_BYTES,
  type ChatTokenInput,
  type ChatIdentity,
} from './token.js';
export * from './tables.js';
export { AUTH_MODES, isAuthMode, type AuthMode } from './config.js';
