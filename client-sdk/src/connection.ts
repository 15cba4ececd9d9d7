import type { WebSocketConstructor, WebSocketLike } from './platform.js';
import { CloseCode } from './protocol/codes.js';
import type { ClientFrame } from './protocol/frames.js';

/** `WebSocket.OPEN`: not every injected constructor has the static. */
const SOCKET_OPEN = 1;

export interface ConnectionEvents {
  opened(): void;
  /** A message as the socket delivered it (read by the room, not here). */
  received(data: unknown): void;
  /** The socket closed (or never opened); `reason` is never empty. */
  closed(code: number, reason: string): void;
}

/**
 * One socket's life, from asking for its token to its close. Every (re)connect makes a new one, so a token that
 * arrives for a connection no longer current is recognised and dropped.
 */
export class Connection {
  /** Undefined while the token provider is asked. */
  #socket: WebSocketLike | undefined;
  /** It stayed open `minUptime`: the attempt counter was reset, and a close 1001 means the server going away. */
  stayedUp = false;
  /** The HTTP status of a refused upgrade (`401` / `403`), where the `ws` package reports it. */
  refusedStatus: string | undefined;

  /** Opens the socket; its events go to `events` until `close()`. Throws what the constructor throws (a bad URL). */
  open(WebSocket: WebSocketConstructor, url: string, events: ConnectionEvents): void {
    const socket = (this.#socket = new WebSocket(url));
    socket.onerror = (event: { message?: unknown }) => {
      // The `ws` package: "Unexpected server response: 401". Browsers hide the status of a refused upgrade: it
      // is a close 1006 before open, a failed attempt on the bounded backoff schedule (no endless loop).
      this.refusedStatus ||= /response: (40[13])/.exec(String(event?.message))?.[1];
    };
    socket.onopen = () => events.opened();
    socket.onmessage = (event: { data: unknown }) => events.received(event.data);
    socket.onclose = (event: { code: number; reason?: string }) =>
      events.closed(event.code, event.reason || `close ${event.code}`);
  }

  /** Sends `frame` if the socket is open; returns whether it did. */
  send(frame: ClientFrame): boolean {
    const socket = this.#socket;
    if (socket?.readyState !== SOCKET_OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  /**
   * Detaches the socket (its events no longer reach `events`) and closes it normally. Returns a promise of its
   * close event (`setUser()` waits for the old identity's socket to go), or undefined when there was no socket.
   */
  close(): Promise<void> | undefined {
    const socket = this.#socket;
    this.#socket = undefined;
    if (!socket) return undefined;
    socket.onopen = socket.onmessage = null;
    socket.onerror = () => {}; // `ws` throws on an unhandled 'error'
    const closed = new Promise<void>((resolve) => (socket.onclose = () => resolve()));
    try {
      socket.close(CloseCode.NORMAL, '');
    } catch {
      // already closed
    }
    return closed;
  }
}
