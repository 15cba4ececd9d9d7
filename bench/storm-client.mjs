// Child process of the reconnect-storm benchmark: holds real ChatClients (the SDK, with `ws`), counts
// every connect attempt (each WebSocket constructed is one upgrade request), and reports when each
// client is back (connected) and has every expected message exactly once in `client.messages`.
// Driven over IPC by bench/reconnect-storm.mjs.
import WebSocket from 'ws';
import { serveParent } from './lib/children.mjs';
import { SDK_ENTRY } from './lib/paths.mjs';

const { ChatClient } = await import(SDK_ENTRY);

let attempts = [];
class CountingWebSocket extends WebSocket {
  constructor(url, ...rest) {
    super(url, ...rest);
    attempts.push(Date.now());
  }
}

let clients = [];
let expectedIds = [];
let completeAt = []; // per client: epoch ms when connected with every expected message, or 0
let backAt = []; // per client: epoch ms of the first 'connected' after arming, or 0
let armed = false;

function check(index) {
  if (!expectedIds.length || completeAt[index]) return;
  const client = clients[index];
  if (client.state !== 'connected') return;
  const have = new Map();
  for (const m of client.messages) have.set(m.messageId, (have.get(m.messageId) ?? 0) + 1);
  if (expectedIds.every((id) => have.get(id) >= 1)) completeAt[index] = Date.now();
}

function waitConnected(client) {
  return new Promise((resolve, reject) => {
    const on = ({ detail }) => {
      if (detail.state === 'connected') {
        client.removeEventListener('statechange', on);
        resolve();
      } else if (detail.state === 'error' || detail.state === 'disconnected') {
        client.removeEventListener('statechange', on);
        reject(new Error(`client ended in ${detail.state}: ${detail.code} ${detail.reason}`));
      }
    };
    client.addEventListener('statechange', on);
  });
}

async function start({ url, count, prefix, room, jitter, reconnectInterval, minUptime, concurrency }) {
  clients = [];
  completeAt = new Array(count).fill(0);
  backAt = new Array(count).fill(0);
  expectedIds = [];
  armed = false;
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next++;
      const client = new ChatClient({
        url,
        room,
        username: `${prefix}${index}`,
        jitter,
        reconnectInterval,
        minUptime,
        WebSocket: CountingWebSocket,
      });
      clients[index] = client;
      client.addEventListener('statechange', ({ detail }) => {
        if (armed && detail.state === 'connected' && !backAt[index]) backAt[index] = Date.now();
        check(index);
      });
      client.addEventListener('message', () => check(index));
      client.addEventListener('history', () => check(index));
      const connected = waitConnected(client);
      client.connect();
      await connected;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { connected: clients.filter((c) => c.state === 'connected').length, lastConnectedAt: Date.now() };
}

function status() {
  return {
    attempts: attempts.length,
    connected: clients.filter((c) => c.state === 'connected').length,
    back: backAt.filter(Boolean).length,
    complete: completeAt.filter(Boolean).length,
    states: clients.reduce((acc, c) => ((acc[c.state] = (acc[c.state] ?? 0) + 1), acc), {}),
  };
}

function report() {
  // Exactly once: client.messages is de-duplicated by id by design; count anyway.
  let duplicated = 0;
  let missing = 0;
  for (const client of clients) {
    const have = new Map();
    for (const m of client.messages) have.set(m.messageId, (have.get(m.messageId) ?? 0) + 1);
    for (const id of expectedIds) {
      const n = have.get(id) ?? 0;
      if (n === 0) missing++;
      if (n > 1) duplicated++;
    }
  }
  return { ...status(), attemptTimes: attempts, backAt, completeAt, duplicated, missing };
}

async function stop() {
  for (const client of clients) client.disconnect();
  clients = [];
  return {};
}

serveParent({
  start,
  arm() {
    attempts = [];
    armed = true;
  },
  expect(msg) {
    expectedIds = msg.ids;
    clients.forEach((_, i) => check(i));
  },
  status,
  report,
  stop,
  exit: () => process.exit(0),
});
