import { ChatError, ChatOutboxFullError } from './errors.js';
import type { ChatMessage } from './protocol/frames.js';
import { randomId } from './random-id.js';
import type { OutboxEntry } from './types.js';

/** An entry and the promise its `send()` / `retry()` returned. */
interface PendingSend extends OutboxEntry {
  promise: Promise<ChatMessage>;
  resolve(message: ChatMessage): void;
  reject(error: ChatError): void;
}

export interface OutboxOptions {
  /** Most entries held, unsent and failed together (`outboxLimit`). */
  limit: number;
  /** Sends the entry's `sendMessage` frame if the client is connected; returns whether it did. */
  transmit(entry: OutboxEntry): boolean;
  /** Called with a snapshot of the entries after every change. */
  changed(entries: readonly OutboxEntry[]): void;
}

/**
 * The messages sent and not yet acknowledged. An entry is `queued` (waiting for a connection), `sending` (sent,
 * waiting for its ack; sent again with the same `clientMessageId` after a reconnect, which the server stores
 * once) or `failed` (its promise rejected; kept for `retry()` until `discard()`, or until room is needed).
 * An entry leaves when a stored message answers it: its ack, or its broadcast if that comes first.
 */
export class Outbox {
  #entries: PendingSend[] = [];
  readonly #options: OutboxOptions;

  constructor(options: OutboxOptions) {
    this.#options = options;
  }

  /** Copies of the entries, without the promise plumbing. */
  get entries(): readonly OutboxEntry[] {
    return this.#entries.map(({ resolve, reject, promise, ...entry }) => entry);
  }

  find(clientMessageId: string | undefined): OutboxEntry | undefined {
    return this.#find(clientMessageId);
  }

  /** Queues `message` (already validated and normalised) under a new `clientMessageId`; resolves on its ack. */
  add(message: string): Promise<ChatMessage> {
    const { limit } = this.#options;
    if (this.#entries.length >= limit) {
      // Full: the oldest failed entry (already rejected, kept only for retry()) makes room; when every entry is
      // still unsent, the send is refused.
      const oldestFailed = this.#entries.find((entry) => entry.status === 'failed');
      if (!oldestFailed) throw new ChatOutboxFullError('OUTBOX_FULL', `outbox full: ${limit} unsent`);
      this.#remove(oldestFailed);
    }
    // Frames stay under MAX_FRAME_BYTES by construction: ≤ 2000 code points (≤ 4 UTF-8 bytes each, no control
    // characters to escape) + a ≤ 64-character id is under 8.2 KB of JSON.
    const entry = { clientMessageId: randomId(), message } as PendingSend;
    this.#entries.push(entry);
    return this.#queue(entry);
  }

  /** Sends a `failed` entry again (same `clientMessageId`); an entry still pending keeps its promise. */
  retry(clientMessageId: string): Promise<ChatMessage> {
    const entry = this.#find(clientMessageId);
    if (!entry) return Promise.reject(new ChatError('NOT_FOUND', clientMessageId));
    return entry.status === 'failed' ? this.#queue(entry) : entry.promise;
  }

  /** Removes an entry; a still-pending send rejects with `DISCARDED`. */
  discard(clientMessageId: string): void {
    const entry = this.#find(clientMessageId);
    if (!entry) return;
    entry.reject(new ChatError('DISCARDED', 'discarded'));
    this.#remove(entry);
    this.#changed();
  }

  /** After a (re)connect: sends every entry that has not failed (again, if it was sent on a dropped socket). */
  resend(): void {
    if (!this.#entries.length) return;
    for (const entry of this.#entries) if (entry.status !== 'failed') this.#transmit(entry);
    this.#changed();
  }

  /** A stored message answers the entry `clientMessageId` (its ack or its broadcast): resolves and removes it. */
  settle(clientMessageId: string | undefined, message: ChatMessage): void {
    const entry = this.#find(clientMessageId);
    if (!entry) return;
    entry.resolve(message);
    this.#remove(entry);
    this.#changed();
  }

  /** The server refused the entry: rejects its promise; it stays as `failed` for `retry()`. */
  fail(clientMessageId: string, error: ChatError): void {
    const entry = this.#find(clientMessageId);
    if (!entry) return;
    this.#markFailed(entry, error);
    this.#changed();
  }

  /**
   * The client stopped: rejects every entry not failed yet, which stays as `failed` for `retry()`; with `clear`
   * (`disconnect()`), every entry is rejected and removed.
   */
  failAll(error: ChatError, clear: boolean): void {
    if (!this.#entries.length) return;
    for (const entry of this.#entries) if (entry.status !== 'failed') this.#markFailed(entry, error);
    if (clear) this.#entries = [];
    this.#changed();
  }

  #find(clientMessageId: string | undefined): PendingSend | undefined {
    return this.#entries.find((entry) => entry.clientMessageId === clientMessageId);
  }

  #remove(entry: PendingSend): void {
    this.#entries.splice(this.#entries.indexOf(entry), 1);
  }

  /** (Re)starts an entry: `queued` with a fresh promise, sent at once if the client is connected. */
  #queue(entry: PendingSend): Promise<ChatMessage> {
    entry.status = 'queued';
    entry.error = undefined;
    entry.promise = new Promise((resolve, reject) => Object.assign(entry, { resolve, reject }));
    this.#transmit(entry);
    this.#changed();
    return entry.promise;
  }

  #transmit(entry: PendingSend): void {
    if (this.#options.transmit(entry)) entry.status = 'sending';
  }

  #markFailed(entry: PendingSend, error: ChatError): void {
    entry.reject(error);
    entry.status = 'failed';
    entry.error = error;
  }

  #changed(): void {
    this.#options.changed(this.entries);
  }
}
