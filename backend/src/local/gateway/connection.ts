import type { WebSocket } from 'ws';
import type { ConnectionInfo } from './events.js';
import { CloseCode } from '@chat-room/client-sdk/protocol';
import { CLOSE_GRACE_MS } from './limits.js';

export interface CloseOutcome {
  code: number;
  reason: string;
}

/** One open WebSocket connection: its shared event info, activity clock and lifetime timers. */
export class GatewayConnection {
  readonly info: ConnectionInfo;
  readonly ws: WebSocket;
  /** Last data message in either direction: what the idle timeout and GetConnection's lastActiveAt use. */
  lastActiveAt: number;
  /** Set when the gateway closes the socket (limits, DELETE, shutdown); the code `$disconnect` reports. */
  private serverClose: CloseOutcome | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private maxTimer: NodeJS.Timeout | undefined;
  private graceTimer: NodeJS.Timeout | undefined;
  readonly closed: Promise<void>;
  private resolveClosed!: () => void;

  constructor(
    info: ConnectionInfo,
    ws: WebSocket,
    private readonly idleTimeoutMs: number,
    maxConnectionMs: number,
  ) {
    this.info = info;
    this.ws = ws;
    this.lastActiveAt = info.connectedAt;
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    this.idleTimer = setTimeout(this.checkIdle, idleTimeoutMs);
    this.maxTimer = setTimeout(() => this.closeByServer(CloseCode.GOING_AWAY, 'Going away'), maxConnectionMs);
  }

  get isOpen(): boolean {
    return this.serverClose === undefined && this.ws.readyState === 1;
  }

  /** Idle timer that re-arms itself from `lastActiveAt` instead of being reset on every frame. */
  private readonly checkIdle = (): void => {
    const idleFor = Date.now() - this.lastActiveAt;
    if (idleFor >= this.idleTimeoutMs) {
      this.idleTimer = undefined;
      this.closeByServer(CloseCode.GOING_AWAY, 'Going away');
    } else {
      this.idleTimer = setTimeout(this.checkIdle, this.idleTimeoutMs - idleFor);
    }
  };

  /** Sends a close frame; drops the socket if the client does not answer within a grace period. */
  closeByServer(code: number, reason: string): void {
    if (this.serverClose !== undefined) return;
    this.serverClose = { code, reason };
    this.clearLifetimeTimers();
    if (this.ws.readyState === 0 || this.ws.readyState === 1) this.ws.close(code, reason);
    this.graceTimer = setTimeout(() => this.ws.terminate(), CLOSE_GRACE_MS);
  }

  /** Records a limit violation that `ws` enforces itself (it sends the close frame). */
  markServerClose(code: number, reason: string): void {
    this.serverClose ??= { code, reason };
  }

  /** Called on the socket's 'close' event: what `$disconnect` reports. */
  finish(clientCode: number, clientReason: string): CloseOutcome {
    this.clearLifetimeTimers();
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.resolveClosed();
    if (this.serverClose) return this.serverClose;
    if (clientCode === CloseCode.NO_STATUS)
      return { code: CloseCode.NO_STATUS, reason: 'Client-side close frame status not set' };
    if (clientCode === CloseCode.ABNORMAL) return { code: CloseCode.ABNORMAL, reason: 'Connection closed abnormally' };
    return { code: clientCode, reason: clientReason };
  }

  private clearLifetimeTimers(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.maxTimer) clearTimeout(this.maxTimer);
    this.idleTimer = undefined;
    this.maxTimer = undefined;
  }
}
