export interface BackoffOptions {
  /** Delay before the first retry, in ms; each later retry doubles it. */
  interval: number;
  /** ± fraction applied to each delay (0.2 = ±20 %); 0 gives the exact schedule. */
  jitter?: number;
  /** Upper bound of the un-jittered delay, in ms. Default: 16 × interval (48 s for the 3 s seed). */
  maxDelay?: number;
  /** Source of randomness in [0, 1). Default `Math.random`. */
  random?: () => number;
}

/**
 * Delay before retry number `attempt` (1-based): exponential (interval × 2^(attempt-1)), capped at
 * `maxDelay`, then jittered by ± `jitter`. With interval 3000 and jitter 0: 3, 6, 12, 24, 48 s.
 * Pure: same inputs (and `random`), same result.
 */
export function backoffDelay(
  attempt: number,
  { interval, jitter = 0, maxDelay = interval * 16, random = Math.random }: BackoffOptions,
): number {
  const base = Math.min(interval * 2 ** Math.max(0, attempt - 1), maxDelay);
  return Math.round(base * (1 + jitter * (2 * random() - 1)));
}
