import { errorFields, type Logger } from '../log.js';

export interface CachedSecretOptions {
  /** How long a value read is used before it is read again (rotation takes effect within this). */
  ttlMs: number;
  /** After a failed refresh, the last good value is used for this long before the next try. */
  retryMs?: number;
  /** Warns of a failed refresh. */
  log?: Pick<Logger, 'warn'>;
  now?: () => number;
}

/** After a failed refresh: try again in 30 s, or sooner if the TTL is shorter. */
const DEFAULT_RETRY_MS = 30_000;

/**
 * A secret read through `load` and cached for `ttlMs`; concurrent callers share one read.
 * - The first read failing rejects, and is not cached: the next call reads again.
 * - A refresh (after the TTL) failing keeps the last good value, warns, and tries again after `retryMs`.
 */
export function createCachedSecret(load: () => Promise<string>, options: CachedSecretOptions): () => Promise<string> {
  const { ttlMs, log, now = Date.now } = options;
  const retryMs = Math.min(options.retryMs ?? DEFAULT_RETRY_MS, ttlMs);
  let value: string | undefined;
  let freshUntil = 0;
  let reading: Promise<string> | undefined;

  const read = (): Promise<string> =>
    load().then(
      (loaded) => {
        value = loaded;
        freshUntil = now() + ttlMs;
        return loaded;
      },
      (error: unknown) => {
        if (value === undefined) throw error;
        freshUntil = now() + retryMs;
        log?.warn('token secret refresh failed; using the last value read', {
          retryInMs: retryMs,
          ...errorFields(error),
        });
        return value;
      },
    );

  return () => {
    if (value !== undefined && now() < freshUntil) return Promise.resolve(value);
    reading ??= read().finally(() => {
      reading = undefined;
    });
    return reading;
  };
}
