import {
  DEFAULT_ROOM,
  HISTORY_MAX_LIMIT,
  MAX_CONNECTION_MS,
  normalizeMessageText,
  readServerFrame,
  validateHistoryLimit,
  validateMessageText,
  validateRoomId,
  validateUsername,
  type ChatMessage,
  type ClientFrame,
  type Validation,
} from './protocol/index.js';
import { backoffDelay } from './backoff.js';
import type { ChatState, DisconnectCode } from './connection-state.js';
import {
  ChatAuthError,
  ChatDisconnectedError,
  ChatError,
  ChatOutboxFullError,
  ChatServerError,
  ChatValidationError,
} from './errors.js';
import { insertMessage } from './message-list.js';
import {
  platformEnvironment,
  systemTimers,
  type ChatEnvironment,
  type EnvironmentEvent,
  type Timers,
  type WebSocketConstructor,
  type WebSocketLike,
} from './platform.js';
import { randomId } from './random-id.js';
import { tokenClaims } from './token.js';
import { TypedEventTarget } from './typed-event-target.js';
import type {
  ChatClientEventMap,
  ChatClientOptions,
  HistoryKind,
  OutboxEntry,
  StateChangeDetail,
  TokenSource,
} from './types.js';

type Pending = OutboxEntry & {
  resolve(m: ChatMessage): void;
  reject(e: ChatError): void;
  promise: Promise<ChatMessage>;
};
/** A queued `getHistory`: `before`, `after` and `limit` are the frame's fields. */
type HistoryRequest = {
  kind: HistoryKind;
  before?: string;
  after?: string;
  limit: number;
  /** A gap-fill without `after` (the latest page): where to go on from if the page does not reach back to it. */
  resume?: string;
  resolve?(more: boolean): void;
  reject?(e: Error): void;
};
type StateInfo = Omit<StateChangeDetail, 'state' | 'previous' | 'attempt'>;

const enc = encodeURIComponent;
const OFFLINE: StateInfo = { code: 'OFFLINE', reason: 'offline' };
// WebSocket close codes (protocol CloseCode): 1001 going away (reconnect at once), 4401/4403 auth refused.
const GOING_AWAY = 1001;

function check<T>(result: Validation<T>): T {
  if (!result.ok) throw new ChatValidationError(result.code, result.reason);
  return result.value;
}

/** Gap-fill: the messages newer than `after`, oldest first. */
const gapFill = (after: string): HistoryRequest => ({ kind: 'gap', after, limit: HISTORY_MAX_LIMIT });

/**
 * A chat-room connection: state machine, reconnect with backoff, history and gap-fill, outbox.
 *
 * Platform notes:
 * - With the `ws` package a refused upgrade shows as an `error` event "Unexpected server response: 401"
 *   (or 403) and ends in `error` / `AUTH_REFUSED`, as do close codes 4401/4403. Browsers hide the HTTP
 *   status of a refused upgrade: it is a close 1006 before open, indistinguishable from a network failure,
 *   so it is a failed attempt on the bounded backoff schedule (it ends in `disconnected` / `GAVE_UP`,
 *   never an endless loop).
 * - Socket rotation before API Gateway's 2-hour limit (and close 1001) is close-then-reopen at once: the
 *   state passes through `reconnecting` with code `ROTATING` (or `SERVER_GOING_AWAY`); no attempt is
 *   spent, and the gap-fill and the outbox resend make it lossless.
 */
export class ChatClient extends TypedEventTarget<ChatClientEventMap> {
  /** A copy of the options; defaults are applied where each is used (see ChatClientOptions). */
  #o: ChatClientOptions;
  #clock: Timers;
  #env: ChatEnvironment;
  #WebSocket: WebSocketConstructor;
  /** The URL up to the identity: `url?room=…&`. */
  #base: string;
  #room: string;
  /** Messages per history page (`historyLimit`). */
  #limit: number;
  /** The guest username, or the display name decoded from the token last used. */
  #name: string | undefined;
  /** The `sub` claim of the token last used (token mode). */
  #userId: string | undefined;
  #token: TokenSource | undefined;
  #state: ChatState = 'idle';
  #code: DisconnectCode | undefined;
  #attempt = 0;
  #ws: WebSocketLike | undefined;
  /** Bumped whenever the socket is dropped: a token arriving for an older generation is ignored. */
  #gen = 0;
  /** The socket stayed up `minUptime`. */
  #stable = false;
  #timers = new Map<string, unknown>();
  #unsubscribe: (() => void) | undefined;
  #list: ChatMessage[] = [];
  #loaded = false;
  #hasMore = false;
  #cursor: string | undefined;
  #queue: HistoryRequest[] = [];
  #inflight: HistoryRequest | undefined;
  #older: Promise<boolean> | undefined;
  #outbox: Pending[] = [];

  constructor(options: ChatClientOptions) {
    super();
    const { url, room = DEFAULT_ROOM, historyLimit } = options;
    const WebSocket = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!WebSocket) throw new ChatError('INVALID_OPTIONS', 'no WebSocket: pass options.WebSocket (e.g. from "ws")');
    if (typeof url !== 'string' || !url) throw new ChatError('INVALID_OPTIONS', 'options.url must be a ws(s):// URL');
    this.#room = check(validateRoomId(room));
    this.#base = `${url}${url.includes('?') ? '&' : '?'}room=${enc(this.#room)}&`;
    this.#limit = historyLimit === undefined ? 50 : check(validateHistoryLimit(historyLimit));
    this.#setIdentity(options);
    this.#o = { ...options };
    this.#WebSocket = WebSocket;
    this.#clock = options.timers ?? systemTimers;
    this.#env = options.environment ?? platformEnvironment();
  }

  get state(): ChatState {
    return this.#state;
  }
  get room(): string {
    return this.#room;
  }
  /** The guest username, or the `name` claim of the token (decoded unverified, for display only). */
  get username(): string | undefined {
    return this.#name;
  }
  /**
   * Token mode: the `sub` claim of the token (decoded unverified), which the server puts in each message's
   * `userId`: compare the two to tell your own messages. Undefined for guests (compare `username`).
   */
  get userId(): string | undefined {
    return this.#userId;
  }
  /** The room's messages, time-ordered and de-duplicated by `messageId` (a live, read-only view). */
  get messages(): readonly ChatMessage[] {
    return this.#list;
  }
  /** Whether `loadOlder()` may find older messages. */
  get hasMoreHistory(): boolean {
    return this.#hasMore;
  }
  /** Messages not yet acknowledged by the server (copies, without the promise plumbing). */
  get outbox(): readonly OutboxEntry[] {
    return this.#outbox.map(({ resolve, reject, promise, ...entry }) => entry);
  }

  /** Connects (from `idle`, `disconnected` or `error`); does nothing while connecting or connected. */
  connect(): void {
    if (['idle', 'disconnected', 'error'].includes(this.#state)) this.reconnect();
  }

  /** Resets the attempt counter and connects now, replacing any socket. */
  reconnect(): void {
    this.#attempt = 0;
    void this.#open();
  }

  /** Stops for good: closes the socket, rejects and clears the outbox, keeps the messages. */
  disconnect(): void {
    this.#drop();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#stop('disconnected', new ChatDisconnectedError('CLIENT_CLOSED', 'disconnect()'), true);
  }

  /** Changes identity: closes the old socket (and waits for it), keeps the history, reconnects unless idle. */
  async setUser(user: { username: string } | { token: TokenSource }): Promise<void> {
    const next = 'token' in user ? { token: user.token } : { username: check(validateUsername(user.username)) };
    const ws = this.#ws;
    this.#drop();
    if (ws) {
      await new Promise<void>((done) => {
        ws.onclose = done;
        this.#after('close', 2000, done);
      });
    }
    this.#setIdentity(next);
    if (this.#state !== 'idle') {
      this.#attempt = 0;
      void this.#open('USER_CHANGED');
    }
  }

  /** Sends `text`; resolves with the stored message on the server's ack. Queued while not connected. */
  async send(text: string): Promise<ChatMessage> {
    const message = check(validateMessageText(typeof text === 'string' ? normalizeMessageText(text) : text));
    const limit = this.#o.outboxLimit ?? 100;
    if (this.#outbox.length >= limit) {
      // Full: the oldest failed entry (already rejected, kept only for retry()) makes room; when every
      // entry is still unsent, the send is refused.
      const failed = this.#outbox.find((e) => e.status === 'failed');
      if (!failed) throw new ChatOutboxFullError('OUTBOX_FULL', `outbox full: ${limit} unsent`);
      this.#outbox.splice(this.#outbox.indexOf(failed), 1);
    }
    // Frames stay under MAX_FRAME_BYTES by construction: ≤ 2000 code points (≤ 4 UTF-8 bytes each, no
    // control characters to escape) + a ≤ 64-character id is under 8.2 KB of JSON.
    const entry = { clientMessageId: randomId(), message } as Pending;
    this.#outbox.push(entry);
    return this.#queueEntry(entry);
  }

  /** Sends a `failed` outbox entry again (same `clientMessageId`). */
  async retry(clientMessageId: string): Promise<ChatMessage> {
    const entry = this.#find(clientMessageId);
    if (!entry) throw new ChatError('NOT_FOUND', clientMessageId);
    return entry.status === 'failed' ? this.#queueEntry(entry) : entry.promise;
  }

  /** Removes an outbox entry; a still-pending send rejects with `DISCARDED`. */
  discard(clientMessageId: string): void {
    this.#settle(this.#find(clientMessageId), undefined, new ChatError('DISCARDED', 'discarded'), true);
  }

  /** Loads the previous page of history; resolves false when there is nothing older. */
  loadOlder(): Promise<boolean> {
    const before = this.#cursor;
    if (!this.#hasMore || !before) return Promise.resolve(false);
    return (this.#older ??= new Promise<boolean>((resolve, reject) => {
      this.#queue.push({ kind: 'older', before, limit: this.#limit, resolve, reject });
      this.#pump();
    }).finally(() => (this.#older = undefined)));
  }

  // ---- state and connection ----------------------------------------------------------------------

  #setState(state: ChatState, info: StateInfo = {}): void {
    const previous = this.#state;
    this.#state = state;
    this.#code = info.code;
    this._emit('statechange', { state, previous, attempt: this.#attempt, ...info });
  }

  #setIdentity({ username, token }: { username?: string; token?: TokenSource }): void {
    this.#token = token;
    // With a token, the name shown is its `name` claim (a provider's token is decoded when it is fetched).
    ({ name: this.#name, sub: this.#userId } = typeof token === 'string' ? tokenClaims(token) : {});
    if (!token && username !== undefined) this.#name = check(validateUsername(username));
  }

  /** (Re)starts the timer `name`. */
  #after(name: string, ms: number, fn: () => void): void {
    const t = this.#clock;
    t.clearTimeout(this.#timers.get(name));
    this.#timers.set(name, t.setTimeout(fn, ms));
  }

  /** Detaches and closes the current socket (its events no longer reach the client) and stops timers. */
  #drop(): void {
    const ws = this.#ws;
    const inflight = this.#inflight;
    this.#ws = this.#inflight = undefined;
    this.#gen++;
    this.#stable = false;
    this.#timers.forEach((handle) => this.#clock.clearTimeout(handle));
    this.#timers.clear();
    if (inflight?.kind === 'older') this.#queue.unshift(inflight);
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = null;
      ws.onerror = () => {}; // `ws` throws on an unhandled 'error'
      try {
        ws.close(1000, '');
      } catch {
        // already closed
      }
    }
  }

  async #open(code?: DisconnectCode): Promise<void> {
    this.#drop();
    this.#unsubscribe ??= this.#env.subscribe((e) => this.#onEnvironment(e));
    const retrying = this.#state === 'connected' || this.#state === 'reconnecting';
    this.#setState(retrying ? 'reconnecting' : 'connecting', { code: code ?? (retrying ? this.#code : undefined) });
    const gen = this.#gen;
    let token = this.#token;
    if (typeof token === 'function') {
      try {
        token = await token();
        if (typeof token !== 'string' || !token) throw new TypeError('no token');
      } catch (cause) {
        if (gen === this.#gen) this.#fail(new ChatAuthError('TOKEN_FAILED', `token provider: ${cause}`, { cause }));
        return;
      }
      if (gen !== this.#gen) return;
    }
    if (token) ({ name: this.#name, sub: this.#userId } = tokenClaims(token));
    const identity = token ? `token=${enc(token)}` : this.#name && `username=${enc(this.#name)}`;
    if (!identity) return this.#fail(new ChatAuthError('INVALID_OPTIONS', 'username or token needed'));
    let ws: WebSocketLike;
    try {
      ws = new this.#WebSocket(this.#base + identity);
    } catch (cause) {
      return this.#fail(new ChatError('INVALID_OPTIONS', `${cause}`, { cause }));
    }
    this.#ws = ws;
    let refused = '';
    ws.onerror = (event: { message?: unknown }) => {
      refused ||= /response: (40[13])/.exec(String(event?.message))?.[1] ?? '';
    };
    ws.onopen = () => this.#onOpen();
    ws.onmessage = (event: { data: unknown }) => this.#onFrame(event.data);
    ws.onclose = (event: { code: number; reason?: string }) => this.#onClose(event.code, event.reason || '', refused);
  }

  #onOpen(): void {
    const o = this.#o;
    this.#setState('connected');
    this.#after('uptime', o.minUptime ?? 10_000, () => {
      this.#attempt = 0;
      this.#stable = true;
    });
    this.#after('rotate', o.maxConnectionMs ?? MAX_CONNECTION_MS - 300_000, () => this.#open('ROTATING'));
    const ping = () =>
      this.#after('ping', o.heartbeatInterval ?? 540_000, () => (this.#send({ action: 'ping' }), ping()));
    ping();
    const newest = this.#list.at(-1);
    const anchor = this.#gapAnchor(o.gapOverlap ?? 30_000);
    this.#queue = [
      !this.#loaded || !newest
        ? { kind: 'latest', limit: this.#limit }
        : anchor
          ? gapFill(anchor)
          : // Every loaded message is within the overlap: the latest page, then forward from the newest.
            { kind: 'gap', limit: HISTORY_MAX_LIMIT, resume: newest.messageId },
      ...this.#queue.filter((r) => r.kind === 'older'),
    ];
    this.#pump();
    for (const entry of this.#outbox) if (entry.status !== 'failed') this.#transmit(entry);
    if (this.#outbox.length) this.#outboxChanged();
  }

  /**
   * Where a gap-fill starts: the newest message at least `overlap` ms older than the newest one, so a
   * message stored late but with an earlier id is still fetched. None when every message is that recent.
   */
  #gapAnchor(overlap: number): string | undefined {
    const list = this.#list;
    const since = (list.at(-1)?.timestamp ?? 0) - overlap;
    let i = list.length - 1;
    while (i >= 0 && list[i]!.timestamp > since) i--;
    return list[i]?.messageId;
  }

  #onClose(code: number, reason: string, refused: string): void {
    const o = this.#o;
    const stable = this.#stable;
    reason ||= `close ${code}`;
    this.#drop();
    if (refused || code === 4401 || code === 4403) {
      return this.#fail(new ChatAuthError('AUTH_REFUSED', refused ? `HTTP ${refused}` : reason));
    }
    const interval = o.reconnectInterval ?? 3000;
    const jitter = o.jitter ?? 0.2;
    let delay: number;
    let info: StateInfo;
    if (code === GOING_AWAY && stable) {
      // Close 1001 (idle or 2-hour limit, a restarting server) reconnects without spending an attempt,
      // spread over jitter × interval so that every client of a restarting server does not come back in
      // the same instant (jitter 0: at once). Right after opening it counts as a failure (no tight loop).
      delay = Math.round(jitter * interval * (o.random ?? Math.random)());
      if (!delay) return void this.#open('SERVER_GOING_AWAY');
      info = { code: 'SERVER_GOING_AWAY', reason };
    } else {
      if (!this.#env.isOnline()) return this.#setState('reconnecting', OFFLINE);
      if (this.#attempt >= (o.maxReconnectAttempts ?? 5))
        return this.#stop('disconnected', new ChatDisconnectedError('GAVE_UP', 'gave up'));
      delay = backoffDelay(++this.#attempt, { interval, jitter, random: o.random });
      info = { code: 'NETWORK', reason };
    }
    this.#setState('reconnecting', { ...info, retryAt: this.#clock.now() + delay });
    this.#after('retry', delay, () => this.#open(info.code));
  }

  #onEnvironment(event: EnvironmentEvent): void {
    if (event === 'offline' && this.#timers.has('retry')) {
      this.#drop();
      this.#setState('reconnecting', OFFLINE);
    } else if (event === 'online' || event === 'visible') {
      if (this.#state === 'reconnecting' && !this.#ws) void this.#open();
      else if (this.#code === 'GAVE_UP') this.reconnect();
    }
  }

  /** Ends in `error`: no retry until `connect()`, `reconnect()` or `setUser()`. */
  #fail(error: ChatError): void {
    this.#drop();
    this.#stop('error', error);
  }

  /** Enters `disconnected` or `error` with the error's code and message; fails what was pending. */
  #stop(state: ChatState, error: ChatError, clear?: boolean): void {
    this.#setState(state, { code: error.code as DisconnectCode, reason: error.message });
    if (state === 'error') this._emit('error', error);
    this.#failPending(error, clear);
  }

  #send(frame: ClientFrame): void {
    if (this.#ws?.readyState === 1 /* OPEN */) this.#ws.send(JSON.stringify(frame));
  }

  // ---- frames --------------------------------------------------------------------------------------

  #onFrame(data: unknown): void {
    const parsed = readServerFrame(data);
    if (!parsed.ok) return console.warn('[chat-room] invalid frame:', parsed.reason);
    const frame = parsed.value;
    // Messages of another room are dropped (a history reply is still taken, so the next request can go).
    const room = this.#room;
    switch (frame.type) {
      case 'message': {
        const { type, ...message } = frame;
        if (message.roomId !== room) return console.warn('[chat-room] invalid frame: roomId is not', room);
        this.#received(message, this.#find(message.clientMessageId));
        break;
      }
      case 'ack': {
        const { type, ...ack } = frame;
        const entry = this.#find(ack.clientMessageId);
        this._emit('ack', ack);
        const userId = this.#userId;
        if (entry)
          this.#received(
            {
              ...ack,
              roomId: this.#room,
              username: this.#name ?? '',
              ...(userId && { userId }),
              message: entry.message,
            },
            entry,
          );
        break;
      }
      case 'history': {
        const { hasMore } = frame;
        const messages = frame.messages.filter((m) => m.roomId === room);
        const request = this.#inflight;
        const kind = request?.kind ?? 'latest';
        this.#inflight = undefined;
        for (const m of messages) insertMessage(this.#list, m);
        if (kind !== 'gap') {
          this.#loaded = true;
          this.#hasMore = hasMore;
          this.#cursor = frame.cursor ?? messages[0]?.messageId;
        } else if (hasMore && messages.length) {
          const resume = request?.resume;
          // After `after`, hasMore means newer messages; on the latest page it means older ones.
          if (!resume) this.#queue.unshift(gapFill(messages.at(-1)!.messageId));
          else if (messages[0]!.messageId > resume) this.#queue.unshift(gapFill(resume));
        }
        this._emit('history', { kind, messages, hasMore });
        request?.resolve?.(messages.length > 0);
        this.#pump();
        break;
      }
      case 'error': {
        const error = new ChatServerError(frame.code, frame.message);
        this._emit('error', error);
        if (frame.clientMessageId) this.#settle(this.#find(frame.clientMessageId), undefined, error);
        else if (this.#inflight) {
          // Replies carry no request id; an error without a clientMessageId answers the history request.
          this.#inflight.reject?.(error);
          this.#inflight = undefined;
          this.#pump();
        }
      }
    }
  }

  /** A stored message: into the list (once), and it settles its outbox entry, if ours. */
  #received(message: ChatMessage, entry: Pending | undefined): void {
    if (insertMessage(this.#list, message)) this._emit('message', message);
    this.#settle(entry, message);
  }

  // ---- history ---------------------------------------------------------------------------------------

  /** One history request in flight at a time: replies carry no request id. */
  #pump(): void {
    if (this.#inflight || this.#state !== 'connected' || !this.#queue.length) return;
    const { before, after, limit } = (this.#inflight = this.#queue.shift()!);
    this.#send({ action: 'getHistory', before, after, limit });
  }

  // ---- outbox ----------------------------------------------------------------------------------------

  #outboxChanged(): void {
    this._emit('outboxchange', this.outbox);
  }

  #queueEntry(entry: Pending): Promise<ChatMessage> {
    entry.status = 'queued';
    entry.error = undefined;
    entry.promise = new Promise((resolve, reject) => Object.assign(entry, { resolve, reject }));
    this.#transmit(entry);
    this.#outboxChanged();
    return entry.promise;
  }

  #transmit(entry: Pending): void {
    if (this.#state !== 'connected') return;
    entry.status = 'sending';
    this.#send({ action: 'sendMessage', message: entry.message, clientMessageId: entry.clientMessageId });
  }

  #find(clientMessageId: string | undefined): Pending | undefined {
    return this.#outbox.find((e) => e.clientMessageId === clientMessageId);
  }

  /** Resolves (and removes) an entry, or rejects it: it stays as `failed` unless `remove`. */
  #settle(entry: Pending | undefined, message?: ChatMessage, error?: ChatError, remove = !error): void {
    if (!entry) return;
    if (message) entry.resolve(message);
    else entry.reject(error!);
    if (remove) this.#outbox.splice(this.#outbox.indexOf(entry), 1);
    else Object.assign(entry, { status: 'failed', error });
    this.#outboxChanged();
  }

  #failPending(error: ChatError, clear = false): void {
    for (const entry of [...this.#outbox])
      if (clear || entry.status !== 'failed') this.#settle(entry, undefined, error, clear);
    for (const request of this.#queue) request.reject?.(error);
    this.#queue = [];
  }
}
