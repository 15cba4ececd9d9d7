import {
  ChatServerError,
  type ChatClientEventMap,
  type ChatState,
  type OutboxEntry,
  type StateChangeDetail,
  type TokenSource,
} from '@chat-room/client-sdk';
import type { ChatMessage, ErrorCode } from '@chat-room/client-sdk/protocol';
import type { ChatClientLike } from '../client-types.js';

let nextId = 1;

/** A message as the server would send it; ids and timestamps increase. */
export function makeMessage(fields: Partial<ChatMessage> = {}): ChatMessage {
  const n = nextId++;
  return {
    messageId: `m${String(n).padStart(8, '0')}`,
    roomId: 'lobby',
    username: 'alice',
    message: `message ${n}`,
    timestamp: Date.now(),
    ...fields,
  };
}

export function makeMessages(count: number, fields: Partial<ChatMessage> = {}): ChatMessage[] {
  const start = Date.now() - count * 1000;
  return Array.from({ length: count }, (_, i) => makeMessage({ timestamp: start + i * 1000, ...fields }));
}

interface Pending {
  text: string;
  resolve(message: ChatMessage): void;
  reject(error: Error): void;
}

/**
 * A fake of the widget's dependency (the SDK's ChatClient), never of the widget: the same interface (the
 * widget's `Pick` of the SDK's class, so a change in the SDK fails the typecheck here too), driven by the test
 * (`setState`, `receive`, `ack`, ...), recording the calls the widget makes. Its events carry the SDK's
 * `ChatClientEventMap` details.
 */
export class FakeClient extends EventTarget implements ChatClientLike {
  state: ChatState = 'idle';
  messages: ChatMessage[] = [];
  outbox: OutboxEntry[] = [];
  hasMoreHistory = false;
  username: string | undefined;
  userId: string | undefined;
  room = 'lobby';
  readonly calls: string[] = [];
  readonly sent: string[] = [];
  attempt = 0;
  /** Set by `loadOlder()`; call it to deliver the page. */
  deliverOlder: ((messages: ChatMessage[], hasMore: boolean) => void) | undefined;
  private readonly pending = new Map<string, Pending>();
  private nextClientId = 1;

  constructor(options: { username?: string; state?: ChatState } = {}) {
    super();
    this.username = options.username;
    if (options.state) this.state = options.state;
  }

  connect(): void {
    this.calls.push('connect');
    if (this.state === 'idle' || this.state === 'disconnected' || this.state === 'error') this.setState('connecting');
  }

  disconnect(): void {
    this.calls.push('disconnect');
    this.setState('disconnected', { code: 'CLIENT_CLOSED' });
  }

  reconnect(): void {
    this.calls.push('reconnect');
    this.setState('connecting');
  }

  setUser(user: { username: string } | { token: TokenSource }): Promise<void> {
    this.calls.push('setUser');
    if ('username' in user) this.username = user.username;
    return Promise.resolve();
  }

  send(text: string): Promise<ChatMessage> {
    this.calls.push('send');
    this.sent.push(text);
    const clientMessageId = `c${this.nextClientId++}`;
    this.outbox = [
      ...this.outbox,
      { clientMessageId, message: text.trim(), status: this.state === 'connected' ? 'sending' : 'queued' },
    ];
    this.emit('outboxchange', this.outbox);
    return new Promise((resolve, reject) => this.pending.set(clientMessageId, { text, resolve, reject }));
  }

  retry(clientMessageId: string): Promise<ChatMessage> {
    this.calls.push(`retry:${clientMessageId}`);
    this.outbox = this.outbox.map((e) =>
      e.clientMessageId === clientMessageId ? { clientMessageId, message: e.message, status: 'sending' } : e,
    );
    this.emit('outboxchange', this.outbox);
    return new Promise(() => {});
  }

  discard(clientMessageId: string): void {
    this.calls.push(`discard:${clientMessageId}`);
    this.outbox = this.outbox.filter((e) => e.clientMessageId !== clientMessageId);
    this.emit('outboxchange', this.outbox);
  }

  loadOlder(): Promise<boolean> {
    this.calls.push('loadOlder');
    return new Promise((resolve) => {
      this.deliverOlder = (older, hasMore) => {
        this.deliverOlder = undefined;
        this.messages = [...older, ...this.messages];
        this.hasMoreHistory = hasMore;
        this.emit('history', { kind: 'older', messages: older, hasMore });
        resolve(older.length > 0);
      };
    });
  }

  // ---- drivers used by the tests -----------------------------------------------------------

  setState(state: ChatState, extra: Partial<StateChangeDetail> = {}): void {
    const previous = this.state;
    this.state = state;
    this.emit('statechange', { state, previous, attempt: this.attempt, ...extra });
  }

  receive(fields: Partial<ChatMessage> = {}): ChatMessage {
    const message = makeMessage(fields);
    this.messages = [...this.messages, message];
    this.emit('message', message);
    return message;
  }

  history(messages: ChatMessage[], hasMore = false): void {
    this.messages = messages;
    this.hasMoreHistory = hasMore;
    this.emit('history', { kind: 'latest', messages, hasMore });
  }

  /** The server acknowledged a send: the entry leaves the outbox and becomes a message. */
  ack(clientMessageId = this.outbox[0]?.clientMessageId ?? ''): ChatMessage {
    const entry = this.pending.get(clientMessageId);
    if (!entry) throw new Error(`no pending send ${clientMessageId}`);
    this.pending.delete(clientMessageId);
    this.outbox = this.outbox.filter((e) => e.clientMessageId !== clientMessageId);
    const message = makeMessage({ username: this.username ?? 'me', message: entry.text.trim(), clientMessageId });
    this.messages = [...this.messages, message];
    this.emit('outboxchange', this.outbox);
    this.emit('message', message);
    entry.resolve(message);
    return message;
  }

  /** A send failed without a server `error` frame (as when the client stops for good): no `error` event. */
  fail(clientMessageId: string, reason: string): void {
    this.failEntry(clientMessageId, new ChatServerError('RATE_LIMITED', reason));
  }

  /**
   * The server refused something with an `error` frame: the client emits `error` with a `ChatServerError`.
   * With `clientMessageId` the error is about that send, which fails with that very error object first.
   */
  serverError(code: ErrorCode, message: string, clientMessageId?: string): void {
    // As the real client does: the error names the refused send, and is emitted before the entry fails.
    const error = new ChatServerError(code, message, { clientMessageId });
    this.emit('error', error);
    if (clientMessageId) this.failEntry(clientMessageId, error);
  }

  private failEntry(clientMessageId: string, error: ChatServerError): void {
    const entry = this.pending.get(clientMessageId);
    this.outbox = this.outbox.map((e) =>
      e.clientMessageId === clientMessageId ? { clientMessageId, message: e.message, status: 'failed', error } : e,
    );
    this.emit('outboxchange', this.outbox);
    entry?.reject(error);
  }

  private emit<K extends keyof ChatClientEventMap>(type: K, detail: ChatClientEventMap[K]): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
