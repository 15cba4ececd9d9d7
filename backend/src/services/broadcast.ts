/**
 * Broadcast: query the room's connections (every page), post to each with bounded concurrency, await all.
 * A gone connection is deleted (that one, not the sender); a throttled post is retried with jittered
 * delay (see {@link postRetryDelay}), a bounded number of times; no single failed post fails the broadcast.
 */
import { StaleConnectionError, ThrottledError } from '../errors.js';
import type { ConnectionsApi } from '../aws/connections-api.js';
import { CONNECTION_TTL_SECONDS, type ConnectionsRepository } from '../repositories/connections.js';
import { errorFields, type Logger } from '../log.js';

export interface BroadcastOptions {
  concurrency: number;
  /** Retries of a throttled post (so at most `1 + maxRetries` attempts). */
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  nowMs?: number;
  /** A connection to post to before the others (the sender: its copy confirms its send). */
  first?: string;
}

export interface BroadcastResult {
  recipients: number;
  sent: number;
  gone: number;
  failed: number;
  throttledRetries: number;
  readCapacityUnits: number;
}

/**
 * API Gateway answers 410 for a connection whose `$connect` succeeded (its row is stored) but whose
 * upgrade has not finished yet. Deleting such a row would leave a live socket unregistered (its sends
 * fail, it receives nothing). So a 410 from a row younger than this is retried a few times first.
 */
export const YOUNG_CONNECTION_MS = 10_000;
const YOUNG_GONE_RETRIES = 3;
const YOUNG_GONE_BASE_DELAY_MS = 100;

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How long to wait before retrying a post (throttled, or a 410 from a connection still opening): not the
 * SDK's reconnect backoff. "Equal jitter" exponential: uniform in [d/2, d] with d = min(max, base · 2^attempt).
 * The fixed half guarantees the retries of a throttled burst actually wait; the random half spreads them out.
 */
export function postRetryDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.floor(ceiling / 2 + random() * (ceiling / 2));
}

/** Runs `task` over `items` with at most `concurrency` in flight; resolves when all settled. */
export async function forEachBounded<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

export async function broadcastToRoom(
  deps: { connections: ConnectionsRepository; connectionsApi: Pick<ConnectionsApi, 'post'>; log: Logger },
  roomId: string,
  frame: string,
  options: BroadcastOptions,
): Promise<BroadcastResult> {
  const { maxRetries = 5, baseDelayMs = 50, maxDelayMs = 1000, sleep = defaultSleep, random = Math.random } = options;
  const room = await deps.connections.queryRoom(roomId, options.nowMs);
  const result: BroadcastResult = {
    recipients: room.connections.length,
    sent: 0,
    gone: 0,
    failed: 0,
    throttledRetries: 0,
    readCapacityUnits: room.readCapacityUnits,
  };

  const nowMs = options.nowMs ?? Date.now();
  const first = room.connections.findIndex((c) => c.connectionId === options.first);
  const targets =
    first > 0 ? [room.connections[first]!, ...room.connections.filter((_, i) => i !== first)] : room.connections;
  await forEachBounded(targets, options.concurrency, async ({ connectionId, expiresAt }) => {
    // expiresAt is connectedAt (in seconds) + the TTL: the row's age, to within a second.
    const young =
      Number.isFinite(expiresAt) && (expiresAt - CONNECTION_TTL_SECONDS) * 1000 > nowMs - YOUNG_CONNECTION_MS;
    let goneRetries = 0;
    for (let attempt = 0; ; attempt++) {
      try {
        await deps.connectionsApi.post(connectionId, frame);
        result.sent++;
        return;
      } catch (error) {
        if (error instanceof ThrottledError && attempt < maxRetries) {
          result.throttledRetries++;
          await sleep(postRetryDelay(attempt, baseDelayMs, maxDelayMs, random));
          continue;
        }
        if (error instanceof StaleConnectionError && young && goneRetries < YOUNG_GONE_RETRIES) {
          await sleep(postRetryDelay(goneRetries++, YOUNG_GONE_BASE_DELAY_MS, maxDelayMs, random));
          continue;
        }
        if (error instanceof StaleConnectionError) {
          result.gone++;
          try {
            await deps.connections.delete(connectionId);
          } catch (deleteError) {
            deps.log.warn('could not delete a stale connection', {
              staleConnectionId: connectionId,
              ...errorFields(deleteError),
            });
          }
          return;
        }
        result.failed++;
        deps.log.warn('post to connection failed', {
          targetConnectionId: connectionId,
          attempts: attempt + 1,
          ...errorFields(error),
        });
        return;
      }
    }
  });
  return result;
}
