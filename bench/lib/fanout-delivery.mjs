// Fan-out delivery runs (bench/fanout.mjs): the systems compared, connecting a room's clients to one
// of them, and sending loads through it while counting every delivery per message and per client.
import { shares } from './children.mjs';
import { startRawBroadcast } from './raw-broadcast.mjs';
import { startBareGateway } from './bare-gateway.mjs';
import { percentile, round } from './stats.mjs';

/** Clients of the room that send. */
export const SENDERS = 2;

export const SYSTEMS = [
  { key: 'stack', label: 'local stack (gateway → Lambda workers → dynalite → @connections)' },
  { key: 'raw', label: '(a) raw ws broadcast' },
  { key: 'bare', label: '(b) bare @connections POSTs (plain HTTP)' },
  { key: 'bare-sdk', label: "(b') bare @connections POSTs (AWS SDK client)" },
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function startSystem(key, bench) {
  if (key === 'stack') return { url: bench.stack.wsUrl, close: async () => {}, connectConcurrency: 6 };
  if (key === 'raw') return { ...(await startRawBroadcast()), connectConcurrency: 25 };
  if (key === 'bare') return { ...(await startBareGateway({ mode: 'http' })), connectConcurrency: 25 };
  return { ...(await startBareGateway({ mode: 'sdk' })), connectConcurrency: 25 };
}

/** Connects the room's clients once, then runs each load (steady, burst) on them in turn. */
export async function phase({ children, system, url, clients, loads, room, tag, connectConcurrency, log }) {
  const counts = shares(clients, children.length);
  const connectStarted = performance.now();
  const connected = await Promise.all(
    children.map((child, i) =>
      child.request('connect', {
        url: `${url}?room=${room}`,
        count: counts[i],
        prefix: `${tag}p${i}u`,
        concurrency: connectConcurrency,
      }),
    ),
  );
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  const total = connected.reduce((n, c) => n + c.connected, 0);
  if (total !== clients)
    throw new Error(
      `${system}: only ${total}/${clients} clients connected: ${JSON.stringify(connected.map((c) => c.errors))}`,
    );
  log(`  ${system}: ${clients} clients connected in ${connectSeconds.toFixed(1)} s`);
  const results = [];
  try {
    // Warm-up (discarded): the first broadcasts run cold code (JIT, SDK clients, sockets) in every system.
    await deliver(children, system, clients, { kind: 'warmup', messages: 3, rate: 1000 }, () => {});
    for (const spec of loads) {
      // A load may depend on the ones before it (the steady rate follows the stack's measured burst rate).
      const load = typeof spec === 'function' ? spec(results) : spec;
      results.push({
        ...(await deliver(children, system, clients, load, log)),
        connectSeconds: round(connectSeconds, 2),
      });
    }
  } finally {
    await Promise.all(children.map((child) => child.request('close')));
  }
  return results;
}

/** Sends `load.messages` at `load.rate` per second and waits until every client has every message. */
async function deliver(children, system, clients, { kind, messages, rate }, log) {
  await Promise.all(children.map((child) => child.request('expect', { count: messages })));
  await sleep(300);
  const sending = children[0].request('send', {
    senders: Math.min(SENDERS, clients),
    count: messages,
    rate,
    clientMessageIds: true,
    tag: `${system}-${clients}-${kind}`,
  });
  const expected = messages * clients;
  let sent;
  void sending.then((s) => (sent = s));
  let last = -1;
  let stalledSince = performance.now();
  for (;;) {
    await sleep(200);
    const stats = await Promise.all(children.map((child) => child.request('stats')));
    const received = stats.reduce((n, s) => n + s.received, 0);
    if (sent && received >= expected) break;
    if (received !== last) {
      last = received;
      stalledSince = performance.now();
    } else if (sent && performance.now() - stalledSince > 15_000) {
      log(`  ${system}: delivery stalled at ${received}/${expected}`);
      break;
    }
  }
  await sleep(300); // late duplicates would show up here
  const reports = await Promise.all(children.map((child) => child.request('report')));
  const latencies = reports.flatMap((r) => r.latencies);
  const received = reports.reduce((n, r) => n + r.received, 0);
  const duplicates = reports.reduce((n, r) => n + r.duplicates, 0);
  const lastReceive = Math.max(...reports.map((r) => r.lastReceive));
  const spanSeconds = (lastReceive - sent.firstSend) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  const acked = Float64Array.from(reports.flatMap((r) => r.ackLatencies)).sort();
  const out = {
    system,
    kind,
    clients,
    messages,
    rate,
    expected,
    delivered: received - duplicates,
    lost: reports.reduce((n, r) => n + r.missing, 0),
    duplicates,
    errors: reports.reduce((n, r) => n + r.errors, 0),
    acks: reports.reduce((n, r) => n + r.acks, 0),
    p50: round(percentile(sorted, 50), 2),
    p99: round(percentile(sorted, 99), 2),
    max: round(sorted[sorted.length - 1] ?? NaN, 2),
    ackP50: round(percentile(acked, 50), 2),
    sendSeconds: round((sent.lastSend - sent.firstSend) / 1000, 2),
    messagesPerSecond: round(messages / spanSeconds, 2),
    deliveriesPerSecond: round(expected / spanSeconds, 0),
    errorCodes: Object.assign({}, ...reports.map((r) => r.errorCodes)),
  };
  log(
    `  ${system} ${kind}: delivered ${out.delivered}/${expected}, lost ${out.lost}, dup ${out.duplicates}, p50 ${out.p50} ms, p99 ${out.p99} ms, ${out.messagesPerSecond} msg/s`,
  );
  return out;
}
