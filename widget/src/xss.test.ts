import { deepEqual, equal, ok } from './test/assert.js';
import { $, $$, cleanup, mount, mountConnected, settle } from './test/fixture.js';

// Complements chat-room-content.test.ts (markup in message text): hostile usernames, attributes and
// strings, obfuscated link schemes, markup inside URLs, CSS injection and bidi overrides. window.__pwned
// is set by anything that executes.
declare global {
  interface Window {
    __pwned?: number;
  }
}
const RUN = 'window.__pwned=(window.__pwned||0)+1';

const HOSTILE_NAMES = [
  `<img src=x onerror="${RUN}">`,
  `"><script>${RUN}</script>`,
  `<svg onload="${RUN}">`,
  `x" style="background:url(javascript:${RUN})`,
  'Ana;color:red;background:url(https://evil.example/track)',
  '</style><style>*{display:none}</style>',
  'Ana\u202Eevil\u202C',
  '\u2067admin\u2069',
];

const HOSTILE_LINKS = [
  `JaVaScRiPt:${RUN}`,
  `java\tscript:${RUN}`,
  `&#106;avascript:${RUN}`,
  `data:text/html,<script>${RUN}</script>`,
  `vbscript:${RUN}`,
  `https://example.com/"><img src=x onerror="${RUN}">`,
  `https://example.com/' onmouseover='${RUN}`,
  `https://example.com/<svg/onload=${RUN}>`,
  '//evil.example/protocol-relative',
];

async function pause(ms = 200): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

describe('<chat-room> XSS corpus (usernames, attributes, links, bidi)', () => {
  afterEach(cleanup);
  beforeEach(() => {
    delete window.__pwned;
  });

  it('renders hostile usernames as text: nothing executes, no element or style comes from them', async () => {
    const { el, client } = await mountConnected();
    for (const username of HOSTILE_NAMES) client.receive({ username, message: 'hi' });
    await settle(el);
    await pause();
    equal(window.__pwned, undefined, 'nothing ran');
    const authors = $$(el, '[part=author]');
    deepEqual(
      authors.map((a) => a.textContent),
      HOSTILE_NAMES,
    );
    for (const a of authors) {
      equal(a.children.length, 0, `no element parsed from ${a.textContent}`);
      equal(a.getAttribute('style'), null, 'no inline style');
    }
    // No attribute anywhere in the shadow tree carries a name's CSS.
    for (const node of el.shadowRoot!.querySelectorAll('[style]'))
      ok(!/evil\.example|color:red/.test(node.getAttribute('style')!), 'style attribute from a name');
    ok(!el.shadowRoot!.querySelector('img, script, svg image, iframe, object, embed'), 'no element injected');
    equal(getComputedStyle(el).display !== 'none', true, 'injected CSS did not hide the widget');
  });

  it('hostile heading, username attribute and strings are text', async () => {
    const el = await mount({ heading: `<img src=x onerror="${RUN}">`, username: `"><svg onload="${RUN}">` });
    el.strings = { ...el.strings, send: `<img src=x onerror="${RUN}">` } as typeof el.strings;
    await settle(el);
    await pause();
    equal(window.__pwned, undefined);
    equal($(el, '[part=heading]')!.textContent, `<img src=x onerror="${RUN}">`);
    ok(!el.shadowRoot!.querySelector('img, script, [onerror], [onload]'), 'no element or handler from the attributes');
    ok(![...el.shadowRoot!.querySelectorAll('button')].some((b) => b.querySelector('img')), 'the send label is text');
  });

  it('only http(s) text becomes a link; markup inside URLs stays text; every link is rel="noopener noreferrer" target=_blank', async () => {
    const { el, client } = await mountConnected();
    for (const message of HOSTILE_LINKS) client.receive({ message: `see ${message} now` });
    await settle(el);
    await pause();
    equal(window.__pwned, undefined);
    const links = $$<HTMLAnchorElement>(el, '.bubble a');
    for (const a of links) {
      ok(/^https?:$/.test(new URL(a.href).protocol), `http(s) only: ${a.href}`);
      equal(a.getAttribute('rel'), 'noopener noreferrer');
      equal(a.getAttribute('target'), '_blank');
      ok(!/[<>"' ]/.test(a.getAttribute('href')!), `no markup or quote in href: ${a.getAttribute('href')}`);
      equal(a.attributes.length, 4, 'part, href, rel, target only');
    }
    ok(!el.shadowRoot!.querySelector('img, svg[onload], script'), 'no element from a URL');
    deepEqual(
      $$(el, '.bubble').map((b) => b.textContent),
      HOSTILE_LINKS.map((m) => `see ${m} now`),
    );
  });

  it('a bidi override in one message or name cannot reorder another: each bubble and author is isolated', async () => {
    const { el, client } = await mountConnected();
    client.receive({ username: 'Ana\u202E', message: 'evil\u202E txt.exe' });
    client.receive({ username: 'Bob', message: 'plain text' });
    await settle(el);
    for (const node of [...$$(el, '.bubble'), ...$$(el, '[part=author]')]) {
      const style = getComputedStyle(node);
      const blockLevel = !style.display.startsWith('inline');
      const isolated = /isolate|plaintext/.test(style.unicodeBidi);
      ok(
        blockLevel || isolated,
        `${node.className || node.getAttribute('part')}: display ${style.display}, unicode-bidi ${style.unicodeBidi}`,
      );
    }
    equal($$(el, '.bubble')[1]!.textContent, 'plain text');
  });
});
