// 3. Fan-out on the local stack: one room of 100 and of 1,000 `ws` clients (spread over child
// processes), messages sent at a steady rate by two of them, every delivery counted per message and
// per client; p50/p99 send-to-receive latency and sustained throughput. Beside, in the same run and
// with the same clients and messages: (a) a raw `ws` broadcast server, (b) the local gateway alone with
// bare @connections posts from a worker thread (plain HTTP, and through the AWS SDK client).
// The runs themselves: lib/fanout-delivery.mjs; the rows, checks, table and notes: lib/fanout-report.mjs.
import { fileURLToPath } from 'node:url';
import { startChild } from './lib/children.mjs';
import { startBenchStack } from './lib/stack.mjs';
import { measurePostCost } from './lib/post-cost.mjs';
import { createResult } from './lib/result.mjs';
import { standalone } from './lib/main.mjs';
import { SENDERS, SYSTEMS, phase, startSystem } from './lib/fanout-delivery.mjs';
import { addMethodNotes, addPostCostRows, addRunTableAndNotes, addScenarioRows } from './lib/fanout-report.mjs';

const CLIENT_SCRIPT = fileURLToPath(new URL('./fanout-client.mjs', import.meta.url));
const STACK_ENV = { RATE_LIMIT_MESSAGES: '100000' };
const STEADY_SHARE = 0.4;
const STEADY_SECONDS = 8;

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
  addPostCostRows(result, postCost);
  addScenarioRows(result, scenarios, phases);
  addRunTableAndNotes(result, { scenarios, phases, postCost });
  result.phases = phases;
  result.config = { scenarios, senders: SENDERS, stackEnv: STACK_ENV };
  addMethodNotes(result, { maxChildren, steadyShare: STEADY_SHARE, steadySeconds: STEADY_SECONDS });
  return result;
}

standalone(import.meta.url, run);
