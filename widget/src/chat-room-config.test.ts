import { sendKeys } from '@web/test-runner-commands';
import { ChatRoomElement } from './chat-room.component.js';
import type { ClientOptions } from './client-types.js';
import { fr } from './strings-fr.js';
import { deepEqual, equal, match, ok, waitFor } from './test/assert.js';
import { FakeClient } from './test/fake-client.js';
import { $, cleanup, mount, mountConnected, settle, text } from './test/fixture.js';

/** Replaces the client factory (the SDK dependency) with one handing out fakes, recording the options. */
function fakeFactory() {
  const original = ChatRoomElement.clientFactory;
  const created: { options: ClientOptions; client: FakeClient }[] = [];
  ChatRoomElement.clientFactory = (options) => {
    const client = new FakeClient(options.username ? { username: options.username } : {});
    created.push({ options, client });
    return client;
  };
  return { created, restore: () => (ChatRoomElement.clientFactory = original) };
}

describe('<chat-room> configuration', () => {
  let factory: ReturnType<typeof fakeFactory>;
  beforeEach(() => {
    factory = fakeFactory();
  });
  afterEach(() => {
    cleanup();
    factory.restore();
  });

  it('creates its client from url, room and username and connects it', async () => {
    await mount({ url: 'ws://example.test/local', room: 'support', username: 'ann' });
    equal(factory.created.length, 1);
    deepEqual(factory.created[0]!.options, { url: 'ws://example.test/local', room: 'support', username: 'ann' });
    deepEqual(factory.created[0]!.client.calls, ['connect']);
  });

  it('asks for a name when none is given, validates it, then connects as that user', async () => {
    const el = await mount({ url: 'ws://example.test/local' });
    equal(factory.created.length, 0, 'no client without a name');
    ok(!$(el, '[part=composer]'), 'no composer yet');
    const input = $<HTMLInputElement>(el, '#name')!;
    equal(input.labels?.[0]?.textContent, 'Your name');
    input.focus();
    await sendKeys({ type: ' ' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    match(text($(el, '#name-error')), /username must be/);
    equal(input.getAttribute('aria-invalid'), 'true');
    input.value = 'Zoë';
    $<HTMLButtonElement>(el, '[part=join]')!.click();
    await settle(el);
    equal(el.username, 'Zoë');
    equal(factory.created.length, 1);
    equal(factory.created[0]!.options.username, 'Zoë');
    ok(factory.created[0]!.client.calls.includes('connect'));
    await waitFor(() => el.shadowRoot!.activeElement?.id === 'input', 'focus moves to the composer');
  });

  it('send() before a name is entered rejects asking for a name, not saying no server is configured', async () => {
    const el = await mount({ url: 'ws://example.test/local' });
    let error: unknown;
    await el.send('hello').catch((e: unknown) => (error = e));
    ok(error instanceof Error, 'rejected');
    equal(error.message, 'Choose a name to join the chat');
    equal(factory.created.length, 0);
  });

  it('calls setUser when the username changes and re-creates the client when the room changes', async () => {
    const el = await mount({ url: 'ws://example.test/local', username: 'ann' });
    const first = factory.created[0]!.client;
    el.username = 'bea';
    await settle(el);
    equal(factory.created.length, 1);
    ok(first.calls.includes('setUser'));
    equal(first.username, 'bea');
    el.room = 'other';
    await settle(el);
    equal(factory.created.length, 2);
    ok(first.calls.includes('disconnect'), 'the old client is closed');
    equal(factory.created[1]!.options.room, 'other');
  });

  it('disconnects when detached and connects again when re-attached; moving it keeps the connection', async () => {
    const el = await mount({ url: 'ws://example.test/local', username: 'ann' });
    const client = factory.created[0]!.client;
    client.setState('connected');
    const other = document.createElement('div');
    document.body.append(other);
    other.append(el); // a move: detached and attached in one task
    await Promise.resolve();
    await Promise.resolve();
    ok(!client.calls.includes('disconnect'), 'a move does not disconnect');
    el.remove();
    await waitFor(() => client.calls.includes('disconnect'), 'disconnect after detach');
    equal(client.state, 'disconnected');
    document.body.append(el);
    await settle(el);
    equal(client.calls.filter((c) => c === 'connect').length, 2, 'connects again on re-attach');
    equal(factory.created.length, 1, 'same client');
    other.remove();
  });

  it('an injected client is used as is: no factory, and the controller stops listening once detached', async () => {
    const client = new FakeClient({ username: 'me' });
    const el = await mount({ url: 'ws://ignored.test/x' }, { client });
    equal(factory.created.length, 0);
    el.remove();
    await waitFor(() => client.calls.includes('disconnect'), 'disconnect after detach');
    const events: string[] = [];
    el.addEventListener('chat-message', () => events.push('message'));
    client.receive({ username: 'x' });
    equal(events.length, 0, 'no events from a detached element');
  });

  it('honours properties set before the element is defined', async () => {
    const el = document.createElement('chat-room-late') as ChatRoomElement;
    const client = new FakeClient({ username: 'me' });
    el.client = client;
    el.strings = { heading: 'Early heading' };
    el.mode = 'launcher';
    document.body.append(el);
    customElements.define('chat-room-late', class extends ChatRoomElement {});
    await (el as ChatRoomElement).updateComplete;
    equal(text($(el, '[part=heading]')), 'Early heading');
    equal(el.getAttribute('mode'), 'launcher');
    ok(client.calls.includes('connect'), 'the early client is connected');
    equal(factory.created.length, 0);
    el.remove();
  });

  it('uses strings overrides and built-in translations chosen by lang', async () => {
    const { el } = await mountConnected({ heading: 'Team chat' });
    equal(text($(el, '[part=heading]')), 'Team chat');
    el.strings = { send: 'Post', placeholder: 'Say something' };
    await settle(el);
    equal(text($(el, '[part=send]')), 'Post');
    equal($<HTMLTextAreaElement>(el, '#input')!.placeholder, 'Say something');
    ChatRoomElement.translations['fr'] = fr;
    try {
      el.strings = {};
      el.lang = 'fr-CA';
      el.heading = '';
      await settle(el);
      equal(el.getAttribute('lang'), 'fr-CA');
      equal(text($(el, '[part=heading]')), 'Discussion');
      equal(text($(el, '[part=send]')), 'Envoyer');
      equal(text($(el, '.status-text')), 'Connecté');
    } finally {
      delete ChatRoomElement.translations['fr'];
    }
  });

  it('applies the theme attribute', async () => {
    const { el } = await mountConnected({ theme: 'dark' });
    const panel = $(el, '[part=panel]')!;
    const darkBg = getComputedStyle(panel).backgroundColor;
    el.theme = 'light';
    await settle(el);
    const lightBg = getComputedStyle(panel).backgroundColor;
    ok(darkBg !== lightBg, `dark ${darkBg} differs from light ${lightBg}`);
    el.style.setProperty('--chat-room-bg', 'rgb(1, 2, 3)');
    equal(getComputedStyle(panel).backgroundColor, 'rgb(1, 2, 3)', '--chat-room-bg wins');
  });
});
