import {
  ChatServerError,
  type ChatClientEventMap,
  type ChatError,
  type ChatState,
  type StateChangeDetail,
  type TokenSource,
} from '@chat-room/client-sdk';
import type { ChatMessage } from '@chat-room/client-sdk/protocol';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatClientLike, ClientOptions } from './client-types.js';
import { toSocketUrl } from './socket-url.js';

/** What the controller reads from its element: the element's public configuration, nothing else. */
export interface ChatControllerHost extends ReactiveControllerHost {
  readonly url?: string | undefined;
  readonly room?: string | undefined;
  readonly username?: string | undefined;
  readonly token?: TokenSource | undefined;
  /** An injected client, used as it is. */
  readonly client?: ChatClientLike | undefined;
  readonly hasUpdated: boolean;
}

/** How the controller tells its element what happened: callbacks given once, at construction. */
export interface ChatControllerCallbacks {
  /** Makes a client from the element's attributes (the element's `clientFactory`). May throw on bad options. */
  createClient(options: ClientOptions): ChatClientLike;
  /** A message new to the list (live, or the ack of the user's own send); never history. */
  onMessage(message: ChatMessage): void;
  /** The client's connection state changed. */
  onStatus(detail: StateChangeDetail): void;
  /** The client reported an error; `clientMessageId` when it is the reason one of the user's sends failed. */
  onError(error: ChatError, clientMessageId: string | undefined): void;
}

/** The controller's state as the element reads it to render: one read-only snapshot. */
export interface ChatView {
  /** The client in use: injected, or made from the attributes; none without a url or a name. */
  readonly client: ChatClientLike | undefined;
  /** The client's state; `error` when the attributes could not make a client, `idle` without one. */
  readonly state: ChatState;
  /** The latest `statechange` detail (retry time, attempt, code and reason) of this client. */
  readonly status: StateChangeDetail | undefined;
  /** Why no client could be made from the attributes, or ''. */
  readonly configError: string;
  /** Nobody said who the user is: the element asks for a name. */
  readonly needsName: boolean;
}

/** A client event, its `detail` typed by its `type`. */
type ClientEvent = {
  [K in keyof ChatClientEventMap]: CustomEvent<ChatClientEventMap[K]> & { readonly type: K };
}[keyof ChatClientEventMap];

/** Every event a client sends; each one re-renders the element. */
const CLIENT_EVENTS = [
  'statechange',
  'message',
  'history',
  'ack',
  'error',
  'outboxchange',
] as const satisfies readonly (keyof ChatClientEventMap)[];

/**
 * Owns the element's `ChatClient`: creates it from url/room/username/token (a string or a provider) unless a
 * `client` is injected, connects while the element is attached, disconnects when it is detached, re-creates it
 * when url/room change and calls `setUser` when username/token change, and re-renders the element on every
 * client event. The element reads `view` and hears back through the callbacks it passed in; the element
 * itself never touches a socket, and this controller never reaches into the element.
 */
export class ChatController implements ReactiveController {
  readonly #host: ChatControllerHost;
  readonly #callbacks: ChatControllerCallbacks;
  #client: ChatClientLike | undefined;
  /** The client was made here from the attributes (not injected): this controller closes it when done. */
  #owned = false;
  #status: StateChangeDetail | undefined;
  #configError = '';
  #attached = false;
  /** url and room of the owned client: a change makes a new client. */
  #endpoint = '';
  /** The username and token (string or provider) the owned client was given: a change calls `setUser`. */
  #identity: readonly unknown[] = [];
  /** Detached, and the disconnect waits a microtask in case the element is re-attached at once (a move). */
  #pendingDisconnect = false;
  /** The client was disconnected because the element was detached: re-attaching connects it again. */
  #closedOnDetach = false;
  /** Re-renders every second while reconnecting, so the countdown ticks. */
  #ticker: ReturnType<typeof setInterval> | undefined;
  /** One listener object for every client event: adding or removing it twice is a no-op. */
  readonly #listener = { handleEvent: (event: ClientEvent) => this.#onClientEvent(event) };

  constructor(host: ChatControllerHost, callbacks: ChatControllerCallbacks) {
    this.#host = host;
    this.#callbacks = callbacks;
    host.addController(this);
  }

  get view(): ChatView {
    const client = this.#client;
    return {
      client,
      state: client?.state ?? (this.#configError ? 'error' : 'idle'),
      status: this.#status,
      configError: this.#configError,
      needsName: this.#needsName,
    };
  }

  /** The name prompt's answer: an injected client switches to it (the element sets its own `username`). */
  useName(username: string): void {
    const client = this.#client;
    if (client && !this.#owned) this.#setUser(client, { username }, true);
  }

  hostConnected(): void {
    this.#attached = true;
    // Properties set before the element upgraded are restored in its first update: sync there.
    if (this.#host.hasUpdated) {
      this.#pendingDisconnect = false;
      this.#sync();
      this.#host.requestUpdate();
    }
  }

  hostUpdate(): void {
    if (this.#attached) this.#sync();
  }

  hostDisconnected(): void {
    this.#attached = false;
    this.#tick();
    // Deferred, so moving the element within the page (detach + attach in one task) keeps the connection.
    this.#pendingDisconnect = true;
    queueMicrotask(() => {
      if (!this.#pendingDisconnect || this.#attached) return;
      this.#pendingDisconnect = false;
      this.#listen(false);
      if (this.#client) {
        this.#client.disconnect();
        this.#closedOnDetach = true;
      }
    });
  }

  get #needsName(): boolean {
    const host = this.#host;
    const client = this.#client;
    return !(host.username || host.token || (client && !this.#owned && (client.username || client.state !== 'idle')));
  }

  /** Brings the client in line with the element's configuration. Idempotent. */
  #sync(): void {
    const host = this.#host;
    if (host.client) {
      if (this.#client !== host.client) this.#use(host.client, false);
      this.#configError = '';
    } else {
      // join() writes undefined as ''; neither holds a line break.
      const endpoint = [host.url, host.room].join('\n');
      // Compared item by item: a new token provider is a new identity even when its source text is the same.
      const identity = [host.username || '', host.token || ''];
      if (!host.url || this.#needsName) {
        if (this.#owned) this.#use(undefined, false);
        this.#configError = this.#endpoint = '';
      } else if (!this.#owned || endpoint !== this.#endpoint || (!this.#client && !this.#configError)) {
        this.#use(this.#create(host.url), true);
        this.#endpoint = endpoint;
        this.#identity = identity;
      } else if (this.#client && identity.some((value, i) => value !== this.#identity[i])) {
        this.#identity = identity;
        this.#setUser(this.#client, host.token ? { token: host.token } : { username: host.username ?? '' });
      }
    }
    const client = this.#client;
    if (!client) return;
    this.#listen(true);
    if ((client.state === 'idle' || this.#closedOnDetach) && !this.#needsName) client.connect();
    this.#closedOnDetach = false;
    this.#tick();
  }

  /** A client from the attributes, or none (and `configError` says why). */
  #create(url: string): ChatClientLike | undefined {
    const host = this.#host;
    const options: ClientOptions = { url: toSocketUrl(url, document.baseURI) };
    if (host.room) options.room = host.room;
    if (host.token) options.token = host.token;
    else if (host.username) options.username = host.username;
    this.#configError = '';
    try {
      return this.#callbacks.createClient(options);
    } catch (error) {
      // Bad options (e.g. a url that is not ws:// or wss://): shown as the status, never thrown.
      this.#configError = error instanceof Error ? error.message : String(error);
      return undefined;
    }
  }

  #setUser(client: ChatClientLike, user: { username: string } | { token: TokenSource }, connect = false): void {
    client
      .setUser(user)
      .then(() => {
        if (connect && client.state === 'idle') client.connect();
      })
      // A refused identity or a failing token provider shows as the client's `error` state.
      .catch(() => {});
  }

  #use(client: ChatClientLike | undefined, owned: boolean): void {
    const old = this.#client;
    if (old) {
      this.#listen(false);
      if (this.#owned) old.disconnect();
    }
    this.#client = client;
    this.#owned = owned;
    this.#status = undefined;
    this.#host.requestUpdate();
  }

  #listen(on: boolean): void {
    const client = this.#client;
    if (!client) return;
    for (const type of CLIENT_EVENTS) {
      if (on) client.addEventListener(type, this.#listener);
      else client.removeEventListener(type, this.#listener);
    }
  }

  #onClientEvent(event: ClientEvent): void {
    const callbacks = this.#callbacks;
    if (event.type === 'statechange') {
      this.#status = event.detail;
      this.#tick();
      callbacks.onStatus(event.detail);
    } else if (event.type === 'message') {
      callbacks.onMessage(event.detail);
    } else if (event.type === 'error') {
      const error = event.detail;
      callbacks.onError(error, error instanceof ChatServerError ? error.clientMessageId : undefined);
    }
    this.#host.requestUpdate();
  }

  /** While reconnecting (and attached), re-render every second so the countdown ticks. */
  #tick(): void {
    if (this.#attached && this.#client?.state === 'reconnecting') {
      this.#ticker ??= setInterval(() => this.#host.requestUpdate(), 1000);
    } else {
      clearInterval(this.#ticker);
      this.#ticker = undefined;
    }
  }
}
