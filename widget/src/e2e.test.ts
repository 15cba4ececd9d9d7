// End-to-end: real ChatClients and real sockets against the local stack (backend/dist/local, started by the
// test runner on first request to /__chat-room/stack). Fails with the stack's error until it can start.
import { sendKeys } from '@web/test-runner-commands';
import type { ChatRoomElement } from './chat-room.component.js';
import { equal, ok, waitFor } from './test/assert.js';
import { $$, cleanup, mount, text } from './test/fixture.js';

let wsUrl = '';

async function stackUrl(): Promise<string> {
  if (wsUrl) return wsUrl;
  const response = await fetch('/__chat-room/stack');
  const info = (await response.json()) as { wsUrl?: string; error?: string };
  if (!info.wsUrl) throw new Error(`end-to-end tests need the local stack: ${info.error ?? 'no wsUrl'}`);
  return (wsUrl = info.wsUrl);
}

const room = () => `e2e-${Math.random().toString(36).slice(2, 10)}`;
const bubbles = (root: ShadowRoot | null | undefined) =>
  [...(root?.querySelectorAll('.message:not(.pending) .bubble') ?? [])].map((b) => b.textContent);
const connected = (el: Element | null | undefined) =>
  el?.shadowRoot?.querySelector<HTMLElement>('[part=status]')?.dataset['state'] === 'connected';

async function typeAndSend(el: ChatRoomElement, message: string): Promise<void> {
  el.shadowRoot!.querySelector<HTMLTextAreaElement>('#input')!.focus();
  await sendKeys({ type: message });
  await sendKeys({ press: 'Enter' });
}

/** A page embedding the widget the way a site does: one <script> tag with data attributes. */
function embedPage(iframe: HTMLIFrameElement, attributes: Record<string, string>): Promise<void> {
  const data = Object.entries(attributes)
    .map(([k, v]) => `data-${k}="${v}"`)
    .join(' ');
  return new Promise((resolve) => {
    iframe.addEventListener('load', () => resolve(), { once: true });
    iframe.srcdoc = `<!doctype html><html lang="en"><body><script src="/widget/dist/chat-room.js" ${data} defer></script></body></html>`;
  });
}

describe('<chat-room> end to end on the local stack', () => {
  afterEach(cleanup);

  it('two widgets exchange messages in real time', async () => {
    const url = await stackUrl();
    const name = room();
    const alice = await mount({ url, room: name, username: 'alice' });
    const bob = await mount({ url, room: name, username: 'bob' });
    await waitFor(() => connected(alice) && connected(bob), 'both connected', 20_000);
    await typeAndSend(alice, 'hello bob <b>not bold</b>');
    await waitFor(() => bubbles(bob.shadowRoot).includes('hello bob <b>not bold</b>'), 'bob receives it', 15_000);
    await waitFor(
      () => alice.shadowRoot!.querySelector('.message.own .bubble')?.textContent === 'hello bob <b>not bold</b>',
      'alice sees it as her own',
    );
    await typeAndSend(bob, 'hi alice');
    await waitFor(() => bubbles(alice.shadowRoot).includes('hi alice'), 'alice receives the reply', 15_000);
    equal(text(alice.shadowRoot!.querySelector('.message:not(.own) .author')), 'bob');
  });

  it('two pages embedding dist/chat-room.js chat, and a reloaded page gets its history back', async () => {
    const url = await stackUrl();
    const probe = await fetch('/widget/dist/chat-room.js');
    ok(probe.ok, 'widget/dist/chat-room.js is built (npm run build -w @chat-room/widget)');
    const name = room();
    const frames = [document.createElement('iframe'), document.createElement('iframe')];
    for (const f of frames) {
      f.style.cssText = 'width:420px;height:560px;border:0';
      document.body.append(f);
    }
    try {
      await embedPage(frames[0]!, { url, room: name, username: 'carol', heading: 'Page one' });
      await embedPage(frames[1]!, { url, room: name, username: 'dave', heading: 'Page two' });
      const widget = (f: HTMLIFrameElement) => f.contentDocument?.querySelector('chat-room') as ChatRoomElement | null;
      await waitFor(
        () => connected(widget(frames[0]!)) && connected(widget(frames[1]!)),
        'both pages connected',
        20_000,
      );
      await widget(frames[0]!)!.send('first from carol');
      await waitFor(
        () => bubbles(widget(frames[1]!)?.shadowRoot).includes('first from carol'),
        'dave receives it',
        15_000,
      );
      await widget(frames[1]!)!.send('reply from dave');
      await waitFor(
        () => bubbles(widget(frames[0]!)?.shadowRoot).includes('reply from dave'),
        'carol receives it',
        15_000,
      );

      // Reload dave's page mid-conversation: the history comes back, and the chat goes on.
      await embedPage(frames[1]!, { url, room: name, username: 'dave', heading: 'Page two' });
      await waitFor(
        () => {
          const b = bubbles(widget(frames[1]!)?.shadowRoot);
          return b.includes('first from carol') && b.includes('reply from dave');
        },
        'the reloaded page shows the history',
        20_000,
      );
      const reloaded = widget(frames[1]!)!;
      equal(text(reloaded.shadowRoot!.querySelector('[part=heading]')), 'Page two');
      equal($$(reloaded, '.message.own').length, 1, 'dave’s own message is marked as his');
      await widget(frames[0]!)!.send('after the reload');
      await waitFor(
        () => bubbles(reloaded.shadowRoot).includes('after the reload'),
        'live messages after the reload',
        15_000,
      );
    } finally {
      for (const f of frames) f.remove();
    }
  });
});
