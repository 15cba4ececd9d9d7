// Lets each benchmark file run on its own (`node bench/sizes.mjs [--quick] [--out file.json]`) as well
// as under scripts/bench.mjs, which runs every file in a fresh process the same way.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export function parseArgs(argv = process.argv.slice(2)) {
  const args = { quick: argv.includes('--quick'), out: undefined };
  const out = argv.indexOf('--out');
  if (out >= 0) args.out = argv[out + 1];
  return args;
}

/** Runs `run(args)` when `moduleUrl` is the script node was started with; writes the result JSON. */
export function standalone(moduleUrl, run) {
  if (!process.argv[1] || pathToFileURL(process.argv[1]).href !== moduleUrl) return;
  const args = parseArgs();
  const started = performance.now();
  run(args)
    .then((result) => {
      result.seconds = Math.round((performance.now() - started) / 100) / 10;
      const json = JSON.stringify(result, null, 2);
      if (args.out) writeFileSync(args.out, json);
      else console.log(json);
      // Benchmarks close what they open; exit anyway so a stray handle cannot hang the suite.
      process.exit(0);
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
