import type { ChatRoomElement } from './chat-room.component.js';
import { equal, ok } from './test/assert.js';
import { FakeClient, makeMessages } from './test/fake-client.js';
import { $, cleanup, mount, mountConnected, settle } from './test/fixture.js';

interface AxeResults {
  violations: { id: string; impact: string; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
}
declare global {
  interface Window {
    axe?: { run(context: Element, options?: object): Promise<AxeResults> };
  }
}

async function loadAxe(): Promise<NonNullable<Window['axe']>> {
  if (!window.axe) {
    await new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/node_modules/axe-core/axe.min.js';
      script.onload = resolve;
      script.onerror = () => reject(new Error('axe-core did not load from /node_modules/axe-core/axe.min.js'));
      document.head.append(script);
    });
  }
  return window.axe!;
}

/** Runs axe-core (WCAG 2.x A/AA and best practices) on the element and fails with every violation. */
async function expectNoViolations(el: ChatRoomElement, label: string): Promise<void> {
  const axe = await loadAxe();
  const results = await axe.run(el, { resultTypes: ['violations'] });
  const problems = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n    ')}`,
  );
  equal(problems.join('\n'), '', `axe violations in ${label}`);
}

describe('<chat-room> accessibility', () => {
  before(() => {
    document.documentElement.lang = 'en';
    document.title = 'chat-room a11y tests';
  });
  afterEach(cleanup);

  it('the list is a labelled role="log"; new messages reach a polite live region; the composer is labelled', async () => {
    const { el, client } = await mountConnected();
    const list = $(el, '[part=messages]')!;
    equal(list.getAttribute('role'), 'log');
    equal(list.getAttribute('aria-label'), 'Messages');
    equal(list.getAttribute('aria-live'), 'off', 'history and windowing are not announced');
    client.history(makeMessages(5));
    await settle(el);
    const live = $(el, '[aria-live=polite]')!;
    equal(live.textContent, '', 'history is not announced');
    client.receive({ username: 'alice', message: 'hello' });
    await settle(el);
    equal(live.textContent, 'alice: hello');
    const input = $<HTMLTextAreaElement>(el, '#input')!;
    equal(input.labels?.[0]?.textContent, 'Message');
    equal($(el, '.status-text')!.getAttribute('role'), 'status');
  });

  it('has no axe violations while connected with messages, pending and failed sends', async () => {
    const { el, client } = await mountConnected();
    client.history(makeMessages(20));
    client.receive({ username: 'alice', message: 'see https://example.com' });
    el.send('pending one').catch(() => {});
    el.send('failed one').catch(() => {});
    client.fail('c2', 'rate limited');
    await settle(el);
    await expectNoViolations(el, 'connected');
  });

  it('has no axe violations in the empty, reconnecting, disconnected and error states', async () => {
    const client = new FakeClient({ username: 'me' });
    const el = await mount({}, { client });
    await expectNoViolations(el, 'connecting, empty');
    client.setState('reconnecting', { retryAt: Date.now() + 5000 });
    await settle(el);
    await expectNoViolations(el, 'reconnecting');
    client.setState('disconnected', { code: 'GAVE_UP' });
    await settle(el);
    await expectNoViolations(el, 'disconnected');
    client.setState('error', { code: 'AUTH_REFUSED', reason: 'refused' });
    await settle(el);
    await expectNoViolations(el, 'error');
  });

  it('has no axe violations with the name prompt, and with the launcher closed and open', async () => {
    const prompt = await mount({ url: 'ws://127.0.0.1:9/local' });
    ok($(prompt, '#name'));
    await expectNoViolations(prompt, 'name prompt');
    cleanup();
    const { el, client } = await mountConnected({ mode: 'launcher' });
    client.receive({ username: 'alice' });
    await settle(el);
    await expectNoViolations(el, 'launcher closed with a badge');
    await el.open();
    await expectNoViolations(el, 'launcher open');
  });

  it('has no axe violations in the dark theme', async () => {
    const { el, client } = await mountConnected({ theme: 'dark' });
    client.history(makeMessages(3));
    client.receive({ username: 'me', message: 'mine' });
    await settle(el);
    await expectNoViolations(el, 'dark theme');
  });
});
