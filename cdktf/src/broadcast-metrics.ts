/**
 * The broadcast metrics contract between the backend (which publishes them as CloudWatch Embedded Metric
 * Format from the messages function and its fan-out workers) and this stack (which alarms on them and
 * charts them). A metric published with other dimensions is a different metric to CloudWatch: publish
 * each with exactly the one dimension `Stage` (the API Gateway stage name, e.g. `prod`), and no others
 * (Powertools' default `service` dimension included).
 */
export const BROADCAST_NAMESPACE = 'ChatRoom';
export const BROADCAST_DIMENSION = 'Stage';

export const BROADCAST_METRICS = {
  /** Count: a frame posted to a connection (`PostToConnection` succeeded). */
  posted: 'BroadcastPosted',
  /** Count: a post answered 410 Gone (that connection's row is deleted). */
  gone: 'BroadcastGone',
  /** Count: a post answered `LimitExceededException` (429), before its retry. */
  throttled: 'BroadcastThrottled',
  /** Count: a post that still failed after its retries (that connection is closed to make it gap-fill). */
  failed: 'BroadcastFailed',
  /** Milliseconds: one broadcast (or fan-out shard), from the first post to the last settled one. */
  durationMs: 'BroadcastDurationMs',
} as const;
