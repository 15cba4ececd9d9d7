// Child process of the fan-out benchmark: holds a share of the room's `ws` clients, counts every
// broadcast per message and per client (lost / duplicated), records send-to-receive latency, and on
// request sends the benchmark's messages at a steady rate from its first clients.
// Driven over IPC by bench/fanout.mjs: connect → expect → send → stats/report → close.
import WebSocket from 'ws';
import { serveParent } from './lib/children.mjs';

const now = () => performance.timeOrigin + performance.now();
const clients = [];
let expected = 0;
let counts = []; // per client: Uint8Array(expected) of deliveries per sequence number
let latencies = new Float64Array(0);
let received = 0;
let duplicates = 0;
let foreign = 0;
let errors = 0;
let acks = 0;
let lastReceive = 0;
const sentAtBySeq = new Map(); // seq → send time, for the sender's ack latency
let ackLatencies = [];
const errorCodes = {};

function onFrame(index, data) {
  let frame;
  try {
    frame = JSON.parse(data.toString());
  } catch {
    foreign++;
    return;
  }
  if (frame.type === 'ack') {
    acks++;
    const seq = Number(String(frame.clientMessageId).split('-').pop());
    const sentAt = sentAtBySeq.get(seq);
    if (sentAt !== undefined) ackLatencies.push(now() - sentAt);
    return;
  }
  if (frame.type === 'error') {
    errors++;
    errorCodes[frame.code] = (errorCodes[frame.code] ?? 0) + 1;
    return;
  }
  if (frame.type !== 'message' || typeof frame.message !== 'string') return;
  const t = now();
  const bar = frame.message.indexOf('|');
  const seq = Number(frame.message.slice(0, bar));
  const sentAt = Number(frame.message.slice(bar + 1));
  const perClient = counts[index];
  if (!perClient || !(seq >= 0 && seq < expected)) return void foreign++;
  if (perClient[seq]++ > 0) duplicates++;
  else latencies[received] = t - sentAt;
  received++;
  lastReceive = t;
}

function open(url, index) {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    let settled = false;
    ws.on('open', () => {
      settled = true;
      resolve(ws);
    });
    ws.on('message', (data) => onFrame(index, data));
    ws.on('error', (error) => {
      if (!settled) {
        settled = true;
        resolve(error);
      }
    });
    ws.on('close', () => {
      if (!settled) {
        settled = true;
        resolve(new Error('closed before open'));
      }
    });
  });
}

async function connect({ url, count, prefix, concurrency }) {
  const started = now();
  let next = 0;
  let failed = 0;
  let retries = 0;
  const lastErrors = [];
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const sep = url.includes('?') ? '&' : '?';
      for (let attempt = 0; ; attempt++) {
        const ws = await open(`${url}${sep}username=${prefix}${index}`, index);
        if (ws instanceof WebSocket) {
          clients[index] = ws;
          break;
        }
        if (attempt >= 4) {
          failed++;
          lastErrors.push(String(ws.message ?? ws));
          break;
        }
        retries++;
        await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return {
    connected: clients.filter(Boolean).length,
    failed,
    retries,
    ms: now() - started,
    errors: lastErrors.slice(0, 3),
  };
}

async function send({ senders, count, rate, clientMessageIds, tag = '' }) {
  const start = now() + 50;
  let firstSend = 0;
  let lastSend = 0;
  for (let seq = 0; seq < count; seq++) {
    const due = start + (seq * 1000) / rate;
    const wait = due - now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const sentAt = now();
    sentAtBySeq.set(seq, sentAt);
    const frame = { action: 'sendMessage', message: `${seq}|${sentAt.toFixed(3)}` };
    if (clientMessageIds) frame.clientMessageId = `bench-${tag}-${seq}`;
    clients[seq % senders].send(JSON.stringify(frame));
    if (seq === 0) firstSend = sentAt;
    lastSend = sentAt;
  }
  return { sent: count, firstSend, lastSend };
}

function stats() {
  return { received, duplicates, errors, acks, foreign, lastReceive, errorCodes };
}

function report() {
  let missing = 0;
  for (const perClient of counts) for (let s = 0; s < expected; s++) if (perClient[s] === 0) missing++;
  const unique = received - duplicates;
  return { ...stats(), missing, latencies: Array.from(latencies.subarray(0, unique)), ackLatencies };
}

async function close() {
  await Promise.all(
    clients.map(
      (ws) =>
        new Promise((resolve) => {
          if (!ws || ws.readyState === WebSocket.CLOSED) return resolve();
          ws.once('close', resolve);
          ws.close(1000);
          setTimeout(() => {
            ws.terminate();
            resolve();
          }, 5000).unref();
        }),
    ),
  );
  clients.length = 0;
  return {};
}

serveParent({
  connect,
  expect(msg) {
    expected = msg.count;
    counts = clients.map(() => new Uint8Array(expected));
    latencies = new Float64Array(expected * clients.length);
    received = duplicates = foreign = errors = acks = lastReceive = 0;
    sentAtBySeq.clear();
    ackLatencies = [];
    for (const k of Object.keys(errorCodes)) delete errorCodes[k];
  },
  send,
  stats,
  report,
  close,
  exit: () => process.exit(0),
});
