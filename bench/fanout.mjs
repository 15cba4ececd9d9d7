// 3. Fan-out on the local stack: one room of 100 and of 1,000 `ws` clients (spread over child
// processes), messages sent at a steady rate by two of them, every delivery counted per message and
// per client; p50/p99 send-to-receive latency and sustained throughput. Beside, in the same run and
// with the same clients and messages: (a) a raw `ws` broadcast server, (b) the local gateway alone with
// bare @connections posts from a worker thread (plain HTTP, and through the AWS SDK client).
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startChild, shares } from './lib/children.mjs';
import { startRawBroadcast } from './lib/raw-broadcast.mjs';
import { startBareGateway } from './lib/bare-gateway.mjs';
import { startBenchStack } from './lib/stack.mjs';
import { measurePostCost } from './lib/post-cost.mjs';
import { addCheck, addRow, createResult } from './lib/result.mjs';
import { standalone } from './lib/main.mjs';
import { median, percentile, round } from './lib/stats.mjs';

const CLIENT_SCRIPT = fileURLToPath(new URL('./fanout-client.mjs', import.meta.url));
const SENDERS = 2;
const STACK_ENV = { RATE_LIMIT_MESSAGES: '100000' };
const STEADY_SHARE = 0.4;
const STEADY_SECONDS = 8;

const SYSTEMS = [
  { key: 'stack', label: 'local stack (gateway → Lambda workers → dynalite → @connections)' },
  { key: 'raw', label: '(a) raw ws broadcast' },
  { key: 'bare', label: '(b) bare @connections POSTs (plain HTTP)' },
  { key: 'bare-sdk', label: "(b') bare @connections POSTs (AWS SDK client)" },
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function startSystem(key, bench) {
  if (key === 'stack') return { url: bench.stack.wsUrl, close: async () => {}, connectConcurrency: 6 };
  if (key === 'raw') return { ...(await startRawBroadcast()), connectConcurrency: 25 };
  if (key === 'bare') return { ...(await startBareGateway({ mode: 'http' })), connectConcurrency: 25 };
  return { ...(await startBareGateway({ mode: 'sdk' })), connectConcurrency: 25 };
}

/** Connects the room's clients once, then runs each load (steady, burst) on them in turn. */
async function phase({ children, system, url, clients, loads, room, tag, connectConcurrency, log }) {
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

export async function run({ quick }) {
  const result = createResult('fanout', 'Fan-out: one room, two senders, every delivery counted');
  const log = (line) => console.error(line);
  // steady: an offered rate the stack keeps up with (latency); burst: as fast as possible (throughput).
  // burst: all messages at once (throughput). steady: then a fixed rate at STEADY_SHARE of the stack's
  // burst throughput measured just before (same rate for every system), so its latency is delivery
  // latency rather than queueing, whatever else loads the machine; about STEADY_SECONDS long.
  const scenarios = quick
    ? [{ clients: 100, receivers: 2, burst: 10 }]
    : [
        // One client: the fixed cost of a message through each path, with a single recipient.
        { clients: 1, receivers: 1, burst: 20 },
        { clients: 100, receivers: 2, burst: 24 },
        { clients: 1000, receivers: 3, burst: 6 },
      ];
  const bench = await startBenchStack(STACK_ENV);
  const maxChildren = Math.max(...scenarios.map((s) => s.receivers));
  const children = await Promise.all(Array.from({ length: maxChildren }, () => startChild(CLIENT_SCRIPT)));
  const phases = [];
  try {
    let n = 0;
    for (const scenario of scenarios) {
      log(`fan-out: ${scenario.clients} clients`);
      let steadyRate;
      for (const { key } of SYSTEMS) {
        const loads = [
          { kind: 'burst', messages: scenario.burst, rate: 1000 },
          (done) => {
            steadyRate ??= Math.max(0.1, Math.round(done[0].messagesPerSecond * STEADY_SHARE * 100) / 100);
            return {
              kind: 'steady',
              messages: Math.max(4, Math.round(steadyRate * (quick ? 4 : STEADY_SECONDS))),
              rate: steadyRate,
            };
          },
        ];
        const system = await startSystem(key, bench);
        try {
          phases.push(
            ...(await phase({
              children: children.slice(0, scenario.receivers),
              system: key,
              url: system.url,
              clients: scenario.clients,
              loads,
              room: `fanout${n}`,
              tag: `f${n++}`,
              connectConcurrency: system.connectConcurrency,
              log,
            })),
          );
        } finally {
          await system.close();
        }
        if (key === 'stack' && !(await bench.waitForNoConnections()))
          log('  stack: connections still registered after 60 s');
      }
    }
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await bench.close();
  }

  log("fan-out: CPU cost of one @connections post (the Lambda's poster vs the AWS SDK vs bare HTTP)");
  const postCost = await measurePostCost({ count: quick ? 1000 : 3000 });
  const cost = (key) => median(postCost[key].map((r) => r.cpuMsPerPost));
  addRow(
    result,
    "one @connections POST via the messages Lambda's poster (SigV4 + keep-alive): caller CPU, median of 3 × 3,000",
    cost('lambda'),
    'ms',
    { label: 'AWS SDK PostToConnectionCommand', value: cost('sdk') },
  );
  addRow(
    result,
    "one @connections POST via the messages Lambda's poster: caller CPU, median of 3 × 3,000",
    cost('lambda'),
    'ms',
    { label: 'bare unsigned keep-alive HTTP POST', value: cost('bare') },
  );
  addRow(result, 'one @connections POST via the AWS SDK client: caller CPU, median of 3 × 3,000', cost('sdk'), 'ms', {
    label: 'bare keep-alive HTTP POST',
    value: cost('bare'),
  });
  addRow(
    result,
    '3,000 POSTs at concurrency 50 via the AWS SDK client: wall time, median',
    median(postCost.sdk.map((r) => r.wallMs)),
    'ms',
    { label: 'bare keep-alive HTTP POST', value: median(postCost.bare.map((r) => r.wallMs)) },
  );

  const find = (key, clients, kind) => phases.find((p) => p.system === key && p.clients === clients && p.kind === kind);
  for (const scenario of scenarios) {
    const c = scenario.clients;
    const label = `${c.toLocaleString('en-US')} client${c === 1 ? '' : 's'}`;
    for (const kind of ['burst', 'steady']) {
      const stack = find('stack', c, kind);
      const load = `${kind} (${stack.messages} msgs @ ${kind === 'burst' ? 'max' : `${stack.rate}/s`})`;
      addRow(
        result,
        `${label}, ${load}: stack delivered / expected`,
        `${stack.delivered} / ${stack.expected}`,
        '',
        undefined,
        `lost ${stack.lost}, duplicated ${stack.duplicates}, error frames ${stack.errors}`,
      );
      const metrics =
        kind === 'steady'
          ? [
              ['p50 latency', 'p50', 'ms'],
              ['p99 latency', 'p99', 'ms'],
            ]
          : [
              ['sustained messages/s', 'messagesPerSecond', 'msg/s'],
              ['p99 latency', 'p99', 'ms'],
            ];
      for (const [metric, field, unit] of metrics) {
        for (const key of ['raw', 'bare', 'bare-sdk']) {
          const base = find(key, c, kind);
          addRow(result, `${label}, ${kind}: ${metric}, stack`, stack[field], unit, {
            label: SYSTEMS.find((s) => s.key === key).label,
            value: base[field],
          });
        }
      }
      addRow(
        result,
        `${label}, ${kind}: sender's ack latency p50, stack`,
        stack.ackP50,
        'ms',
        { label: 'stack delivery p50', value: stack.p50 },
        'the ack is the sendMessage reply, returned after the broadcast',
      );
      addCheck(
        result,
        `${label}, ${kind}: every message reaches every client (0 lost, 0 duplicated)`,
        stack.lost === 0 && stack.duplicates === 0 && stack.delivered === stack.expected,
        `${stack.delivered}/${stack.expected} delivered, ${stack.lost} lost, ${stack.duplicates} duplicated`,
      );
    }
  }
  result.tables = [
    {
      title: 'Fan-out runs (every system, the same clients and messages)',
      columns: [
        'system',
        'clients',
        'load',
        'delivered/expected',
        'lost',
        'dup',
        'p50 ms',
        'p99 ms',
        'max ms',
        'ack p50 ms',
        'msg/s',
        'deliveries/s',
        'connect s',
      ],
      rows: phases.map((p) => [
        SYSTEMS.find((s) => s.key === p.system).label,
        p.clients,
        p.kind === 'burst' ? `burst of ${p.messages}` : `${p.messages} @ ${p.rate}/s`,
        `${p.delivered}/${p.expected}`,
        p.lost,
        p.duplicates,
        p.p50,
        p.p99,
        p.max,
        p.ackP50,
        p.messagesPerSecond,
        p.deliveriesPerSecond,
        p.connectSeconds,
      ]),
    },
  ];
  const sdkCost = cost('sdk');
  const bareCost = cost('bare');
  const lambdaCost = cost('lambda');
  const perMessage = (key, clients) => Math.round(1000 / find(key, clients, 'burst').messagesPerSecond);
  const perScenario = scenarios
    .map(
      ({ clients: c }) =>
        `${c.toLocaleString('en-US')} recipient${c === 1 ? '' : 's'}: stack ${perMessage('stack', c)} ms, (b') ${perMessage('bare-sdk', c)} ms, (b) ${perMessage('bare', c)} ms, (a) ${perMessage('raw', c)} ms`,
    )
    .join('; ');
  const big = scenarios[scenarios.length - 1].clients;
  result.notes.unshift(
    `Where the time goes: the messages Lambda posts with its own SigV4 poster (node:https keep-alive), ${lambdaCost.toFixed(2)} ms of the caller's CPU per post here, against ${sdkCost.toFixed(2)} ms through the AWS SDK's PostToConnectionCommand and ${bareCost.toFixed(2)} ms for a bare unsigned HTTP POST; a message to ${big.toLocaleString('en-US')} connections is ${big.toLocaleString('en-US')} posts, ≈ ${Math.round(lambdaCost * big)} ms of CPU for the posts (≈ ${Math.round(sdkCost * big)} ms through the SDK). Time per message in a burst (1 ÷ throughput) — ${perScenario}. (b') is the same posts through the AWS SDK client from a worker thread, without the Lambda hop or DynamoDB; (b) the same posts as bare HTTP. At small rooms the stack's fixed per-message work (the Lambda hop, the rate-limit update, claim, message write, broadcast mark and room query against dynalite, which runs in the gateway's process) dominates; as rooms grow, the posts do. On AWS each invocation has its own CPU share (512 MB ≈ 0.3 vCPU for the messages function) and concurrent sends run in parallel containers; here every invocation shares one worker thread and two cores.`,
  );
  result.phases = phases;
  result.config = { scenarios, senders: SENDERS, stackEnv: STACK_ENV };
  result.notes.push(
    `Everything runs on this one ${cpus().length}-core machine: the stack (gateway, four Lambda worker threads, dynalite) or the baseline server, and the clients in ${maxChildren} child processes share its cores. Two of the room's clients send; each message carries its send time (\`performance.timeOrigin + performance.now()\`); every client, senders included, must receive every message exactly once (counted per message id per client). Sends carry a clientMessageId, as the SDK's do.`,
    "Post cost: the caller side of one @connections POST measured alone (a minimal HTTP server in another process answers 200), process CPU time per post: the Lambda's poster (backend/dist/repositories/connection-gateway.js, signing with static credentials), the AWS SDK client (maxAttempts 1, static credentials) and a bare unsigned request.",
    'The stack runs with RATE_LIMIT_MESSAGES=100000 for this benchmark (the default 10 per 10 s per connection would refuse the senders); everything else is the default configuration (broadcast concurrency 50).',
    `Before the measured loads each system delivers 3 warm-up messages to the same clients (discarded). burst: all messages at once, so messages/s (messages ÷ (last delivery − first send)) is the sustained throughput and p99 includes queueing. steady: then messages at a fixed rate of ${STEADY_SHARE * 100} % of the stack's burst throughput measured just before (the same rate for every system; about ${STEADY_SECONDS} s), so its latency is delivery latency, not queueing, however busy the machine is.`,
  );
  return result;
}

standalone(import.meta.url, run);
