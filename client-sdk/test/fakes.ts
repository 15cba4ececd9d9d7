// Test doubles for the platform the ChatClient runs on: a scripted WebSocket, a manual clock and an
// online/offline/visibility source. No sleeps: time moves only when a test calls clock.tick().
import type { EnvironmentEvent } from '../src/index.js';
import type { ChatMessage, ServerFrame } from '../src/protocol/index.js';

export class FakeWebSocket {
  static instances: FakeWebSocket[] = [];
  static get last(): FakeWebSocket {
    return FakeWebSocket.instances[FakeWebSocket.instances.length - 1]!;
  }
  static reset(): void {
    FakeWebSocket.instances = [];
  }

  readyState = 0;
  sent: string[] = [];
  closedWith: { code?: number; reason?: string } | null = null;
  /** When true, close() does not emit `close` until the test calls emitClose(). */
  holdClose = false;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { message?: string }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;

  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
  }

  /** Frames the client sent, parsed. */
  get frames(): Record<string, unknown>[] {
    return this.sent.map((s) => JSON.parse(s) as Record<string, unknown>);
  }
  framesOf(action: string): Record<string, unknown>[] {
    return this.frames.filter((f) => f.action === action);
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('FakeWebSocket.send while not open');
    this.sent.push(data);
  }
  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    if (this.readyState === 3) return;
    this.readyState = 2;
    if (!this.holdClose) queueMicrotask(() => this.emitClose(code ?? 1005, reason ?? ''));
  }

  // ---- driven by the test (the "server" side) ----
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: ServerFrame | Record<string, unknown> | string): void {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
  error(message = 'connect ECONNREFUSED'): void {
    this.onerror?.({ message });
  }
  emitClose(code = 1006, reason = ''): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
  /** The server drops the connection (or the network does). */
  drop(code = 1006, reason = ''): void {
    this.emitClose(code, reason);
  }
}

export class FakeClock {
  private time = 1_000_000;
  private seq = 0;
  private pending = new Map<number, { at: number; fn: () => void; seq: number }>();
  readonly timers = {
    setTimeout: (fn: () => void, ms: number): unknown => {
      const id = ++this.seq;
      this.pending.set(id, { at: this.time + Math.max(0, ms), fn, seq: id });
      return id;
    },
    clearTimeout: (id: unknown): void => {
      this.pending.delete(id as number);
    },
    now: (): number => this.time,
  };
  now(): number {
    return this.time;
  }
  /** Pending timers' delays from now, sorted. */
  delays(): number[] {
    return [...this.pending.values()].map((t) => t.at - this.time).sort((a, b) => a - b);
  }
  /** Advances time by `ms`, running due timers in order (and letting promises settle between them). */
  async tick(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await settle();
      const next = [...this.pending.entries()]
        .filter(([, t]) => t.at <= end)
        .sort(([, a], [, b]) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.pending.delete(next[0]);
      this.time = next[1].at;
      next[1].fn();
    }
    this.time = end;
    await settle();
  }
}

export class FakeEnvironment {
  online = true;
  listeners = new Set<(event: EnvironmentEvent) => void>();
  isOnline = (): boolean => this.online;
  subscribe = (listener: (event: EnvironmentEvent) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  emit(event: EnvironmentEvent): void {
    if (event === 'online') this.online = true;
    if (event === 'offline') this.online = false;
    for (const listener of this.listeners) listener(event);
  }
}

/** Lets queued promise callbacks and microtasks run (not a sleep: no time passes on the fake clock). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A valid stored message; ids are zero-padded so they sort by time. */
export function msg(n: number, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    messageId: `m${String(n).padStart(6, '0')}`,
    roomId: 'lobby',
    username: 'bob',
    message: `hello ${n}`,
    timestamp: 1_700_000_000_000 + n,
    ...extra,
  };
}

import { ChatClient, type ChatClientEventMap, type ChatClientOptions, type StateChangeDetail } from '../src/index.js';

export interface Harness {
  client: ChatClient;
  clock: FakeClock;
  env: FakeEnvironment;
  /** Every event the client emitted, in order: [type, detail]. */
  events: [keyof ChatClientEventMap, unknown][];
  states(): string[];
  /** Opens the newest socket and answers its first history request with `messages`. */
  open(messages?: ChatMessage[], hasMore?: boolean): Promise<FakeWebSocket>;
}

/** A client on fake platform pieces, jitter 0 unless overridden. */
export function harness(options: Partial<ChatClientOptions> = {}): Harness {
  FakeWebSocket.reset();
  const clock = new FakeClock();
  const env = new FakeEnvironment();
  const client = new ChatClient({
    url: 'wss://chat.example/prod',
    username: 'alice',
    jitter: 0,
    WebSocket: FakeWebSocket,
    timers: clock.timers,
    environment: env,
    ...options,
  });
  const events: Harness['events'] = [];
  for (const type of ['statechange', 'message', 'history', 'ack', 'error', 'outboxchange'] as const) {
    client.addEventListener(type, (e) => events.push([type, e.detail]));
  }
  return {
    client,
    clock,
    env,
    events,
    states: () => events.filter(([t]) => t === 'statechange').map(([, d]) => (d as { state: string }).state),
    async open(messages = [], hasMore = false) {
      await settle();
      const ws = FakeWebSocket.last;
      ws.open();
      const history = ws.framesOf('getHistory');
      if (history.length)
        ws.receive({
          type: 'history',
          roomId: client.room,
          messages,
          hasMore,
          ...(hasMore && messages[0] ? { cursor: `c-${messages[0].messageId}` } : {}),
        });
      await settle();
      return ws;
    },
  };
}

/** The `statechange` details the harness's client emitted, in order. */
export function stateChanges(h: Harness): StateChangeDetail[] {
  return h.events.filter(([type]) => type === 'statechange').map(([, detail]) => detail as StateChangeDetail);
}
