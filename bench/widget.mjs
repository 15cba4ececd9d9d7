// 5. Widget in headless Chromium: time to append one message with 50, 1,000 and 10,000 messages loaded,
// and to render the first 50-message history page, for <chat-room> (widget/dist/chat-room.js, fed by a
// fake ChatClient: no network) and for a plain keyed Lit list of the same rows, in the same run.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { PLAIN_TERSER, bundle } from './sizes.mjs';
import { addCheck, addRow, createResult } from './lib/result.mjs';
import { standalone } from './lib/main.mjs';
import { WIDGET_SCRIPT } from './lib/paths.mjs';
import { median, percentile } from './lib/stats.mjs';

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const HARNESS = fileURLToPath(new URL('./widget/harness.js', import.meta.url));
const PLAIN_LIST = fileURLToPath(new URL('./widget/plain-list.js', import.meta.url));

const page = (script) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head>` +
  `<body style="margin:0"><div id="host"></div><script src="/${script}"></script><script src="/harness.js"></script></body></html>`;

async function serve(files) {
  const server = http.createServer((req, res) => {
    const file = files[req.url.split('?')[0]];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

export async function run({ quick }) {
  const result = createResult('widget', 'Widget in headless Chromium (fake ChatClient, no network)');
  const loads = [50, 1000, 10_000];
  const appends = quick ? 10 : 30;
  const historyRepetitions = quick ? 5 : 20;
  const plain = await bundle(`import ${JSON.stringify(PLAIN_LIST)};`, PLAIN_TERSER, 'iife');
  const js = 'text/javascript; charset=utf-8';
  const server = await serve({
    '/widget.html': { type: 'text/html', body: page('chat-room.js') },
    '/plain.html': { type: 'text/html', body: page('plain-list.js') },
    '/chat-room.js': { type: js, body: readFileSync(WIDGET_SCRIPT) },
    '/plain-list.js': { type: js, body: plain },
    '/harness.js': { type: js, body: readFileSync(HARNESS) },
  });
  const browser = await puppeteer.launch({
    executablePath: CHROME,
    headless: true,
    args: [
      '--no-sandbox',
      '--headless=new',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--window-size=800,600',
    ],
  });
  const figures = {};
  try {
    for (const kind of ['widget', 'plain']) {
      const tab = await browser.newPage();
      const problems = [];
      tab.on('pageerror', (error) => problems.push(String(error)));
      await tab.goto(`${server.origin}/${kind}.html`, { waitUntil: 'load' });
      await tab.waitForFunction(
        () => window.bench?.ready && (customElements.get('chat-room') || customElements.get('plain-list')),
      );
      // Warm-up (discarded): the first renders run in the interpreter before the JIT has the hot paths.
      await tab.evaluate((k) => window.bench.appendTimes(k, 50, 10).then(() => window.bench.firstHistory(k, 3)), kind);
      const history = await tab.evaluate((k, n) => window.bench.firstHistory(k, n), kind, historyRepetitions);
      figures[kind] = { history, appends: {} };
      for (const loaded of loads) {
        figures[kind].appends[loaded] = await tab.evaluate(
          (k, l, a) => window.bench.appendTimes(k, l, a),
          kind,
          loaded,
          appends,
        );
      }
      if (problems.length) throw new Error(`${kind} page errors: ${problems.join('; ')}`);
      await tab.close();
    }
    result.config = { chromium: await browser.version(), appends, historyRepetitions };
  } finally {
    await browser.close();
    await server.close();
  }

  const plainLabel = 'plain keyed Lit list';
  addRow(result, 'first 50-message history: render + layout, median', median(figures.widget.history.layout), 'ms', {
    label: plainLabel,
    value: median(figures.plain.history.layout),
  });
  for (const loaded of loads) {
    const w = figures.widget.appends[loaded];
    const p = figures.plain.appends[loaded];
    const n = loaded.toLocaleString('en-US');
    addRow(result, `append 1 with ${n} loaded: update + layout, median of ${appends}`, median(w.layout), 'ms', {
      label: plainLabel,
      value: median(p.layout),
    });
    addRow(result, `append 1 with ${n} loaded: update + layout, p99`, percentile(w.layout, 99), 'ms', {
      label: plainLabel,
      value: percentile(p.layout, 99),
    });
    addRow(result, `append 1 with ${n} loaded: until the next animation frame, median`, median(w.nextFrame), 'ms', {
      label: plainLabel,
      value: median(p.nextFrame),
    });
    addRow(result, `append 1 with ${n} loaded: rows in the DOM`, w.rendered, 'rows', {
      label: plainLabel,
      value: p.rendered,
    });
  }
  const w10k = median(figures.widget.appends[10_000].layout);
  const p10k = median(figures.plain.appends[10_000].layout);
  const w1k = median(figures.widget.appends[1000].layout);
  addCheck(
    result,
    'widget append with 10,000 loaded ≤ plain keyed list (same run)',
    w10k <= p10k,
    `${w10k.toFixed(2)} ms vs ${p10k.toFixed(2)} ms (${(w10k / p10k).toFixed(2)}×)`,
  );
  addCheck(
    result,
    'widget append with 10,000 loaded within 1.5× of with 1,000 loaded (same rendered window)',
    w10k <= 1.5 * w1k,
    `${w10k.toFixed(2)} ms vs ${w1k.toFixed(2)} ms (${(w10k / w1k).toFixed(2)}×)`,
  );
  result.notes.push(
    'update + layout: from handing the message to the element (the fake client appends to its live `messages` array and dispatches `message`, as the SDK does; the plain list gets it pushed and requestUpdate()) until `updateComplete` resolved and a forced style/layout read returned. Both elements keep the log scrolled to the bottom in `updated()`. "Until the next animation frame" adds the wait for requestAnimationFrame, so it is quantised by the 60 Hz frame clock.',
    `Chromium ${result.config.chromium}, headless, same machine as the rest of the run. The plain list is bundled with rollup + terser from bench/widget/plain-list.js and renders every message; the widget renders a window of the newest messages.`,
  );
  return result;
}

standalone(import.meta.url, run);
