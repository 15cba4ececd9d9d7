import { readAuthConfig, type AuthConfig, type Env } from '../config.js';
import { createSsmSecretReader } from '../aws/ssm-secret.js';
import type { Logger } from '../log.js';
import { secretSource } from '../services/authenticate.js';

/**
 * Auth config and the token-secret source: TOKEN_SECRET, or the SSM parameter (re-read every
 * TOKEN_SECRET_CACHE_SECONDS; a failed refresh keeps the last value and warns through `log`).
 */
export function createAuthRuntime(
  env: Env,
  log?: Pick<Logger, 'warn'>,
): { auth: AuthConfig; getSecret: () => Promise<string> } {
  const auth = readAuthConfig(env);
  const ssm = auth.tokenSecretParameter
    ? createSsmSecretReader(auth.region, auth.tokenSecretParameter, {
        ttlMs: auth.tokenSecretCacheSeconds * 1000,
        ...(log ? { log } : {}),
      })
    : undefined;
  return { auth, getSecret: secretSource(auth, ssm) };
}
