import type { ChatMessage, GetHistoryFrame, HistoryFrame } from './protocol/frames.js';
import { HISTORY_MAX_LIMIT } from './protocol/limits.js';
import type { HistoryDetail, HistoryKind } from './types.js';

/** A `getHistory` to send: `before`, `after` and `limit` are the frame's fields. */
interface HistoryRequest {
  kind: HistoryKind;
  before?: string;
  after?: string;
  limit: number;
  /**
   * A gap-fill that asks for the latest page (no `after`): the newest message the client had, to fill forward
   * from if the page does not reach back to it.
   */
  fillFrom?: string;
  /** `loadOlder()`'s promise: true when the page had messages. */
  resolve?(found: boolean): void;
  reject?(error: Error): void;
}

export interface HistoryOptions {
  /** Messages per `latest` and `older` page (`historyLimit`). */
  pageSize: number;
  /** How far before the newest message a gap-fill starts, ms (`gapOverlap`). */
  gapOverlap: number;
  /** Sends the frame if the client is connected; returns whether it did. */
  send(frame: GetHistoryFrame): boolean;
  /** A page arrived (the client's `history` event); its messages are already in the client's list. */
  pageReceived(detail: HistoryDetail): void;
}

/** Gap-fill: the messages newer than `after`, oldest first. */
const gapFill = (after: string): HistoryRequest => ({ kind: 'gap', after, limit: HISTORY_MAX_LIMIT });

/**
 * Where a gap-fill starts: the newest message at least `overlap` ms older than the newest one, so a message
 * stored late but with an earlier id is still fetched. None when every message is that recent.
 */
function gapFillStart(messages: readonly ChatMessage[], overlap: number): string | undefined {
  const since = (messages.at(-1)?.timestamp ?? 0) - overlap;
  let index = messages.length - 1;
  while (index >= 0 && messages[index]!.timestamp > since) index--;
  return messages[index]?.messageId;
}

/**
 * The client's history requests: the latest page on first open, a gap-fill after every reconnect (so nothing
 * sent while away is missed), older pages for `loadOlder()`. Replies carry no request id, so one request is
 * sent at a time and a reply answers the one awaiting it.
 */
export class HistoryRequests {
  readonly #options: HistoryOptions;
  /** Requests not sent yet, in order. */
  #queue: HistoryRequest[] = [];
  /** The request sent whose reply has not come yet. */
  #awaitingReply: HistoryRequest | undefined;
  /** The pending `loadOlder()`: a second call while it is pending shares it. */
  #pendingOlder: Promise<boolean> | undefined;
  /** A latest (or older) page has arrived: from then on a (re)connect gap-fills instead of asking for it. */
  #latestPageLoaded = false;
  /** The last latest / older page's `hasMore`: older messages exist. */
  #hasOlder = false;
  /** Where `loadOlder()` pages back from. */
  #cursor: string | undefined;

  constructor(options: HistoryOptions) {
    this.#options = options;
  }

  get hasOlder(): boolean {
    return this.#hasOlder;
  }

  /** A socket opened: asks for the latest page, or gap-fills from `messages`; older pages asked for stay queued. */
  opened(messages: readonly ChatMessage[]): void {
    const newest = messages.at(-1);
    const start = gapFillStart(messages, this.#options.gapOverlap);
    const first: HistoryRequest =
      !this.#latestPageLoaded || !newest
        ? { kind: 'latest', limit: this.#options.pageSize }
        : start
          ? gapFill(start)
          : // Every message is within the overlap: the latest page, then forward from the newest if needed.
            { kind: 'gap', limit: HISTORY_MAX_LIMIT, fillFrom: newest.messageId };
    this.#queue = [first, ...this.#queue.filter((request) => request.kind === 'older')];
    this.#sendNext();
  }

  /** The socket is gone: a lost `older` request is sent again after the next open's gap-fill. */
  socketClosed(): void {
    const lost = this.#awaitingReply;
    this.#awaitingReply = undefined;
    if (lost?.kind === 'older') this.#queue.unshift(lost);
  }

  /** Loads the previous page; resolves false when there is nothing older. */
  loadOlder(): Promise<boolean> {
    const before = this.#cursor;
    if (!this.#hasOlder || !before) return Promise.resolve(false);
    return (this.#pendingOlder ??= new Promise<boolean>((resolve, reject) => {
      this.#queue.push({ kind: 'older', before, limit: this.#options.pageSize, resolve, reject });
      this.#sendNext();
    }).finally(() => (this.#pendingOlder = undefined)));
  }

  /** A `history` reply; `messages` are its messages of the client's room, already in the client's list. */
  replyReceived({ hasMore, cursor }: HistoryFrame, messages: ChatMessage[]): void {
    const request = this.#awaitingReply;
    const kind = request?.kind ?? 'latest';
    this.#awaitingReply = undefined;
    if (kind !== 'gap') {
      this.#latestPageLoaded = true;
      this.#hasOlder = hasMore;
      this.#cursor = cursor ?? messages[0]?.messageId;
    } else if (hasMore && messages.length) {
      // After `after`, hasMore means newer messages; on the latest page it means older ones.
      const fillFrom = request?.fillFrom;
      if (!fillFrom) this.#queue.unshift(gapFill(messages.at(-1)!.messageId));
      else if (messages[0]!.messageId > fillFrom) this.#queue.unshift(gapFill(fillFrom));
    }
    this.#options.pageReceived({ kind, messages, hasMore });
    request?.resolve?.(messages.length > 0);
    this.#sendNext();
  }

  /** An `error` frame without a `clientMessageId` answers the request awaiting its reply. */
  replyFailed(error: Error): void {
    const request = this.#awaitingReply;
    if (!request) return;
    this.#awaitingReply = undefined;
    request.reject?.(error);
    this.#sendNext();
  }

  /** The client stopped: every pending `loadOlder()` rejects with `error`. */
  failAll(error: Error): void {
    for (const request of this.#queue) request.reject?.(error);
    this.#queue = [];
  }

  #sendNext(): void {
    const next = this.#queue[0];
    if (this.#awaitingReply || !next) return;
    const { before, after, limit } = next;
    if (this.#options.send({ action: 'getHistory', before, after, limit })) this.#awaitingReply = this.#queue.shift();
  }
}
