import type { Logger } from '../log.js';
import { createCachedSecret } from './cached-secret.js';

export interface SsmSecretOptions {
  /** Re-read the parameter after this long (`TOKEN_SECRET_CACHE_SECONDS`, default 300 s). */
  ttlMs: number;
  log?: Pick<Logger, 'warn'>;
  /** The clock (tests). */
  now?: () => number;
}

/**
 * Reads an SSM SecureString (WithDecryption), cached for `ttlMs` so a rotated secret takes effect
 * without a redeploy (see {@link createCachedSecret} for failures). The SSM client is imported on the
 * first read: functions that never read a parameter (guest mode, `TOKEN_SECRET`) never load it, and the
 * bundles keep it in a chunk of its own.
 */
export function createSsmSecretReader(region: string, name: string, options: SsmSecretOptions): () => Promise<string> {
  let client: Promise<{ get: () => Promise<string> }> | undefined;
  const connect = async () => {
    const { GetParameterCommand, SSMClient } = await import('@aws-sdk/client-ssm');
    const ssm = new SSMClient({ region });
    return {
      get: async () => {
        const out = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
        const value = out.Parameter?.Value;
        if (!value) throw new Error(`SSM parameter ${name} has no value`);
        return value;
      },
    };
  };
  const load = async () => {
    client ??= connect().catch((error: unknown) => {
      client = undefined;
      throw error;
    });
    return (await client).get();
  };
  const { ttlMs, log, now } = options;
  return createCachedSecret(load, { ttlMs, ...(log ? { log } : {}), ...(now ? { now } : {}) });
}
