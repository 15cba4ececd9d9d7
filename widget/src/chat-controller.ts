import type { ChatMessage } from '@chat-room/client-sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { toSocketUrl } from './socket-url.js';
import type { ChatClientLike, ClientOptions, ConnectionState, StateChangeDetail } from './client-types.js';

/** What the controller reads from its host element. */
export interface ChatControllerHost extends ReactiveControllerHost {
  url?: string | undefined;
  room?: string | undefined;
  username?: string | undefined;
  token?: string | undefined;
  client?: ChatClientLike | undefined;
  readonly hasUpdated: boolean;
}

export interface ChatControllerCallbacks {
  onState?(detail: StateChangeDetail): void;
  onMessage?(message: ChatMessage): void;
  onError?(detail: { code: string; message: string; clientMessageId?: string }): void;
}

export type ClientFactory = (options: ClientOptions) => ChatClientLike;

const CLIENT_EVENTS = ['statechange', 'message', 'history', 'ack', 'error', 'outboxchange'] as const;

/**
 * Owns the element's `ChatClient`: creates it from url/room/username/token (unless a `client` is
 * injected), connects while the host is attached, disconnects when it is detached, re-creates it when
 * url/room change and calls `setUser` when username/token change, and re-renders the host on every client
 * event. The element itself never touches a socket.
 */
export class ChatController implements ReactiveController {
  _client: ChatClientLike | undefined;
  /** The latest `statechange` detail (retry time, attempt, code and reason). */
  _status: StateChangeDetail | undefined;
  /** Why no client could be created from the attributes, or ''. */
  _configError = '';
  private _owned = false;
  private _attached = false;
  private _listening = false;
  private _endpointKey = '';
  private _identityKey = '';
  private _pendingDisconnect = false;
  /** The client was disconnected because the host was detached: re-attaching connects it again. */
  private _closedOnDetach = false;
  private _ticker: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly _host: ChatControllerHost,
    private readonly _factory: () => ClientFactory,
    private readonly _callbacks: ChatControllerCallbacks = {},
  ) {
    _host.addController(this);
  }

  get _state(): ConnectionState {
    return this._client?.state ?? (this._configError ? 'error' : 'idle');
  }

  /** True when nobody said who the user is: the widget asks for a name. */
  get _needsName(): boolean {
    const h = this._host;
    if (h.username || h.token) return false;
    if (this._client && !this._owned) return !this._client.username && this._client.state === 'idle';
    return true;
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
    this._stopTicker();
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
      const endpoint = JSON.stringify([h.url ?? '', h.room ?? '']);
      if (!h.url || this._needsName) {
        if (this._owned) this._use(undefined, false);
        this._configError = '';
        this._endpointKey = '';
      } else if (!this._owned || endpoint !== this._endpointKey || (!this._client && !this._configError)) {
        const options: ClientOptions = { url: toSocketUrl(h.url, document.baseURI) };
        if (h.room) options.room = h.room;
        if (h.token) options.token = h.token;
        else if (h.username) options.username = h.username;
        let created: ChatClientLike | undefined;
        try {
          created = this._factory()(options);
          this._configError = '';
        } catch (error) {
          // Bad options (e.g. a url that is not ws:// or wss://): shown as the status, never thrown.
          this._configError = error instanceof Error ? error.message : String(error);
        }
        this._use(created, true);
        this._endpointKey = endpoint;
        this._identityKey = this._identity();
      } else if (this._client && this._identity() !== this._identityKey) {
        this._identityKey = this._identity();
        void Promise.resolve(this._client.setUser(h.token ? { token: h.token } : { username: h.username ?? '' })).catch(() => {});
      }
    }
    const client = this._client;
    if (!client) return;
    this._listen(true);
    if ((client.state === 'idle' || this._closedOnDetach) && !this._needsName) client.connect();
    this._closedOnDetach = false;
    this._updateTicker();
  }

  /** Called by the name prompt. */
  _setUsername(name: string): void {
    const client = this._client;
    if (client && !this._owned) {
      void Promise.resolve(client.setUser({ username: name }))
        .then(() => {
          if (client.state === 'idle') client.connect();
        })
        .catch(() => {});
    }
    this._host.username = name;
    this._host.requestUpdate();
  }

  private _identity(): string {
    return JSON.stringify([this._host.username ?? '', this._host.token ?? '']);
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

  private _listen(on: boolean): void {
    if (!this._client || on === this._listening) return;
    this._listening = on;
    for (const type of CLIENT_EVENTS) {
      if (on) this._client.addEventListener(type, this);
      else this._client.removeEventListener(type, this);
    }
  }

  /** EventListener interface: one object handles every client event. */
  handleEvent(event: Event): void {
    const detail = (event as CustomEvent).detail as unknown;
    switch (event.type) {
      case 'statechange':
        this._status = detail as StateChangeDetail;
        this._updateTicker();
        this._callbacks.onState?.(detail as StateChangeDetail);
        break;
      case 'message':
        this._callbacks.onMessage?.(messageOf(detail));
        break;
      case 'error': {
        const d = (detail ?? {}) as Record<string, unknown>;
        const error: { code: string; message: string; clientMessageId?: string } = {
          code: String(d['code'] ?? 'INTERNAL'),
          message: String(d['message'] ?? d['reason'] ?? ''),
        };
        if (typeof d['clientMessageId'] === 'string') error.clientMessageId = d['clientMessageId'];
        this._callbacks.onError?.(error);
        break;
      }
    }
    this._host.requestUpdate();
  }

  /** While reconnecting, re-render every second so the countdown ticks. */
  private _updateTicker(): void {
    if (this._attached && this._client?.state === 'reconnecting') {
      this._ticker ??= setInterval(() => this._host.requestUpdate(), 1000);
    } else {
      this._stopTicker();
    }
  }

  private _stopTicker(): void {
    if (this._ticker !== undefined) clearInterval(this._ticker);
    this._ticker = undefined;
  }
}

/** A `message` event's detail is the message, or `{ message }` wrapping it. */
function messageOf(detail: unknown): ChatMessage {
  const d = detail as { message?: unknown };
  return (typeof d.message === 'object' && d.message !== null ? d.message : detail) as ChatMessage;
}
