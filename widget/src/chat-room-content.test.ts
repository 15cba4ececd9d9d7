import { linkify, safeHref } from './linkify.js';
import { deepEqual, equal, ok } from './test/assert.js';
import { $, $$, cleanup, mountConnected, settle, text } from './test/fixture.js';

declare global {
  interface Window {
    __pwned?: number;
  }
}

// Markup a visitor might type. Rendered as text it is harmless; parsed as HTML it would set window.__pwned.
const CORPUS = [
  '<img src=x onerror="window.__pwned=(window.__pwned||0)+1">',
  '<script>window.__pwned=(window.__pwned||0)+1</script>',
  '<svg onload="window.__pwned=(window.__pwned||0)+1"></svg>',
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '"><img src=x onerror=window.__pwned=1>',
  '<a href="javascript:window.__pwned=1">click</a>',
  '<style>:host{display:none}</style>',
  '{{constructor.constructor("window.__pwned=1")()}}',
  '${window.__pwned=1}',
];

describe('<chat-room> message content', () => {
  afterEach(cleanup);

  it('shows markup in messages as text and never executes it', async () => {
    delete window.__pwned;
    const { el, client } = await mountConnected();
    for (const message of CORPUS) client.receive({ username: 'mallory', message });
    await settle(el);
    // Give error/load handlers (if any had been created) a chance to run.
    await new Promise((r) => setTimeout(r, 200));
    equal(window.__pwned, undefined, 'no markup ran');
    const bubbles = $$(el, '.bubble');
    deepEqual(
      bubbles.map((b) => b.textContent),
      CORPUS,
    );
    for (const b of bubbles) {
      ok(!b.querySelector('img, script, svg, iframe, style'), `no element parsed from ${b.textContent}`);
    }
    equal($$(el, '.bubble a').length, 0, 'no links from markup');
  });

  it('makes http(s) URLs links with rel="noopener noreferrer" target="_blank", and nothing else', async () => {
    const { el, client } = await mountConnected();
    client.receive({
      message:
        'see https://example.com/a?b=1&c=2. and (http://example.org/x) but not javascript:alert(1) or data:text/html,hi',
    });
    await settle(el);
    const links = $$<HTMLAnchorElement>(el, '.bubble a');
    deepEqual(
      links.map((a) => a.href),
      ['https://example.com/a?b=1&c=2', 'http://example.org/x'],
    );
    for (const a of links) {
      equal(a.getAttribute('rel'), 'noopener noreferrer');
      equal(a.getAttribute('target'), '_blank');
    }
    equal(
      text($(el, '.bubble')),
      'see https://example.com/a?b=1&c=2. and (http://example.org/x) but not javascript:alert(1) or data:text/html,hi',
    );
  });

  it('linkify keeps text as strings and balances parentheses', () => {
    const parts = linkify('wiki https://en.wikipedia.org/wiki/Lit_(software)) end');
    equal(parts.length, 3);
    equal(parts[0], 'wiki ');
    equal(parts[2], ') end');
    equal(safeHref('javascript:alert(1)'), undefined);
    equal(safeHref('https://x.example/'), 'https://x.example/');
  });

  it('keeps line breaks of multi-line messages', async () => {
    const { el, client } = await mountConnected();
    client.receive({ message: 'line one\nline two' });
    await settle(el);
    equal($(el, '.bubble')!.textContent, 'line one\nline two');
    equal(getComputedStyle($(el, '.bubble')!).whiteSpace, 'pre-wrap');
  });

  it('separates days and groups consecutive messages of one sender', async () => {
    const { el, client } = await mountConnected();
    const now = Date.now();
    const yesterday = now - 24 * 3600_000;
    client.history([
      { messageId: 'a1', roomId: 'lobby', username: 'bob', message: 'one', timestamp: yesterday },
      { messageId: 'a2', roomId: 'lobby', username: 'bob', message: 'two', timestamp: yesterday + 1000 },
      { messageId: 'a3', roomId: 'lobby', username: 'bob', message: 'three', timestamp: now },
    ]);
    await settle(el);
    deepEqual(
      $$(el, '[part=day]').map((d) => text(d)),
      ['Yesterday', 'Today'],
    );
    const metas = $$(el, '.message .meta');
    deepEqual(
      metas.map((m) => m.hidden),
      [false, true, false],
    );
  });
});

describe('toSocketUrl', () => {
  it('keeps ws(s) URLs and turns page-relative and http(s) URLs into ws(s) on that host', async () => {
    const { toSocketUrl } = await import('./socket-url.js');
    equal(toSocketUrl('wss://a.example/prod', 'https://site.example/'), 'wss://a.example/prod');
    equal(toSocketUrl('/local', 'http://127.0.0.1:8080/launcher/'), 'ws://127.0.0.1:8080/local');
    equal(toSocketUrl('https://chat.example/prod', 'http://x/'), 'wss://chat.example/prod');
  });
});
