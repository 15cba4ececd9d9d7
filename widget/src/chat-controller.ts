import type { ChatMessage, TokenSource } from '@chat-room/client-sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { toSocketUrl } from './socket-url.js';
import type { ChatClientLike, ClientOptions, ConnectionState, StateChangeDetail } from './client-types.js';
import { emit } from './events.js';

/** What the controller reads from its host element, and tells it. */
export interface ChatControllerHost extends ReactiveControllerHost, EventTarget {
  url?: string | undefined;
  room?: string | undefined;
  username?: string | undefined;
  token?: TokenSource | undefined;
  client?: ChatClientLike | undefined;
  readonly hasUpdated: boolean;
  /** A new message arrived (not history). */
  _onMessage(message: ChatMessage): void;
}

export type ClientFactory = (options: ClientOptions) => ChatClientLike;

const CLIENT_EVENTS = ['statechange', 'message', 'history', 'ack', 'error', 'outboxchange'] as const;

/**
 * Owns the element's `ChatClient`: creates it from url/room/username/token (a string or a provider) unless a
 * `client` is injected, connects while the host is attached, disconnects when it is detached, re-creates it when
 * url/room change and calls `setUser` when username/token change, and re-renders the host on every client
 * event. It dispatches `chat-status` and `chat-error` on the host. The element itself never touches a socket.
 */
export class ChatController implements ReactiveController {
  _client: ChatClientLike | undefined;
  /** The latest `statechange` detail (retry time, attempt, code and reason). */
  _status: StateChangeDetail | undefined;
  /** Why no client could be created from the attributes, if that is the case. */
  declare _configError?: string;
  // Unset until first written: undefined reads as false/'' here (and keeps the embed smaller).
  declare private _owned?: boolean;
  declare private _attached?: boolean;
  declare private _endpointKey?: string;
  /** The username and token (string or provider) the owned client was given. */
  declare private _identity?: unknown[];
  declare private _pendingDisconnect?: boolean;
  /** The client was disconnected because the host was detached: re-attaching connects it again. */
  declare private _closedOnDetach?: boolean;
  declare private _ticker?: ReturnType<typeof setInterval>;

  constructor(private readonly _host: ChatControllerHost) {
    _host.addController(this);
  }

  get _state(): ConnectionState {
    return this._client?.state ?? (this._configError ? 'error' : 'idle');
  }

  /** True when nobody said who the user is: the widget asks for a name. */
  get _needsName(): boolean {
    const h = this._host;
    const client = this._client;
    return !(h.username || h.token || (client && !this._owned && (client.username || client.state !== 'idle')));
  }

  hostConnected(): void {
    this._attached = true;
    // Properties set before the element upgraded are restored in its first update: sync there.
    if (this._host.hasUpdated) {
      this._pendingDisconnect = false;
      this._sync();
      this._host.requestUpdate();
    }
  }

  hostUpdate(): void {
    if (this._attached) this._sync();
  }

  hostDisconnected(): void {
    this._attached = false;
    this._tick();
    // Deferred, so moving the element within the page (detach + attach in one task) keeps the connection.
    this._pendingDisconnect = true;
    queueMicrotask(() => {
      if (!this._pendingDisconnect || this._attached) return;
      this._pendingDisconnect = false;
      this._listen(false);
      if (this._client) {
        this._client.disconnect();
        this._closedOnDetach = true;
      }
    });
  }

  /** Brings the client in line with the host's configuration. Idempotent. */
  _sync(): void {
    const h = this._host;
    if (h.client) {
      if (this._client !== h.client) this._use(h.client, false);
      this._configError = '';
    } else {
      // join() writes undefined as ''; neither holds a line break.
      const endpoint = [h.url, h.room].join('\n');
      // Compared item by item: a new token provider is a new identity even when its source text is the same.
      const identity = [h.username || '', h.token || ''];
      if (!h.url || this._needsName) {
        if (this._owned) this._use(undefined, false);
        this._configError = this._endpointKey = '';
      } else if (!this._owned || endpoint !== this._endpointKey || (!this._client && !this._configError)) {
        const options: ClientOptions = { url: toSocketUrl(h.url, document.baseURI) };
        if (h.room) options.room = h.room;
        if (h.token) options.token = h.token;
        else if (h.username) options.username = h.username;
        let created: ChatClientLike | undefined;
        this._configError = '';
        try {
          // The host's class decides how clients are made (its static clientFactory, read at creation).
          created = (h.constructor as unknown as { clientFactory: ClientFactory }).clientFactory(options);
        } catch (error) {
          // Bad options (e.g. a url that is not ws:// or wss://): shown as the status, never thrown.
          this._configError = error instanceof Error ? error.message : String(error);
        }
        this._use(created, true);
        this._endpointKey = endpoint;
        this._identity = identity;
      } else if (this._client && identity.some((v, i) => v !== this._identity![i])) {
        this._identity = identity;
        this._setUser(this._client, h.token ? { token: h.token } : { username: h.username ?? '' });
      }
    }
    const client = this._client;
    if (!client) return;
    this._listen(true);
    if ((client.state === 'idle' || this._closedOnDetach) && !this._needsName) client.connect();
    this._closedOnDetach = false;
    this._tick();
  }

  /** Called by the name prompt. */
  _setUsername(name: string): void {
    const client = this._client;
    if (client && !this._owned) this._setUser(client, { username: name }, true);
    this._host.username = name;
    this._host.requestUpdate();
  }

  private _setUser(
    client: ChatClientLike,
    user: { username: string } | { token: TokenSource },
    connect?: boolean,
  ): void {
    void Promise.resolve(client.setUser(user))
      .then(() => {
        if (connect && client.state === 'idle') client.connect();
      })
      .catch(() => {});
  }

  private _use(client: ChatClientLike | undefined, owned: boolean): void {
    const old = this._client;
    if (old) {
      this._listen(false);
      if (this._owned) old.disconnect();
    }
    this._client = client;
    this._owned = owned;
    this._status = undefined;
    this._host.requestUpdate();
  }

  /** Adding or removing the same listener twice is a no-op, so this is idempotent. */
  private _listen(on: boolean): void {
    for (const type of CLIENT_EVENTS) this._client?.[on ? 'addEventListener' : 'removeEventListener'](type, this);
  }

  /** EventListener interface: one object handles every client event. */
  handleEvent({ type, detail }: CustomEvent): void {
    const h = this._host;
    if (type === 'statechange') {
      this._status = detail as StateChangeDetail;
      this._tick();
      emit(h, 'chat-status', detail);
    } else if (type === 'message') {
      // The detail is the message, or `{ message }` wrapping it.
      h._onMessage(typeof detail?.message === 'object' && detail.message ? detail.message : detail);
    } else if (type === 'error') {
      const d = detail ?? {};
      const error: { code: string; message: string; clientMessageId?: string } = {
        code: String(d.code ?? 'INTERNAL'),
        message: String(d.message ?? d.reason ?? ''),
      };
      if (typeof d.clientMessageId === 'string') error.clientMessageId = d.clientMessageId;
      emit(h, 'chat-error', error);
    }
    h.requestUpdate();
  }

  /** While reconnecting (and attached), re-render every second so the countdown ticks. */
  private _tick(): void {
    if (this._attached && this._client?.state === 'reconnecting') {
      this._ticker ??= setInterval(() => this._host.requestUpdate(), 1000);
    } else {
      clearInterval(this._ticker);
      this._ticker = undefined;
    }
  }
}
