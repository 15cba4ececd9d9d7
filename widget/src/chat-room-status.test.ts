import { ChatRoomElement } from './chat-room.component.js';
import { equal, match, ok, waitFor } from './test/assert.js';
import { FakeClient } from './test/fake-client.js';
import { $, cleanup, mount, settle, text } from './test/fixture.js';

describe('<chat-room> status', () => {
  afterEach(cleanup);

  it('is registered once, by the define entry', () => {
    ok(customElements.get('chat-room') === ChatRoomElement);
  });

  it('connects an injected client on attach and shows connecting, then connected', async () => {
    const client = new FakeClient({ username: 'me' });
    const el = await mount({}, { client });
    equal(client.calls[0], 'connect');
    equal($(el, '[part=status]')!.dataset['state'], 'connecting');
    match(text($(el, '.status-text')), /Connecting/);
    client.setState('connected');
    await settle(el);
    equal($(el, '[part=status]')!.dataset['state'], 'connected');
    equal(text($(el, '.status-text')), 'Connected');
    ok(!$(el, '[part=reconnect]'), 'no Reconnect button while connected');
  });

  it('shows reconnecting with a countdown that ticks every second, and the attempt', async () => {
    const client = new FakeClient({ username: 'me', state: 'connected' });
    const el = await mount({}, { client });
    client.attempt = 2;
    client.setState('reconnecting', { retryAt: Date.now() + 3000, code: 'NETWORK' });
    await settle(el);
    match(text($(el, '.status-text')), /Reconnecting/);
    const first = text($(el, '.countdown'));
    match(first, /in [23] s, attempt 2/);
    ok($(el, '.countdown')!.getAttribute('aria-hidden') === 'true', 'the ticking countdown is not announced');
    await waitFor(() => text($(el, '.countdown')) !== first, 'the countdown to tick', 3000);
    match(text($(el, '.countdown')), /in [0-2] s/);
  });

  it('shows disconnected with a Reconnect button that reconnects', async () => {
    const client = new FakeClient({ username: 'me', state: 'connected' });
    const el = await mount({}, { client });
    client.setState('disconnected', { code: 'GAVE_UP', reason: 'gave up after 5 attempts' });
    await settle(el);
    equal(text($(el, '.status-text')), 'Disconnected');
    const button = $<HTMLButtonElement>(el, '[part=reconnect]');
    ok(button, 'a Reconnect button');
    button.click();
    ok(client.calls.includes('reconnect'));
    await settle(el);
    equal($(el, '[part=status]')!.dataset['state'], 'connecting');
  });

  it('shows an error with its reason, and disables the composer with a reason', async () => {
    const client = new FakeClient({ username: 'me', state: 'connected' });
    const el = await mount({}, { client });
    client.setState('error', { code: 'AUTH_REFUSED', reason: 'The server refused the connection (HTTP 401)' });
    await settle(el);
    equal(text($(el, '.status-text')), 'Connection failed: The server refused the connection (HTTP 401)');
    ok($(el, '[part=reconnect]'));
    ok($<HTMLTextAreaElement>(el, '#input')!.disabled, 'cannot type while sending is impossible');
    match(text($(el, '#composer-note')), /can’t send/);
  });

  it('keeps the composer enabled while offline (sends are queued) and says so', async () => {
    const client = new FakeClient({ username: 'me', state: 'connected' });
    const el = await mount({}, { client });
    client.setState('reconnecting', { retryAt: Date.now() + 5000 });
    await settle(el);
    ok(!$<HTMLTextAreaElement>(el, '#input')!.disabled);
    match(text($(el, '#composer-note')), /Offline/);
  });

  it('says no server is configured when there is no url and no client', async () => {
    const el = await mount({ username: 'me' });
    equal($(el, '[part=status]')!.dataset['state'], 'idle');
    ok($<HTMLTextAreaElement>(el, '#input')!.disabled);
    match(text($(el, '#composer-note')), /No chat server is configured/);
  });

  it('shows options the SDK refuses (a bad room name) as an error with its reason instead of throwing', async () => {
    const el = await mount({ username: 'me', url: 'ws://127.0.0.1:9/local', room: 'no spaces allowed!' });
    equal($(el, '[part=status]')!.dataset['state'], 'error');
    match(text($(el, '.status-text')), /Connection failed: room must be/);
  });

  it('renders the empty state, then messages with sender names and times', async () => {
    const client = new FakeClient({ username: 'me', state: 'connected' });
    const el = await mount({}, { client });
    match(text($(el, '[part=empty]')), /No messages yet/);
    client.history([]);
    client.receive({ username: 'alice', message: 'hi there', timestamp: Date.UTC(2026, 0, 2, 15, 4) });
    await settle(el);
    ok(!$(el, '[part=empty]'));
    equal(text($(el, '.author')), 'alice');
    equal(text($(el, '.bubble')), 'hi there');
    const time = $(el, 'time')!;
    equal(time.getAttribute('datetime'), '2026-01-02T15:04:00.000Z');
    equal(
      text(time),
      new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(Date.UTC(2026, 0, 2, 15, 4)),
    );
  });
});
