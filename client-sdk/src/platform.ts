/** The minimal WebSocket surface the client uses: the browser's `WebSocket`, or `WebSocket` from `ws`. */
export interface WebSocketLike {
  readonly readyState: number;
  // Handler parameters are `any` so that both the DOM's and the `ws` package's event types fit.
  /* eslint-disable @typescript-eslint/no-explicit-any */
  onopen: ((event: any) => void) | null;
  onmessage: ((event: any) => void) | null;
  onerror: ((event: any) => void) | null;
  onclose: ((event: any) => void) | null;
  /* eslint-enable @typescript-eslint/no-explicit-any */
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** Timer functions, injectable so tests drive time by hand. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export type EnvironmentEvent = 'online' | 'offline' | 'visible' | 'hidden';

/** Network and page-visibility signals, where the platform has them. */
export interface ChatEnvironment {
  /** `false` only when the platform knows it is offline. */
  isOnline(): boolean;
  /** Starts listening; returns the function that stops. */
  subscribe(listener: (event: EnvironmentEvent) => void): () => void;
}

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: Date.now,
};

/** `window`'s online/offline and `document`'s visibilitychange when present; always online elsewhere (Node). */
export function platformEnvironment(): ChatEnvironment {
  const host = globalThis as unknown as Partial<Window>;
  const doc = host.document;
  const listen = (method: 'addEventListener' | 'removeEventListener', forward: (event: Event) => void) => {
    host[method]?.('online', forward);
    host[method]?.('offline', forward);
    doc?.[method]('visibilitychange', forward);
  };
  return {
    isOnline: () => host.navigator?.onLine !== false,
    subscribe(listener) {
      const forward = ({ type }: Event) =>
        listener(type === 'visibilitychange' ? doc!.visibilityState : (type as 'online' | 'offline'));
      listen('addEventListener', forward);
      return () => listen('removeEventListener', forward);
    },
  };
}

/** Timers by name, on injectable `Timers`: starting one again replaces it; `clearAll()` stops every one. */
export class NamedTimers<Name extends string> {
  readonly #timers: Timers;
  readonly #handles = new Map<Name, unknown>();

  constructor(timers: Timers) {
    this.#timers = timers;
  }

  start(name: Name, ms: number, callback: () => void): void {
    this.#timers.clearTimeout(this.#handles.get(name));
    this.#handles.set(name, this.#timers.setTimeout(callback, ms));
  }

  clearAll(): void {
    this.#handles.forEach((handle) => this.#timers.clearTimeout(handle));
    this.#handles.clear();
  }
}
