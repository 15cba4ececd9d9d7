// ChatClient against a real `ws` server speaking protocol v1 minimally (history, ack + broadcast,
// idempotent clientMessageId), with `WebSocket` from the `ws` package as a Node program would use it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { ChatClient, type ChatMessage, type StateChangeDetail } from '../src/index.js';
import { HISTORY_DEFAULT_LIMIT, parseClientFrame } from '../src/protocol/index.js';
import { FakeClock } from './fakes.js';

async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A tiny protocol-v1 server: one room, messages in memory, refuses the username "intruder" with 401. */
class TestServer {
  messages: ChatMessage[] = [];
  acks = new Map<string, { messageId: string; timestamp: number }>();
  http!: Server;
  wss!: WebSocketServer;
  port = 0;
  received: Record<string, unknown>[] = [];
  private seq = 0;

  async start(port = 0): Promise<void> {
    this.wss = new WebSocketServer({ noServer: true });
    this.http = createServer();
    this.http.on('upgrade', (req, socket, head) => {
      const query = new URL(req.url!, 'http://x').searchParams;
      if (query.get('username') === 'intruder') {
        socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) =>
        this.onConnection(ws, query.get('username')!, query.get('room')!),
      );
    });
    await new Promise<void>((resolve) => this.http.listen(port, '127.0.0.1', resolve));
    this.port = (this.http.address() as AddressInfo).port;
  }

  async kill(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  store(username: string, message: string, clientMessageId?: string): ChatMessage {
    const m: ChatMessage = {
      messageId: `m${String(++this.seq).padStart(8, '0')}`,
      roomId: 'lobby',
      username,
      message,
      timestamp: Date.now(),
    };
    if (clientMessageId) m.clientMessageId = clientMessageId;
    this.messages.push(m);
    return m;
  }

  private onConnection(ws: WebSocket, username: string, room: string): void {
    ws.on('message', (data) => {
      const parsed = parseClientFrame(data.toString());
      if (!parsed.ok) return ws.send(JSON.stringify({ type: 'error', code: parsed.code, message: parsed.reason }));
      const frame = parsed.value;
      this.received.push(frame as unknown as Record<string, unknown>);
      if (frame.action === 'ping') ws.send('{"type":"pong"}');
      else if (frame.action === 'getHistory') {
        const limit = frame.limit ?? HISTORY_DEFAULT_LIMIT;
        let page: ChatMessage[];
        let hasMore: boolean;
        if (frame.after) {
          const newer = this.messages.filter((m) => m.messageId > frame.after!);
          page = newer.slice(0, limit);
          hasMore = newer.length > limit;
        } else {
          const older = frame.before ? this.messages.filter((m) => m.messageId < frame.before!) : this.messages;
          page = older.slice(-limit);
          hasMore = older.length > limit;
        }
        ws.send(
          JSON.stringify({
            type: 'history',
            roomId: room,
            messages: page,
            hasMore,
            ...(hasMore ? { cursor: page[0]!.messageId } : {}),
          }),
        );
      } else if (frame.action === 'sendMessage') {
        const key = frame.clientMessageId!;
        let ack = this.acks.get(key);
        if (!ack) {
          const m = this.store(username, frame.message, key);
          ack = { messageId: m.messageId, timestamp: m.timestamp };
          this.acks.set(key, ack);
          const broadcast = JSON.stringify({ type: 'message', ...m });
          for (const client of this.wss.clients) if (client !== ws) client.send(broadcast);
        }
        ws.send(JSON.stringify({ type: 'ack', clientMessageId: key, ...ack }));
      }
    });
  }
}

test('real ws server: connect, history, send → ack, server killed → reconnect + gap-fill, no duplicates', async () => {
  const server = new TestServer();
  await server.start();
  for (let i = 1; i <= 60; i++) server.store('bob', `old ${i}`);
  const client = new ChatClient({
    url: `ws://127.0.0.1:${server.port}/local`,
    username: 'alice',
    WebSocket,
    reconnectInterval: 100,
    jitter: 0,
    maxReconnectAttempts: 20,
  });
  const states: StateChangeDetail[] = [];
  client.addEventListener('statechange', (e) => states.push(e.detail));
  try {
    client.connect();
    await waitFor(() => client.state === 'connected' && client.messages.length === 50, 'history on open');
    assert.equal(client.messages[0]!.message, 'old 11');
    assert.equal(client.hasMoreHistory, true);
    assert.equal(await client.loadOlder(), true);
    assert.equal(client.messages.length, 60);
    assert.equal(await client.loadOlder(), false);

    const sent = await client.send('  hello from node  ');
    assert.equal(sent.message, 'hello from node');
    assert.equal(sent.username, 'alice');
    assert.equal(client.messages.at(-1)!.messageId, sent.messageId);

    // The server dies; while it is down others talk (more than one gap-fill page); alice queues a message.
    await server.kill();
    await waitFor(() => client.state === 'reconnecting', 'reconnecting after the kill');
    for (let i = 1; i <= 150; i++) server.store('bob', `while away ${i}`);
    const queued = client.send('sent while offline');
    assert.equal(client.outbox[0]!.status, 'queued');
    await server.start(server.port);
    const message = await queued;
    await waitFor(() => client.messages.length === 60 + 1 + 150 + 1, 'gap-fill');
    const afters = server.received.filter((f) => f.action === 'getHistory' && f.after);
    assert.ok(afters.length >= 2, 'gap-fill paged with hasMore');
    assert.equal(message.message, 'sent while offline');
    const ids = client.messages.map((m) => m.messageId);
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(
      client.messages.map((m) => m.messageId),
      server.messages.map((m) => m.messageId),
    );
    assert.equal(
      server.received.filter((f) => f.action === 'sendMessage' && f.message === 'sent while offline').length,
      1,
      'flushed exactly once',
    );
    assert.ok(states.some((s) => s.state === 'reconnecting' && s.code === 'NETWORK'));
  } finally {
    client.disconnect();
    await server.kill();
  }
});

test('real ws server: a refused upgrade (HTTP 401) ends in error/AUTH_REFUSED without retries', async () => {
  const server = new TestServer();
  await server.start();
  let upgrades = 0;
  server.http.prependListener('upgrade', () => upgrades++);
  // The client's timers run on a fake clock and every socket it makes is counted: a retry would be a timer
  // (there is no other source of retries on Node) that opens a socket when it fires, at once.
  const clock = new FakeClock();
  let sockets = 0;
  class CountedWebSocket extends WebSocket {
    constructor(url: string) {
      super(url);
      sockets++;
    }
  }
  const client = new ChatClient({
    url: `ws://127.0.0.1:${server.port}/local`,
    username: 'intruder',
    WebSocket: CountedWebSocket,
    timers: clock.timers,
    reconnectInterval: 50,
  });
  const errors: Error[] = [];
  client.addEventListener('error', (e) => errors.push(e.detail));
  try {
    client.connect();
    await waitFor(() => client.state === 'error', 'the error state');
    assert.equal(errors[0]?.name, 'ChatAuthError');
    assert.match(errors[0]!.message, /401/);
    assert.equal(upgrades, 1);
    assert.deepEqual(clock.delays(), [], 'no retry scheduled');
    await clock.tick(60 * 60_000); // an hour of the client's time: 72,000 reconnectIntervals
    assert.equal(sockets, 1, 'no retry loop: one socket in all');
    assert.equal(client.state, 'error');
  } finally {
    client.disconnect();
    await server.kill();
  }
});
