/** ChatClients (the real SDK over `ws`) for the fault tests, and conditions to wait for. */
import WebSocket from 'ws';
import { ChatClient, type ChatClientOptions, type ChatState } from '@chat-room/client-sdk';

export const WAIT_MS = 30_000;

/** Polls `check` until it holds (fault tests run on loaded machines: generous timeouts, no fixed sleeps). */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  label: string,
  timeoutMs = WAIT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${label}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface TrackedClient {
  client: ChatClient;
  /** Every state it went through, in order. */
  states: ChatState[];
  /** messageIds of the `message` events (each must appear once: the SDK emits a message only when new). */
  events: string[];
}

/** A ChatClient with short reconnect delays (jittered), recording its states and message events. */
export function chatClient(url: string, options: Partial<ChatClientOptions> & { username: string }): TrackedClient {
  const client = new ChatClient({
    url,
    room: 'lobby',
    WebSocket: WebSocket as unknown as ChatClientOptions['WebSocket'],
    reconnectInterval: 100,
    maxReconnectAttempts: 100,
    jitter: 0.5,
    minUptime: 200,
    ...options,
  });
  const tracked: TrackedClient = { client, states: [], events: [] };
  client.addEventListener('statechange', (e) => tracked.states.push(e.detail.state));
  client.addEventListener('message', (e) => tracked.events.push(e.detail.messageId));
  return tracked;
}

export const ids = (c: TrackedClient): string[] => c.client.messages.map((m) => m.messageId);
export const texts = (c: TrackedClient): string[] => c.client.messages.map((m) => m.message);

/** Exactly `expected` (as a set), each once, in `messages` and in the `message` events. */
export function exactlyOnce(c: TrackedClient, expected: readonly string[]): { ok: boolean; detail: string } {
  const list = texts(c);
  const counts = new Map<string, number>();
  for (const t of list) counts.set(t, (counts.get(t) ?? 0) + 1);
  const missing = expected.filter((t) => !counts.has(t));
  const twice = [...counts].filter(([, n]) => n > 1).map(([t]) => t);
  const extra = list.filter((t) => !expected.includes(t));
  const idSet = new Set(ids(c));
  const eventDup = c.events.length !== new Set(c.events).size;
  const ok = !missing.length && !twice.length && !extra.length && idSet.size === list.length && !eventDup;
  return { ok, detail: JSON.stringify({ user: c.client.username, missing, twice, extra, eventDup }) };
}
