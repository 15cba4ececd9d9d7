import { backoffDelay } from './backoff.js';
import { Connection } from './connection.js';
import type { ChatState, DisconnectCode, RetryState } from './connection-state.js';
import { ChatAuthError, ChatDisconnectedError, ChatError, validOrThrow } from './errors.js';
import { HistoryRequests } from './history.js';
import { Identity } from './identity.js';
import { readOptions, type Settings } from './options.js';
import { Outbox } from './outbox.js';
import { NamedTimers, type EnvironmentEvent } from './platform.js';
import { CloseCode } from './protocol/codes.js';
import type { ChatMessage, ClientFrame } from './protocol/frames.js';
import { normalizeMessageText, validateMessageText, validateUsername } from './protocol/values.js';
import { Room, type RoomOptions } from './room.js';
import { TypedEventTarget } from './typed-event-target.js';
import type { ChatClientEventMap, ChatClientOptions, OutboxEntry, StateChangeDetail, TokenSource } from './types.js';

/** How long `setUser()` waits for the old socket's close before going on. */
const CLOSE_WAIT_MS = 2000;

type StateInfo = Omit<StateChangeDetail, 'state' | 'previous' | 'attempt'>;
type TimerName = 'uptime' | 'rotate' | 'ping' | 'retry' | 'close';

/**
 * A chat-room connection: the state machine (one `setState`), reconnect with backoff, heartbeat and rotation.
 * The socket (connection.ts), the identity (identity.ts), the room's messages (room.ts), history requests
 * (history.ts) and the outbox (outbox.ts) hang off it. Rotation before API Gateway's 2-hour limit and a close
 * 1001 are close-then-reopen without spending an attempt; the gap-fill and the outbox resend make them lossless.
 */
export class ChatClient extends TypedEventTarget<ChatClientEventMap> {
  readonly #settings: Settings;
  readonly #identity: Identity;
  #state: ChatState = 'idle';
  /** The `code` of the current state: a retry goes on under the code of the failure it retries. */
  #stateCode: DisconnectCode | undefined;
  /** Reconnect attempts failed in a row (reset after a connection stayed up `minUptime`). */
  #attempt = 0;
  #retryState: RetryState | undefined;
  #connection: Connection | undefined;
  readonly #timers: NamedTimers<TimerName>;
  #stopListening: (() => void) | undefined;
  readonly #history: HistoryRequests;
  readonly #outbox: Outbox;
  readonly #room: Room;

  constructor(options: ChatClientOptions) {
    super();
    const settings = (this.#settings = readOptions(options));
    const identity = (this.#identity = new Identity(options));
    this.#timers = new NamedTimers(settings.timers);
    const send = (frame: ClientFrame) => this.#sendFrame(frame);
    const emit: RoomOptions['emit'] = (type, detail) => this._emit(type, detail);
    this.#history = new HistoryRequests({
      pageSize: settings.pageSize,
      gapOverlap: settings.gapOverlap,
      send,
      pageReceived: (detail) => emit('history', detail),
    });
    this.#outbox = new Outbox({
      limit: settings.outboxLimit,
      transmit: ({ message, clientMessageId }) => send({ action: 'sendMessage', message, clientMessageId }),
      changed: (entries) => emit('outboxchange', entries),
    });
    this.#room = new Room({
      roomId: settings.room,
      outbox: this.#outbox,
      history: this.#history,
      sender: () => ({ username: identity.username ?? '', userId: identity.userId }),
      emit,
    });
  }

  get state(): ChatState {
    return this.#state;
  }
  get room(): string {
    return this.#settings.room;
  }
  /** The guest username, or the `name` claim of the token (decoded unverified, for display only). */
  get username(): string | undefined {
    return this.#identity.username;
  }
  /**
   * Token mode: the `sub` claim of the token (decoded unverified), which the server puts in each message's
   * `userId`: compare the two to tell your own messages. Undefined for guests (compare `username`).
   */
  get userId(): string | undefined {
    return this.#identity.userId;
  }
  /** The room's messages, time-ordered and de-duplicated by `messageId` (a live, read-only view). */
  get messages(): readonly ChatMessage[] {
    return this.#room.messages;
  }
  /** Whether `loadOlder()` may find older messages. */
  get hasMoreHistory(): boolean {
    return this.#history.hasOlder;
  }
  /** Messages not yet acknowledged by the server (copies, without the promise plumbing). */
  get outbox(): readonly OutboxEntry[] {
    return this.#outbox.entries;
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
    this.#closeSocket();
    this.#stopListening?.();
    this.#stopListening = undefined;
    this.#stop('disconnected', new ChatDisconnectedError('CLIENT_CLOSED', 'disconnect()'), true);
  }

  /** Changes identity: closes the old socket (and waits for it), keeps the history, reconnects unless idle. */
  async setUser(user: { username: string } | { token: TokenSource }): Promise<void> {
    const next = 'token' in user ? { token: user.token } : { username: validOrThrow(validateUsername(user.username)) };
    const closed = this.#closeSocket();
    if (closed) {
      await new Promise<void>((done) => {
        void closed.then(done);
        this.#timers.start('close', CLOSE_WAIT_MS, done);
      });
    }
    this.#identity.set(next);
    if (this.#state !== 'idle') {
      this.#attempt = 0;
      void this.#open('USER_CHANGED');
    }
  }

  /** Sends `text`; resolves with the stored message on the server's ack. Queued while not connected. */
  async send(text: string): Promise<ChatMessage> {
    return this.#outbox.add(
      validOrThrow(validateMessageText(typeof text === 'string' ? normalizeMessageText(text) : text)),
    );
  }

  /** Sends a `failed` outbox entry again (same `clientMessageId`). */
  async retry(clientMessageId: string): Promise<ChatMessage> {
    return this.#outbox.retry(clientMessageId);
  }

  /** Removes an outbox entry; a still-pending send rejects with `DISCARDED`. */
  discard(clientMessageId: string): void {
    this.#outbox.discard(clientMessageId);
  }

  /** Loads the previous page of history; resolves false when there is nothing older. */
  loadOlder(): Promise<boolean> {
    return this.#history.loadOlder();
  }

  /**
   * The one place the state changes. A transition to the state the client is already in is emitted too, on
   * purpose: it is a new step of that state with its own detail. `reconnecting` → `reconnecting` is the next
   * attempt (a new socket, or a new `retryAt` and `attempt` after a failure); `connecting` → `connecting` a
   * socket replacing one still opening; `disconnected` / `error` again a repeated stop, which also fails the
   * work queued since. A listener that cares only about the state compares `state` with `previous`.
   */
  #setState(state: ChatState, info: StateInfo = {}): void {
    const previous = this.#state;
    this.#state = state;
    this.#stateCode = info.code;
    this._emit('statechange', { state, previous, attempt: this.#attempt, ...info });
  }

  /**
   * Detaches and closes the current socket (its events no longer reach the client; see Connection.close), stops
   * every timer and ends the retry loop's wait; a history request it was awaiting is handed back to be sent again.
   */
  #closeSocket(): Promise<void> | undefined {
    const connection = this.#connection;
    this.#connection = this.#retryState = undefined;
    this.#timers.clearAll();
    this.#history.socketClosed();
    return connection?.close();
  }

  async #open(code?: DisconnectCode): Promise<void> {
    this.#closeSocket();
    this.#stopListening ??= this.#settings.environment.subscribe((event) => this.#onEnvironment(event));
    const retrying = this.#state === 'connected' || this.#state === 'reconnecting';
    this.#setState(retrying ? 'reconnecting' : 'connecting', {
      code: code ?? (retrying ? this.#stateCode : undefined),
    });
    const connection = (this.#connection = new Connection());
    let freshToken: string | undefined;
    if (this.#identity.tokenProvider) {
      const fetched = await this.#identity.fetchToken().catch((error: ChatAuthError) => error);
      // Replaced or closed while the provider was asked: that token is for a socket no longer wanted.
      if (this.#connection !== connection) return;
      if (fetched instanceof ChatAuthError) return this.#fail(fetched);
      freshToken = fetched;
    }
    const user = this.#identity.queryParameter(freshToken);
    if (!user) return this.#fail(new ChatAuthError('INVALID_OPTIONS', 'username or token needed'));
    try {
      connection.open(this.#settings.WebSocket, this.#settings.urlWithRoom + user, {
        opened: () => this.#onOpen(connection),
        received: (data) => this.#room.receive(data),
        closed: (code, reason) => this.#onClose(connection, code, reason),
      });
    } catch (cause) {
      this.#fail(new ChatError('INVALID_OPTIONS', `${cause}`, { cause }));
    }
  }

  #onOpen(connection: Connection): void {
    const { minUptime, maxConnectionMs, heartbeatInterval } = this.#settings;
    this.#setState('connected');
    this.#timers.start('uptime', minUptime, () => {
      this.#attempt = 0;
      connection.stayedUp = true;
    });
    this.#timers.start('rotate', maxConnectionMs, () => this.#open('ROTATING'));
    const ping = () =>
      this.#timers.start('ping', heartbeatInterval, () => {
        this.#sendFrame({ action: 'ping' });
        ping();
      });
    ping();
    this.#history.opened(this.#room.messages);
    this.#outbox.resend();
  }

  #onClose({ refusedStatus, stayedUp }: Connection, code: number, reason: string): void {
    this.#closeSocket();
    if (refusedStatus || code === CloseCode.UNAUTHORIZED || code === CloseCode.FORBIDDEN) {
      return this.#fail(new ChatAuthError('AUTH_REFUSED', refusedStatus ? `HTTP ${refusedStatus}` : reason));
    }
    const { reconnectInterval, jitter, maxReconnectAttempts, random } = this.#settings;
    if (code === CloseCode.GOING_AWAY && stayedUp) {
      // Close 1001 (idle or 2-hour limit, a restarting server) reconnects without spending an attempt,
      // spread over jitter × interval so that every client of a restarting server does not come back in
      // the same instant (jitter 0: at once). Right after opening it counts as a failure (no tight loop).
      const delay = Math.round(jitter * reconnectInterval * random());
      if (!delay) return void this.#open('SERVER_GOING_AWAY');
      return this.#scheduleRetry(delay, { code: 'SERVER_GOING_AWAY', reason });
    }
    if (!this.#settings.environment.isOnline()) return this.#waitForNetwork();
    if (this.#attempt >= maxReconnectAttempts) {
      this.#retryState = 'given-up';
      return this.#stop('disconnected', new ChatDisconnectedError('GAVE_UP', 'gave up'));
    }
    this.#attempt++;
    const delay = backoffDelay(this.#attempt, { interval: reconnectInterval, jitter, random });
    this.#scheduleRetry(delay, { code: 'NETWORK', reason });
  }

  #scheduleRetry(delay: number, { code, reason }: { code: DisconnectCode; reason: string }): void {
    this.#retryState = 'scheduled';
    this.#timers.start('retry', delay, () => this.#open(code));
    this.#setState('reconnecting', { code, reason, retryAt: this.#settings.timers.now() + delay });
  }

  #waitForNetwork(): void {
    this.#retryState = 'waiting-for-network';
    this.#setState('reconnecting', { code: 'OFFLINE', reason: 'offline' });
  }

  #onEnvironment(event: EnvironmentEvent): void {
    const retry = this.#retryState;
    if (event === 'offline') {
      if (retry === 'scheduled') {
        this.#closeSocket();
        this.#waitForNetwork();
      }
    } else if (event === 'online' || event === 'visible') {
      if (retry === 'given-up') this.reconnect();
      else if (retry) void this.#open(); // scheduled or waiting for the network: now, attempt unchanged
    }
  }

  /** Ends in `error`: no retry until `connect()`, `reconnect()` or `setUser()`. */
  #fail(error: ChatError): void {
    this.#closeSocket();
    this.#stop('error', error);
  }

  /** Enters `disconnected` or `error` (the socket already closed) with the error's code; fails what was pending. */
  #stop(state: 'disconnected' | 'error', error: ChatError, clearOutbox = false): void {
    this.#setState(state, { code: error.code as DisconnectCode, reason: error.message });
    if (state === 'error') this._emit('error', error);
    this.#outbox.failAll(error, clearOutbox);
    this.#history.failAll(error);
  }

  /** Sends `frame` on the open socket; false (nothing sent) unless connected. */
  #sendFrame(frame: ClientFrame): boolean {
    return this.#state === 'connected' && !!this.#connection?.send(frame);
  }
}
