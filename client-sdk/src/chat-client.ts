import {
  CloseCode,
  DEFAULT_ROOM,
  ErrorCode,
  HISTORY_MAX_LIMIT,
  MAX_CONNECTION_MS,
  normalizeMessageText,
  parseServerFrame,
  validateHistoryLimit,
  validateMessageText,
  validateRoomId,
  validateUsername,
  type ChatMessage,
  type ClientFrame,
  type GetHistoryFrame,
  type ServerFrame,
} from './protocol/index.js';
import { backoffDelay } from './backoff.js';
import type { ChatState, DisconnectCode } from './codes.js';
import { ChatAuthError, ChatDisconnectedError, ChatError, ChatOutboxFullError, ChatServerError, ChatValidationError } from './errors.js';
import { insertMessage } from './message-list.js';
import { platformEnvironment, systemTimers, type EnvironmentEvent, type WebSocketLike } from './platform.js';
import { randomId, tokenName } from './token.js';
import { TypedEventTarget } from './typed-event-target.js';
import type { ChatClientEventMap, ChatClientOptions, HistoryKind, OutboxEntry, StateChangeDetail, TokenSource } from './types.js';

type Settings = Required<Omit<ChatClientOptions, 'url' | 'room' | 'username' | 'token'>>;
type Pending = OutboxEntry & { resolve(m: ChatMessage): void; reject(e: ChatError): void; promise: Promise<ChatMessage> };
type HistoryRequest = { frame: GetHistoryFrame; kind: HistoryKind; resolve?(more: boolean): void; reject?(e: Error): void };
type StateInfo = Omit<StateChangeDetail, 'state' | 'previous' | 'attempt'>;

const enc = encodeURIComponent;
const OPEN = 1;

function check<T>(result: { ok: true; value: T } | { ok: false; code: ErrorCode; reason: string }): T {
  if (!result.ok) throw new ChatValidationError(result.code, result.reason);
  return result.value;
}

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
  private _o: Settings;
  private _url: string;
  private _room: string;
  private _name: string | undefined;
  private _token: TokenSource | undefined;
  private _lastToken: string | undefined;
  private _state: ChatState = 'idle';
  private _code: StateInfo['code'];
  private _attempt = 0;
  private _ws: WebSocketLike | null = null;
  private _gen = 0;
  private _openedAt = 0;
  private _timers = new Map<string, unknown>();
  private _unsubscribe: (() => void) | null = null;
  private _list: ChatMessage[] = [];
  private _loaded = false;
  private _hasMore = false;
  private _cursor: string | undefined;
  private _queue: HistoryRequest[] = [];
  private _inflight: HistoryRequest | null = null;
  private _older: Promise<boolean> | null = null;
  private _outbox: Pending[] = [];

  constructor(options: ChatClientOptions) {
    super();
    const WS = options.WebSocket ?? (globalThis as { WebSocket?: Settings['WebSocket'] }).WebSocket;
    if (!WS) {
      throw new ChatError('INVALID_OPTIONS', 'No WebSocket here: pass options.WebSocket (e.g. from "ws")');
    }
    if (typeof options.url !== 'string' || !options.url) throw new ChatError('INVALID_OPTIONS', 'options.url must be a ws(s):// URL');
    this._url = options.url;
    this._room = check(validateRoomId(options.room ?? DEFAULT_ROOM));
    if (options.historyLimit !== undefined) check(validateHistoryLimit(options.historyLimit));
    this._setIdentity(options);
    this._o = {
      reconnectInterval: 3000,
      maxReconnectAttempts: 5,
      jitter: 0.2,
      historyLimit: 50,
      heartbeatInterval: 540_000,
      maxConnectionMs: MAX_CONNECTION_MS - 300_000,
      minUptime: 10_000,
      outboxLimit: 100,
      timers: systemTimers,
      environment: platformEnvironment(),
      random: Math.random,
      ...(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<Settings>),
      WebSocket: WS,
    };
  }

  get state(): ChatState {
    return this._state;
  }
  get room(): string {
    return this._room;
  }
  /** The guest username, or the `name` claim of the token (decoded unverified, for display only). */
  get username(): string | undefined {
    return this._token ? tokenName(this._lastToken ?? (typeof this._token === 'string' ? this._token : '')) : this._name;
  }
  /** The room's messages, time-ordered and de-duplicated by `messageId` (a live, read-only view). */
  get messages(): readonly ChatMessage[] {
    return this._list;
  }
  /** Whether `loadOlder()` may find older messages. */
  get hasMoreHistory(): boolean {
    return this._hasMore;
  }
  /** Messages not yet acknowledged by the server. */
  get outbox(): readonly OutboxEntry[] {
    return this._outbox.map(({ clientMessageId, message, status, error }) => ({ clientMessageId, message, status, error }));
  }

  /** Connects (from `idle`, `disconnected` or `error`); does nothing while connecting or connected. */
  connect(): void {
    if (this._state === 'idle' || this._state === 'disconnected' || this._state === 'error') this.reconnect();
  }

  /** Resets the attempt counter and connects now, replacing any socket. */
  reconnect(): void {
    this._attempt = 0;
    this._drop();
    void this._open();
  }

  /** Stops for good: closes the socket, rejects and clears the outbox, keeps the messages. */
  disconnect(): void {
    this._drop();
    this._unsubscribe?.();
    this._unsubscribe = null;
    this._setState('disconnected', { code: 'CLIENT_CLOSED', reason: 'disconnect()' });
    this._failPending(new ChatDisconnectedError('CLIENT_CLOSED', 'disconnected'), true);
  }

  /** Changes identity: closes the old socket (and waits for it), keeps the history, reconnects unless idle. */
  async setUser(user: { username: string } | { token: TokenSource }): Promise<void> {
    const next = 'token' in user ? { token: user.token } : { username: check(validateUsername(user.username)) };
    const ws = this._ws;
    this._drop();
    if (ws) {
      await new Promise<void>((done) => {
        ws.onclose = () => done();
        this._after('close', 2000, done);
      });
    }
    this._setIdentity(next);
    if (this._state !== 'idle') {
      this._attempt = 0;
      void this._open('USER_CHANGED');
    }
  }

  /** Sends `text`; resolves with the stored message on the server's ack. Queued while not connected. */
  send(text: string): Promise<ChatMessage> {
    try {
      const message = check(validateMessageText(typeof text === 'string' ? normalizeMessageText(text) : text));
      if (this._outbox.length >= this._o.outboxLimit) {
        throw new ChatOutboxFullError('OUTBOX_FULL', `outbox full (${this._o.outboxLimit})`);
      }
      // Frames stay under MAX_FRAME_BYTES by construction: ≤ 2000 code points (≤ 4 UTF-8 bytes each, no
      // control characters to escape) + a ≤ 64-character id is under 8.2 KB of JSON.
      const entry = { clientMessageId: randomId(), message } as Pending;
      this._outbox.push(entry);
      return this._queueEntry(entry);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Sends a `failed` outbox entry again (same `clientMessageId`). */
  retry(clientMessageId: string): Promise<ChatMessage> {
    const entry = this._find(clientMessageId);
    if (!entry) return Promise.reject(new ChatError('NOT_FOUND', clientMessageId));
    return entry.status === 'failed' ? this._queueEntry(entry) : entry.promise;
  }

  /** Removes an outbox entry; a still-pending send rejects with `DISCARDED`. */
  discard(clientMessageId: string): void {
    const entry = this._find(clientMessageId);
    if (entry) this._settle(entry, undefined, new ChatError('DISCARDED', 'discarded'));
  }

  /** Loads the previous page of history; resolves false when there is nothing older. */
  loadOlder(): Promise<boolean> {
    if (!this._hasMore || !this._cursor) return Promise.resolve(false);
    return (this._older ??= new Promise<boolean>((resolve, reject) => {
      this._request({ frame: { action: 'getHistory', before: this._cursor, limit: this._o.historyLimit }, kind: 'older', resolve, reject });
    }).finally(() => (this._older = null)));
  }

  // ---- state and connection ----------------------------------------------------------------------

  private _setState(state: ChatState, info: StateInfo = {}): void {
    const previous = this._state;
    this._state = state;
    this._code = info.code;
    this._emit('statechange', { state, previous, attempt: this._attempt, ...info });
  }

  private _setIdentity(user: { username?: string; token?: TokenSource }): void {
    this._token = user.token;
    this._lastToken = undefined;
    this._name = user.username === undefined ? undefined : check(validateUsername(user.username));
  }

  private _after(name: string, ms: number, fn: () => void): void {
    const t = this._o.timers;
    t.clearTimeout(this._timers.get(name));
    this._timers.set(name, t.setTimeout(fn, ms));
  }

  /** Detaches and closes the current socket (its events no longer reach the client) and stops timers. */
  private _drop(code: number = CloseCode.NORMAL, reason = ''): void {
    const ws = this._ws;
    this._ws = null;
    this._gen++;
    for (const handle of this._timers.values()) this._o.timers.clearTimeout(handle);
    this._timers.clear();
    if (this._inflight?.kind === 'older') this._queue.unshift(this._inflight);
    this._inflight = null;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = null;
      ws.onerror = () => {}; // `ws` throws on an unhandled 'error'
      try {
        ws.close(code, reason);
      } catch {
        // already closed
      }
    }
  }

  private async _open(code?: DisconnectCode): Promise<void> {
    this._drop();
    if (!this._unsubscribe) this._unsubscribe = this._o.environment.subscribe((e) => this._onEnvironment(e));
    const retrying = this._state === 'connected' || this._state === 'reconnecting';
    this._setState(retrying ? 'reconnecting' : 'connecting', { code: code ?? (retrying ? this._code : undefined) });
    const gen = this._gen;
    let token = this._token;
    if (typeof token === 'function') {
      try {
        token = await token();
        if (typeof token !== 'string' || !token) throw new TypeError('no token');
      } catch (cause) {
        if (gen === this._gen) this._fail(new ChatAuthError('TOKEN_FAILED', `token provider: ${cause}`, { cause }));
        return;
      }
      if (gen !== this._gen) return;
    }
    this._lastToken = token;
    const identity = token ? `token=${enc(token)}` : this._name ? `username=${enc(this._name)}` : '';
    if (!identity) return this._fail(new ChatAuthError('INVALID_OPTIONS', 'username or token needed'));
    let ws: WebSocketLike;
    try {
      ws = new this._o.WebSocket(`${this._url}${this._url.includes('?') ? '&' : '?'}room=${enc(this._room)}&${identity}`);
    } catch (cause) {
      return this._fail(new ChatError('INVALID_OPTIONS', `${cause}`, { cause }));
    }
    this._ws = ws;
    let refused = '';
    ws.onerror = (event: { message?: unknown }) => {
      refused ||= /response: (40[13])/.exec(String(event?.message))?.[1] ?? '';
    };
    ws.onopen = () => this._onOpen();
    ws.onmessage = (event: { data: unknown }) => this._onFrame(event.data);
    ws.onclose = (event: { code: number; reason?: string }) => this._onClose(event.code, event.reason || '', refused);
  }

  private _onOpen(): void {
    const o = this._o;
    this._openedAt = o.timers.now();
    this._setState('connected');
    this._after('uptime', o.minUptime, () => (this._attempt = 0));
    this._after('rotate', o.maxConnectionMs, () => this._open('ROTATING'));
    const ping = () => this._after('ping', o.heartbeatInterval, () => (this._sendFrame({ action: 'ping' }), ping()));
    ping();
    const newest = this._list[this._list.length - 1];
    this._queue = this._queue.filter((r) => r.kind === 'older');
    this._queue.unshift(
      newest && this._loaded
        ? { frame: { action: 'getHistory', after: newest.messageId, limit: HISTORY_MAX_LIMIT }, kind: 'gap' }
        : { frame: { action: 'getHistory', limit: o.historyLimit }, kind: 'latest' },
    );
    this._pump();
    for (const entry of this._outbox) if (entry.status !== 'failed') this._transmit(entry);
    if (this._outbox.length) this._emit('outboxchange', this.outbox);
  }

  private _onClose(code: number, reason: string, refused: string): void {
    const uptime = this._state === 'connected' ? this._o.timers.now() - this._openedAt : -1;
    this._drop();
    if (refused || code === CloseCode.UNAUTHORIZED || code === CloseCode.FORBIDDEN) {
      return this._fail(new ChatAuthError('AUTH_REFUSED', refused ? `HTTP ${refused}` : reason || `close ${code}`));
    }
    // Close 1001 reconnects at once without spending an attempt, unless it came right after opening
    // (a server doing that every time must not cause a tight loop).
    if (code === CloseCode.GOING_AWAY && uptime >= this._o.minUptime) return void this._open('SERVER_GOING_AWAY');
    const o = this._o;
    if (!o.environment.isOnline()) return this._setState('reconnecting', { code: 'OFFLINE', reason: 'offline' });
    if (this._attempt >= o.maxReconnectAttempts) {
      this._setState('disconnected', { code: 'GAVE_UP', reason: 'gave up' });
      return this._failPending(new ChatDisconnectedError('GAVE_UP', 'gave up'));
    }
    const delay = backoffDelay(++this._attempt, { interval: o.reconnectInterval, jitter: o.jitter, random: o.random });
    this._setState('reconnecting', { code: 'NETWORK', reason: reason || `close ${code}`, retryAt: o.timers.now() + delay });
    this._after('retry', delay, () => this._open());
  }

  private _onEnvironment(event: EnvironmentEvent): void {
    const waiting = this._state === 'reconnecting' && !this._ws;
    if (event === 'offline' && this._timers.has('retry')) {
      this._drop();
      this._setState('reconnecting', { code: 'OFFLINE', reason: 'offline' });
    } else if (event === 'online' || event === 'visible') {
      if (waiting) void this._open();
      else if (this._code === 'GAVE_UP') this.reconnect();
    }
  }

  /** Ends in `error`: no retry until `connect()`, `reconnect()` or `setUser()`. */
  private _fail(error: ChatError): void {
    this._drop();
    this._setState('error', { code: error.code as DisconnectCode, reason: error.message });
    this._emit('error', error);
    this._failPending(error);
  }

  private _sendFrame(frame: ClientFrame): void {
    if (this._ws?.readyState === OPEN) this._ws.send(JSON.stringify(frame));
  }

  // ---- frames --------------------------------------------------------------------------------------

  private _onFrame(data: unknown): void {
    const parsed = parseServerFrame(data);
    if (!parsed.ok) return console.warn('[chat-room] invalid frame:', parsed.reason);
    const frame: ServerFrame = parsed.value;
    if (frame.type === 'message') {
      const { type, ...message } = frame;
      this._add(message);
      this._settleById(message.clientMessageId, message);
    } else if (frame.type === 'ack') {
      const entry = this._find(frame.clientMessageId);
      const { type, ...ack } = frame;
      this._emit('ack', ack);
      if (entry) {
        const message = { ...ack, roomId: this._room, username: this.username ?? '', message: entry.message };
        this._add(message);
        this._settle(entry, message);
      }
    } else if (frame.type === 'history') {
      const request = this._inflight;
      this._inflight = null;
      for (const m of frame.messages) insertMessage(this._list, m);
      const kind = request?.kind ?? 'latest';
      if (kind !== 'gap') {
        this._loaded = true;
        this._hasMore = frame.hasMore;
        this._cursor = frame.cursor ?? frame.messages[0]?.messageId;
      } else if (frame.hasMore && frame.messages.length) {
        this._queue.unshift({ frame: { action: 'getHistory', after: this._list[this._list.length - 1]!.messageId, limit: HISTORY_MAX_LIMIT }, kind });
      }
      this._emit('history', { kind, messages: frame.messages, hasMore: frame.hasMore });
      request?.resolve?.(frame.messages.length > 0);
      this._pump();
    } else if (frame.type === 'error') {
      const error = new ChatServerError(frame.code, frame.message);
      this._emit('error', error);
      if (frame.clientMessageId) this._settleById(frame.clientMessageId, undefined, error);
      else if (this._inflight) {
        // Replies carry no request id; an error without a clientMessageId answers the history request.
        this._inflight.reject?.(error);
        this._inflight = null;
        this._pump();
      }
    }
  }

  private _add(message: ChatMessage): void {
    if (insertMessage(this._list, message)) this._emit('message', message);
  }

  // ---- history ---------------------------------------------------------------------------------------

  private _request(request: HistoryRequest): void {
    this._queue.push(request);
    this._pump();
  }

  /** One history request in flight at a time: replies carry no request id. */
  private _pump(): void {
    if (this._inflight || this._state !== 'connected' || !this._queue.length) return;
    this._inflight = this._queue.shift()!;
    this._sendFrame(this._inflight.frame);
  }

  // ---- outbox ----------------------------------------------------------------------------------------

  private _queueEntry(entry: Pending): Promise<ChatMessage> {
    entry.status = 'queued';
    entry.error = undefined;
    entry.promise = new Promise((resolve, reject) => Object.assign(entry, { resolve, reject }));
    this._transmit(entry);
    this._emit('outboxchange', this.outbox);
    return entry.promise;
  }

  private _transmit(entry: Pending): void {
    if (this._state !== 'connected') return;
    entry.status = 'sending';
    this._sendFrame({ action: 'sendMessage', message: entry.message, clientMessageId: entry.clientMessageId });
  }

  private _find(clientMessageId: string | undefined): Pending | undefined {
    return this._outbox.find((e) => e.clientMessageId === clientMessageId);
  }

  private _settleById(clientMessageId: string | undefined, message?: ChatMessage, error?: ChatError): void {
    const entry = this._find(clientMessageId);
    if (entry) this._settle(entry, message, error);
  }

  /** Resolves (and removes) an entry, or rejects it: it stays as `failed` unless `remove`. */
  private _settle(entry: Pending, message?: ChatMessage, error?: ChatError, remove = !error || error.code === 'DISCARDED'): void {
    if (message) entry.resolve(message);
    else entry.reject(error!);
    if (remove) this._outbox.splice(this._outbox.indexOf(entry), 1);
    else Object.assign(entry, { status: 'failed', error });
    this._emit('outboxchange', this.outbox);
  }

  private _failPending(error: ChatError, clear = false): void {
    for (const entry of [...this._outbox]) if (clear || entry.status !== 'failed') this._settle(entry, undefined, error, clear);
    for (const request of this._queue) request.reject?.(error);
    this._queue = [];
  }
}
