import { readAuthConfig, type AuthConfig, type Env } from '../config.js';
import { createSsmSecretReader } from '../aws/ssm-secret.js';
import { secretSource } from '../services/authenticate.js';

/** Auth config and the token-secret source (TOKEN_SECRET, or the SSM parameter read once). */
export function createAuthRuntime(env: Env): { auth: AuthConfig; getSecret: () => Promise<string> } {
  const auth = readAuthConfig(env);
  const ssm = auth.tokenSecretParameter ? createSsmSecretReader(auth.region, auth.tokenSecretParameter) : undefined;
  return { auth, getSecret: secretSource(auth, ssm) };
}
