// The built embed, dist/chat-room.js (minified templates and stylesheet, mangled internals), in pages that
// use it the way a site does. No server is needed: the url points at a closed port.
import { equal, ok, waitFor } from './test/assert.js';

const CLOSED = 'ws://127.0.0.1:9/local';

/** Loads `body` (which embeds the script) in a fresh iframe and resolves with its document. */
async function page(body: string): Promise<{ doc: Document; frame: HTMLIFrameElement }> {
  const probe = await fetch('/widget/dist/chat-room.js');
  ok(probe.ok, 'widget/dist/chat-room.js is built (npm run build -w @chat-room/widget)');
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width:480px;height:640px;border:0';
  document.body.append(frame);
  await new Promise((resolve) => {
    frame.addEventListener('load', resolve, { once: true });
    frame.srcdoc = `<!doctype html><html lang="en"><body>${body}</body></html>`;
  });
  return { doc: frame.contentDocument!, frame };
}

const shadow = (doc: Document) => doc.querySelector('chat-room')!.shadowRoot!;
const rendered = (doc: Document) =>
  waitFor(() => doc.querySelector('chat-room')?.shadowRoot?.querySelector('[part=panel]'), 'the widget rendered');

describe('dist/chat-room.js embedded with a script tag', () => {
  const frames: HTMLIFrameElement[] = [];
  afterEach(() => frames.splice(0).forEach((f) => f.remove()));

  it('mounts an inline widget right after its script tag with the data attributes, and asks for a name', async () => {
    const { doc, frame } = await page(
      `<main><script src="/widget/dist/chat-room.js" data-url="${CLOSED}" data-room="support" data-heading="Help desk" data-theme="dark" data-lang="en-GB" defer></script><p id="after">after</p></main>`,
    );
    frames.push(frame);
    await rendered(doc);
    const el = doc.querySelector('chat-room')!;
    equal(el.previousElementSibling?.tagName, 'SCRIPT', 'right after the script tag');
    for (const [name, value] of [
      ['url', CLOSED],
      ['room', 'support'],
      ['heading', 'Help desk'],
      ['theme', 'dark'],
      ['lang', 'en-GB'],
    ]) {
      equal(el.getAttribute(name!), value, name);
    }
    const root = shadow(doc);
    equal(root.querySelector('[part=heading]')!.textContent, 'Help desk');
    equal(root.querySelector('[part=panel]')!.getAttribute('role'), 'region');
    const input = root.querySelector<HTMLInputElement>('#name')!;
    equal(input.labels?.[0]?.textContent, 'Your name');
    equal(input.getAttribute('aria-describedby'), 'name-error');
    equal(input.getAttribute('maxlength'), '32');
    equal(
      frame.contentWindow!.getComputedStyle(root.querySelector('[part=panel]')!).display,
      'flex',
      'the stylesheet applies',
    );
  });

  it('mounts a launcher at the end of <body>, which opens a labelled dialog with a working composer', async () => {
    const { doc, frame } = await page(
      `<script src="/widget/dist/chat-room.js" data-url="${CLOSED}" data-username="ann" data-mode="launcher" defer></script><footer>end</footer>`,
    );
    frames.push(frame);
    await rendered(doc);
    const el = doc.querySelector('chat-room') as HTMLElement & { open(): Promise<void>; isOpen: boolean };
    equal(doc.body.lastElementChild, el, 'at the end of <body>');
    const root = shadow(doc);
    const panel = root.querySelector<HTMLElement>('[part=panel]')!;
    const launcher = root.querySelector<HTMLButtonElement>('[part=launcher]')!;
    ok(panel.hidden, 'closed at first');
    equal(launcher.getAttribute('aria-expanded'), 'false');
    equal(launcher.getAttribute('aria-controls'), panel.id);
    launcher.click();
    await waitFor(() => !panel.hidden, 'the panel opens');
    ok(el.isOpen);
    equal(panel.getAttribute('role'), 'dialog');
    equal(launcher.getAttribute('aria-expanded'), 'true');
    const textarea = root.querySelector<HTMLTextAreaElement>('#input')!;
    equal(textarea.labels?.[0]?.textContent, 'Message');
    ok(!textarea.disabled, 'sends are queued while the connection is not up');
    textarea.value = 'x'.repeat(1990);
    textarea.dispatchEvent(new Event('input'));
    await waitFor(() => root.querySelector('#composer-note')?.textContent === '10 characters left', 'the counter');
    ok(root.querySelector('[part=status] .status-text'), 'a status');
    equal(frame.contentWindow!.getComputedStyle(launcher).position, 'fixed', 'the launcher floats');
  });

  it('waits for <body> when loaded from <head> without defer, then mounts at its end', async () => {
    const { doc, frame } = await page('');
    frames.push(frame);
    // A new document whose <head> holds the script tag (document.write keeps it parser-inserted and blocking,
    // so it runs before <body> exists).
    doc.open();
    doc.write(
      `<!doctype html><html lang="en"><head><script src="/widget/dist/chat-room.js" data-url="${CLOSED}" data-username="ann"></script></head><body><div id="content">content</div></body></html>`,
    );
    doc.close();
    await rendered(doc);
    const el = doc.querySelector('chat-room')!;
    equal(el.parentElement, doc.body);
    equal(el.previousElementSibling?.id, 'content', 'after the page content');
  });

  it('honours a token provider set as a property before the script loads, and asks it again to reconnect', async () => {
    // The page sets the property while <chat-room> is still an unknown element; the deferred script upgrades it.
    const { doc, frame } = await page(
      `<chat-room url="${CLOSED}"></chat-room><script>window.calls = 0; document.querySelector('chat-room').token = () => Promise.resolve('t' + ++window.calls);</script><script src="/widget/dist/chat-room.js" defer></script>`,
    );
    frames.push(frame);
    await rendered(doc);
    const win = frame.contentWindow as Window & { calls: number };
    ok(!shadow(doc).querySelector('#name'), 'no name prompt');
    await waitFor(() => win.calls >= 1, 'the provider is asked to connect');
    // The port is closed: the connection fails and the client retries (after about 3 s) with a fresh token.
    await waitFor(() => win.calls >= 2, 'the provider is asked again to reconnect', 15_000);
  });

  it('mounts into data-target when given', async () => {
    const { doc, frame } = await page(
      `<div id="slot"></div><script src="/widget/dist/chat-room.js" data-url="${CLOSED}" data-username="ann" data-target="#slot" defer></script>`,
    );
    frames.push(frame);
    await rendered(doc);
    equal(doc.querySelector('chat-room')!.parentElement!.id, 'slot');
  });
});
