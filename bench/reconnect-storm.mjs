// 6. Reconnect storm: 500 real ChatClients (the SDK on `ws`, in 2 child processes) connected to the
// local stack; the gateway is restarted (closed: every socket gets 1001; started again on the same
// port, functions and data untouched) and a separate client connects first and posts messages while
// the 500 are still away. Measured: connect attempts per second over time (every WebSocket constructed
// is one upgrade request), the time until all 500 are back, and until each has every message posted
// meanwhile exactly once; with the default jitter (±20 %) and with `jitter: 0`.
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { startChild, shares } from './lib/children.mjs';
import { LOCAL_INDEX } from './lib/paths.mjs';
import { addCheck, addRow, createResult } from './lib/result.mjs';
import { standalone } from './lib/main.mjs';
import { median } from './lib/stats.mjs';

const CLIENT_SCRIPT = fileURLToPath(new URL('./storm-client.mjs', import.meta.url));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Opens a plain socket to the (new) gateway and posts `count` messages; resolves with their ids. */
async function post(url, room, count) {
  const ws = new WebSocket(`${url}?room=${room}&username=poster`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const ids = new Map();
  const acked = new Promise((resolve) => {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.type === 'ack') ids.set(frame.clientMessageId, frame.messageId);
      if (frame.type === 'error') throw new Error(`poster got ${frame.code}: ${frame.message}`);
      if (ids.size === count) resolve();
    });
  });
  for (let i = 0; i < count; i++)
    ws.send(
      JSON.stringify({
        action: 'sendMessage',
        message: `posted during the outage ${i}`,
        clientMessageId: `outage-${i}`,
      }),
    );
  await acked;
  ws.close();
  return [...ids.values()];
}

async function connectionCount(stack) {
  const out = await stack.db.send(new ScanCommand({ TableName: stack.tableNames.connections, Select: 'COUNT' }));
  return out.Count ?? 0;
}

/** The local stack (in memory, quiet); its gateway restarts on the same port while functions and data stay up. */
async function startStack() {
  const { startLocalStack } = await import(LOCAL_INDEX);
  const stack = await startLocalStack({ port: 0, persist: false, quiet: true });
  const db = new DynamoDBClient({
    endpoint: stack.dynamodbEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return { ...stack, url: stack.wsUrl, db, close: async () => (db.destroy(), stack.close()) };
}

async function storm({ stack, children, clients, jitter, room, tag, reconnectInterval, minUptime, posts, log }) {
  const counts = shares(clients, children.length);
  const started = await Promise.all(
    children.map((child, i) =>
      child.request('start', {
        url: stack.url,
        count: counts[i],
        prefix: `${tag}c${i}u`,
        room,
        jitter,
        reconnectInterval,
        minUptime,
        concurrency: 12,
      }),
    ),
  );
  const total = started.reduce((n, s) => n + s.connected, 0);
  if (total !== clients) throw new Error(`only ${total}/${clients} clients connected`);
  // Let every client count as long-lived (up longer than minUptime), as dropped clients usually are.
  const lastConnected = Math.max(...started.map((s) => s.lastConnectedAt));
  await sleep(Math.max(0, lastConnected + minUptime + 500 - Date.now()));
  await Promise.all(children.map((child) => child.request('arm')));

  const t0 = Date.now();
  await stack.stopGateway();
  const closedAt = Date.now();
  await stack.startGateway();
  const restartedAt = Date.now();
  const ids = await post(stack.url, room, posts);
  const postedAt = Date.now();
  await Promise.all(children.map((child) => child.request('expect', { ids })));
  log(
    `  jitter ${jitter}: gateway closed in ${closedAt - t0} ms, up again at +${restartedAt - t0} ms, ${posts} messages posted by +${postedAt - t0} ms`,
  );

  const deadline = Date.now() + 90_000;
  let status;
  while (Date.now() < deadline) {
    const all = await Promise.all(children.map((child) => child.request('status')));
    status = { complete: all.reduce((n, s) => n + s.complete, 0), back: all.reduce((n, s) => n + s.back, 0) };
    if (status.complete === clients) break;
    await sleep(200);
  }
  await sleep(1000); // attempts after everyone is back would show here
  const reports = await Promise.all(children.map((child) => child.request('report')));
  await Promise.all(children.map((child) => child.request('stop')));
  for (let i = 0; i < 150 && (await connectionCount(stack)) > 0; i++) await sleep(200);

  const attempts = reports.flatMap((r) => r.attemptTimes).map((t) => t - t0);
  const back = reports.flatMap((r) => r.backAt);
  const complete = reports.flatMap((r) => r.completeAt);
  const seconds = Math.max(1, Math.ceil(Math.max(...attempts, 0) / 1000));
  const perSecond = Array.from(
    { length: seconds },
    (_, s) => attempts.filter((t) => t >= s * 1000 && t < (s + 1) * 1000).length,
  );
  const peakIn100ms = (times) => {
    const sorted = [...times].sort((a, b) => a - b);
    let peak = 0;
    for (let i = 0, j = 0; i < sorted.length; i++) {
      while (sorted[i] - sorted[j] >= 100) j++;
      peak = Math.max(peak, i - j + 1);
    }
    return peak;
  };
  const peak100 = peakIn100ms(attempts);
  // Attempts once the gateway is back up: the backoff retries (the first, immediate ones met the restart).
  const retries = attempts.filter((t) => t >= restartedAt - t0);
  const out = {
    jitter,
    clients,
    attempts: attempts.length,
    perSecond,
    peakPer100ms: peak100,
    retryAttempts: retries.length,
    retryPeakPer100ms: peakIn100ms(retries),
    retrySpreadMs: retries.length ? Math.max(...retries) - Math.min(...retries) : 0,
    closeMs: closedAt - t0,
    restartedMs: restartedAt - t0,
    postedMs: postedAt - t0,
    allBackMs: back.every(Boolean) ? Math.max(...back) - t0 : NaN,
    allCompleteMs: complete.every(Boolean) ? Math.max(...complete) - t0 : NaN,
    back: back.filter(Boolean).length,
    complete: complete.filter(Boolean).length,
    missing: reports.reduce((n, r) => n + r.missing, 0),
    duplicated: reports.reduce((n, r) => n + r.duplicated, 0),
  };
  log(
    `  jitter ${jitter}: ${out.attempts} attempts, per second ${JSON.stringify(perSecond)}, peak ${peak100}/100 ms, all back +${out.allBackMs} ms, gaps filled +${out.allCompleteMs} ms`,
  );
  return out;
}

export async function run({ quick }) {
  const result = createResult('reconnect-storm', 'Reconnect storm: 500 clients dropped at once by a gateway restart');
  const log = (line) => console.error(line);
  const clients = quick ? 100 : 500;
  const reconnectInterval = 3000; // the SDK's default
  const minUptime = 2000; // shortened from 10 s so the wait before the drop is short; see the notes
  const posts = 5;
  const stack = await startStack();
  const children = await Promise.all([startChild(CLIENT_SCRIPT), startChild(CLIENT_SCRIPT)]);
  const repetitions = quick ? 1 : 3;
  const runs = [];
  try {
    let n = 0;
    for (let rep = 0; rep < repetitions; rep++) {
      for (const jitter of [0.2, 0]) {
        log(`reconnect storm ${rep + 1}/${repetitions}: ${clients} clients, jitter ${jitter}`);
        runs.push(
          await storm({
            stack,
            children,
            clients,
            jitter,
            room: `storm${n}`,
            tag: `s${n++}`,
            reconnectInterval,
            minUptime,
            posts,
            log,
          }),
        );
      }
    }
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await stack.close();
  }
  const label = (jitter) => (jitter ? `jitter ±${jitter * 100} % (default)` : 'jitter 0');
  const med = (jitter, field) =>
    median(runs.filter((r) => r.jitter === jitter).map((r) => (typeof field === 'function' ? field(r) : r[field])));
  const of = repetitions > 1 ? `, median of ${repetitions}` : '';
  const row = (metric, field, unit) =>
    addRow(result, `${metric}, ${label(0.2)}${of}`, med(0.2, field), unit, { label: label(0), value: med(0, field) });
  row('connect attempts in total', 'attempts', '');
  row('peak connect attempts in any 1 s bucket', (r) => Math.max(...r.perSecond), '/s');
  row('peak connect attempts in any 100 ms', 'peakPer100ms', '');
  row('connect attempts after the gateway was up again (backoff retries)', 'retryAttempts', '');
  row('peak of those retries in any 100 ms', 'retryPeakPer100ms', '');
  row('spread of those retries (first to last)', 'retrySpreadMs', 'ms');
  row('time until all are back (connected), from the drop', 'allBackMs', 'ms');
  row('time until all have every message posted meanwhile, from the drop', 'allCompleteMs', 'ms');
  row('gateway close (1001 to all, $disconnect for each) took', 'closeMs', 'ms');
  for (const r of runs) {
    addCheck(
      result,
      `reconnect storm, ${label(r.jitter)}: all ${r.clients} back with every outage message exactly once`,
      r.complete === r.clients && r.missing === 0 && r.duplicated === 0,
      `${r.complete}/${r.clients} complete, ${r.missing} missing, ${r.duplicated} duplicated`,
    );
  }
  result.tables = [
    {
      title: 'Every storm run: connect attempts per 1 s bucket from the drop, and the timeline (ms after the drop)',
      columns: [
        'run',
        'jitter',
        'attempts per 1 s',
        'peak / 100 ms',
        'retry peak / 100 ms',
        'gateway up again',
        `${posts} posted`,
        'all back',
        'all gaps filled',
        'missing',
        'duplicated',
      ],
      rows: runs.map((r, i) => [
        i + 1,
        r.jitter,
        r.perSecond.join(' · '),
        r.peakPer100ms,
        r.retryPeakPer100ms,
        r.restartedMs,
        r.postedMs,
        r.allBackMs,
        r.allCompleteMs,
        r.missing,
        r.duplicated,
      ]),
    },
  ];
  result.runs = runs;
  result.config = {
    clients,
    repetitions,
    childProcesses: 2,
    reconnectInterval,
    minUptime,
    posts,
    restart: 'gateway only (same port; functions and dynalite keep running)',
  };
  result.notes.push(
    `Restart: the local gateway alone is closed (every socket gets close 1001 "Going away", $disconnect runs for each) and started again on the same port; the four Lambda workers and dynalite keep running, so the data survives. A separate client connects to the new gateway first and posts ${posts} messages; the ${clients} SDK clients must each end up with all ${posts} in client.messages exactly once (their gap-fill \`getHistory after\` on reconnect).`,
    `SDK options: reconnectInterval 3000 ms (default), jitter 0.2 (default) vs 0, minUptime shortened to ${minUptime} ms (default 10 s) and every client left up longer than that before the drop, so they all behave as long-lived connections: on close 1001 after minUptime the SDK reconnects at once, without a delay or jitter; that attempt meets the closing/closed gateway (503 / connection refused) and the jittered backoff (3 s ± 20 %) applies from the next one.`,
    'Attempts are counted client-side: each WebSocket the SDK constructs is one upgrade request.',
  );
  return result;
}

standalone(import.meta.url, run);
