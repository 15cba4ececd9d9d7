/**
 * @chat-room/backend: `createChatToken` for a site's server (token mode) and the table definitions.
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
