import { sendKeys } from '@web/test-runner-commands';
import type { ChatRoomEventMap } from './events.js';
import { deepEqual, equal, ok, waitFor } from './test/assert.js';
import { FakeClient } from './test/fake-client.js';
import { $, cleanup, mount, mountConnected, settle, text } from './test/fixture.js';

type Recorded = { type: string; detail: unknown; bubbles: boolean; composed: boolean };

/** Records the widget's events as the host page sees them: on document, outside the shadow root. */
function record(): { events: Recorded[]; stop(): void } {
  const events: Recorded[] = [];
  const types: (keyof ChatRoomEventMap)[] = ['chat-message', 'chat-status', 'chat-error', 'chat-open', 'chat-close'];
  const listener = (e: Event) =>
    events.push({ type: e.type, detail: (e as CustomEvent).detail, bubbles: e.bubbles, composed: e.composed });
  for (const t of types) document.addEventListener(t, listener);
  return { events, stop: () => types.forEach((t) => document.removeEventListener(t, listener)) };
}

describe('<chat-room> events', () => {
  let recorder: ReturnType<typeof record>;
  beforeEach(() => {
    recorder = record();
  });
  afterEach(() => {
    recorder.stop();
    cleanup();
  });

  it('emits chat-status for each state change, in order, bubbling and composed', async () => {
    const client = new FakeClient({ username: 'me' });
    await mount({}, { client });
    client.setState('connected');
    client.setState('reconnecting', { retryAt: Date.now() + 3000, code: 'NETWORK' });
    const status = recorder.events.filter((e) => e.type === 'chat-status');
    deepEqual(
      status.map((e) => (e.detail as { state: string }).state),
      ['connecting', 'connected', 'reconnecting'],
    );
    equal((status[2]!.detail as { previous: string }).previous, 'connected');
    equal((status[2]!.detail as { code: string }).code, 'NETWORK');
    ok(
      status.every((e) => e.bubbles && e.composed),
      'bubbles and composed',
    );
  });

  it('emits chat-message for new messages with own=false for others and own=true for mine', async () => {
    const { client } = await mountConnected();
    client.receive({ username: 'alice', message: 'hello' });
    client.receive({ username: 'me', message: 'hi alice' });
    const messages = recorder.events.filter((e) => e.type === 'chat-message');
    deepEqual(
      messages.map((e) => [
        (e.detail as { message: { message: string } }).message.message,
        (e.detail as { own: boolean }).own,
      ]),
      [
        ['hello', false],
        ['hi alice', true],
      ],
    );
  });

  it('does not emit chat-message for history', async () => {
    const { client } = await mountConnected();
    client.history([{ messageId: 'a1', roomId: 'lobby', username: 'bob', message: 'old', timestamp: 1 }]);
    equal(recorder.events.filter((e) => e.type === 'chat-message').length, 0);
  });

  it('emits chat-error with the code and message of a server error', async () => {
    const { client } = await mountConnected();
    client.serverError('RATE_LIMITED', 'slow down');
    const errors = recorder.events.filter((e) => e.type === 'chat-error');
    deepEqual(
      errors.map((e) => e.detail),
      [{ code: 'RATE_LIMITED', message: 'slow down' }],
    );
  });

  it('emits chat-error with the clientMessageId of the send the server refused', async () => {
    const { el, client } = await mountConnected();
    el.send('too fast').catch(() => {});
    client.serverError('RATE_LIMITED', 'slow down', 'c1');
    const errors = recorder.events.filter((e) => e.type === 'chat-error');
    deepEqual(
      errors.map((e) => e.detail),
      [{ code: 'RATE_LIMITED', message: 'slow down', clientMessageId: 'c1' }],
    );
  });

  it('emits chat-open then chat-close in launcher mode, once each', async () => {
    const { el } = await mountConnected({ mode: 'launcher' });
    await el.open();
    await el.open();
    await el.close();
    await el.close();
    deepEqual(
      recorder.events.filter((e) => e.type === 'chat-open' || e.type === 'chat-close').map((e) => e.type),
      ['chat-open', 'chat-close'],
    );
  });

  it('send() sends through the client and resolves on the ack; the pending message shows until then', async () => {
    const { el, client } = await mountConnected();
    const sent = el.send('  hello world  ');
    await settle(el);
    equal(client.sent[0], '  hello world  ');
    const pending = $(el, '.message.pending');
    ok(pending, 'a pending message');
    equal(text(pending.querySelector('.bubble')), 'hello world');
    equal(text(pending.querySelector('.delivery')), 'Sending…');
    const acked = client.ack();
    equal((await sent).messageId, acked.messageId);
    await settle(el);
    ok(!$(el, '.message.pending'));
    ok($(el, '.message.own'), 'own message rendered as own');
    equal(text($(el, '.message.own .author')), 'You');
  });

  it('a failed send shows the reason with Retry and Discard', async () => {
    const { el, client } = await mountConnected();
    el.send('will fail').catch(() => {});
    client.fail('c1', 'rate limited');
    await settle(el);
    const failed = $(el, '.message.failed')!;
    ok(failed);
    equal(text(failed.querySelector('.delivery span')), 'Not sent: rate limited');
    failed.querySelector<HTMLButtonElement>('[part=retry]')!.click();
    equal(client.calls.at(-1), 'retry:c1');
    await settle(el);
    ok($(el, '.message.pending'), 'sending again');
    client.fail('c1', 'still failing');
    await settle(el);
    $(el, '.message.failed [part=discard]')!.click();
    equal(client.calls.at(-1), 'discard:c1');
    await settle(el);
    ok(!$(el, '.message.failed'));
  });
});

describe('<chat-room> keyboard', () => {
  afterEach(cleanup);

  it('Enter sends, Shift+Enter adds a line', async () => {
    const { el, client } = await mountConnected();
    $(el, '#input')!.focus();
    await sendKeys({ type: 'first line' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'second line' });
    equal(client.sent.length, 0, 'Shift+Enter did not send');
    equal($<HTMLTextAreaElement>(el, '#input')!.value, 'first line\nsecond line');
    await sendKeys({ press: 'Enter' });
    deepEqual(client.sent, ['first line\nsecond line']);
    await settle(el);
    equal($<HTMLTextAreaElement>(el, '#input')!.value, '', 'the composer is cleared');
    equal(el.shadowRoot!.activeElement?.id, 'input', 'focus stays in the composer');
  });

  it('Enter does not send while an IME composition is in progress', async () => {
    const { el, client } = await mountConnected();
    const input = $<HTMLTextAreaElement>(el, '#input')!;
    input.focus();
    await sendKeys({ type: 'nihon' });
    input.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
    const enter = new KeyboardEvent('keydown', {
      key: 'Enter',
      bubbles: true,
      cancelable: true,
      composed: true,
      isComposing: true,
    });
    input.dispatchEvent(enter);
    equal(client.sent.length, 0, 'composition Enter does not send');
    ok(!enter.defaultPrevented, 'the IME gets its Enter');
    input.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true }));
    await sendKeys({ press: 'Enter' });
    deepEqual(client.sent, ['nihon']);
  });

  it('does not send blank text, and shows a counter near the limit and refuses over it', async () => {
    const { el, client } = await mountConnected();
    const input = $<HTMLTextAreaElement>(el, '#input')!;
    input.focus();
    await sendKeys({ type: '   ' });
    await sendKeys({ press: 'Enter' });
    equal(client.sent.length, 0);
    input.value = 'x'.repeat(1900);
    input.dispatchEvent(new Event('input'));
    await settle(el);
    equal(text($(el, '#composer-note')), '100 characters left');
    input.value = 'x'.repeat(2005);
    input.dispatchEvent(new Event('input'));
    await settle(el);
    equal(text($(el, '#composer-note')), '5 characters too many');
    ok($<HTMLButtonElement>(el, '[part=send]')!.disabled);
    equal(input.getAttribute('aria-invalid'), 'true');
    await sendKeys({ press: 'Enter' });
    equal(client.sent.length, 0);
  });

  it('launcher: Enter on the launcher opens and focuses the composer; Escape closes and focus returns', async () => {
    const { el } = await mountConnected({ mode: 'launcher' });
    const launcher = $<HTMLButtonElement>(el, '[part=launcher]')!;
    ok($(el, '[part=panel]')!.hidden, 'closed at first');
    launcher.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.shadowRoot!.activeElement?.id === 'input', 'focus in the composer');
    ok(!$(el, '[part=panel]')!.hidden);
    equal(launcher.getAttribute('aria-expanded'), 'true');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => el.shadowRoot!.activeElement === launcher, 'focus back on the launcher');
    ok($(el, '[part=panel]')!.hidden);
    equal(launcher.getAttribute('aria-expanded'), 'false');
  });

  it('launcher: the close button closes the panel', async () => {
    const { el } = await mountConnected({ mode: 'launcher' });
    await el.open();
    $(el, '[part=close]')!.click();
    await settle(el);
    ok($(el, '[part=panel]')!.hidden);
    ok(!el.isOpen);
  });
});
