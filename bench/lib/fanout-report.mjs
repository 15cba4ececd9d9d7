// Fan-out results (bench/fanout.mjs): the rows, budget checks, table and notes of a run, from the
// delivery runs (phases) and the post-cost measurement.
import { cpus } from 'node:os';
import { addCheck, addRow } from './result.mjs';
import { median } from './stats.mjs';
import { SYSTEMS } from './fanout-delivery.mjs';

/** Median caller CPU per post of one way of posting (`lambda`, `sdk` or `bare`). */
const costOf = (postCost, key) => median(postCost[key].map((r) => r.cpuMsPerPost));

/** The run of one system, room size and load. */
const findPhase = (phases, key, clients, kind) =>
  phases.find((p) => p.system === key && p.clients === clients && p.kind === kind);

/** Rows comparing the caller CPU of one @connections post: the Lambda's poster, the AWS SDK, bare HTTP. */
export function addPostCostRows(result, postCost) {
  const cost = (key) => costOf(postCost, key);
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
}

/** Per room size and load: the stack's deliveries, its metrics against each baseline, and the checks. */
export function addScenarioRows(result, scenarios, phases) {
  const find = (key, clients, kind) => findPhase(phases, key, clients, kind);
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
}

/** The table of every run, and the notes that explain the figures. */
export function addRunTableAndNotes(result, { scenarios, phases, postCost }) {
  const cost = (key) => costOf(postCost, key);
  const find = (key, clients, kind) => findPhase(phases, key, clients, kind);
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
}

/** The notes on how the run was made (after the figures' own notes). */
export function addMethodNotes(result, { maxChildren, steadyShare, steadySeconds }) {
  result.notes.push(
    `Everything runs on this one ${cpus().length}-core machine: the stack (gateway, four Lambda worker threads, dynalite) or the baseline server, and the clients in ${maxChildren} child processes share its cores. Two of the room's clients send; each message carries its send time (\`performance.timeOrigin + performance.now()\`); every client, senders included, must receive every message exactly once (counted per message id per client). Sends carry a clientMessageId, as the SDK's do.`,
    "Post cost: the caller side of one @connections POST measured alone (a minimal HTTP server in another process answers 200), process CPU time per post: the Lambda's poster (backend/dist/aws/connections-api.js, signing with static credentials), the AWS SDK client (maxAttempts 1, static credentials) and a bare unsigned request.",
    'The stack runs with RATE_LIMIT_MESSAGES=100000 for this benchmark (the default 10 per 10 s per connection would refuse the senders); everything else is the default configuration (broadcast concurrency 50).',
    `Before the measured loads each system delivers 3 warm-up messages to the same clients (discarded). burst: all messages at once, so messages/s (messages ÷ (last delivery − first send)) is the sustained throughput and p99 includes queueing. steady: then messages at a fixed rate of ${steadyShare * 100} % of the stack's burst throughput measured just before (the same rate for every system; about ${steadySeconds} s), so its latency is delivery latency, not queueing, however busy the machine is.`,
  );
}
