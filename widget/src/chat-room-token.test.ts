// Token providers (`el.token = () => Promise<string>`) through the real ChatClient of the SDK; only its
// WebSocket is faked, so the test sees which token each connection attempt carries.
import { ChatClient } from '@chat-room/client-sdk';
import { ChatRoomElement } from './chat-room.component.js';
import { equal, match, ok, waitFor } from './test/assert.js';
import { $, cleanup, mount } from './test/fixture.js';

/** A WebSocket that never touches the network: the test opens and drops it. */
class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(): void {}
  close(): void {
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  /** The connection is lost (a network blip): close code 1006. */
  drop(): void {
    this.readyState = 3;
    this.onclose?.({ code: 1006, reason: '' });
  }
}

/** Counts calls; each call resolves with `${prefix}${n}`. Two providers of one prefix have the same source text. */
function provider(prefix: string) {
  const fn = Object.assign(() => Promise.resolve(`${prefix}${++fn.calls}`), { calls: 0 });
  return fn;
}

const tokenOf = (socket: FakeSocket) => new URL(socket.url).searchParams.get('token');

describe('<chat-room> token provider', () => {
  const original = ChatRoomElement.clientFactory;
  let created = 0;
  beforeEach(() => {
    FakeSocket.all = [];
    created = 0;
    ChatRoomElement.clientFactory = (options) => {
      created++;
      return new ChatClient({ ...options, WebSocket: FakeSocket, reconnectInterval: 10, jitter: 0 });
    };
  });
  afterEach(() => {
    cleanup();
    ChatRoomElement.clientFactory = original;
  });

  it('asks the provider for a token on connect and again before the reconnect after a drop', async () => {
    const token = provider('t');
    const el = await mount({ url: 'ws://example.test/local' }, { token });
    ok(!$(el, '#name'), 'no name prompt with a token provider');
    const first = await waitFor(() => FakeSocket.all[0], 'a first socket');
    equal(tokenOf(first), 't1');
    first.open();
    await waitFor(() => $(el, '[part=status]')?.dataset['state'] === 'connected', 'connected');
    first.drop();
    const second = await waitFor(() => FakeSocket.all[1], 'a socket for the reconnect');
    equal(tokenOf(second), 't2', 'a fresh token for the reconnect');
    equal(token.calls, 2);
    equal(created, 1, 'the same client reconnected');
  });

  it('treats a new provider as a new identity, even one with the same source text', async () => {
    const el = await mount({ url: 'ws://example.test/local' }, { token: provider('a') });
    (await waitFor(() => FakeSocket.all[0], 'a first socket')).open();
    const next = provider('a');
    el.token = next;
    const second = await waitFor(() => FakeSocket.all[1], 'a socket for the new provider');
    equal(next.calls, 1);
    equal(tokenOf(second), 'a1');
    equal(created, 1, 'setUser on the same client, not a new client');
  });

  it('honours a provider set as a property before the element is defined', async () => {
    const el = document.createElement('chat-room-token-late') as ChatRoomElement;
    el.setAttribute('url', 'ws://example.test/local');
    const token = provider('early');
    el.token = token;
    document.body.append(el);
    customElements.define('chat-room-token-late', class extends ChatRoomElement {});
    await el.updateComplete;
    ok(!$(el, '#name'), 'no name prompt');
    equal(el.token, token);
    const socket = await waitFor(() => FakeSocket.all[0], 'a socket');
    equal(tokenOf(socket), 'early1');
    el.remove();
  });

  it('tells own messages by the token\'s sub, not the display name: another "Sam" is not "You"', async () => {
    const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    const el = await mount({ url: 'ws://example.test/local' }, { token: `h.${b64({ sub: 'user-1', name: 'Sam' })}.s` });
    const socket = await waitFor(() => FakeSocket.all[0], 'a socket');
    socket.open();
    const message = (n: number, userId: string) => ({
      messageId: `m${n}`,
      roomId: 'lobby',
      username: 'Sam',
      userId,
      message: `from ${userId}`,
      timestamp: Date.now() - 1000 + n,
    });
    socket.onmessage?.({
      data: JSON.stringify({
        type: 'history',
        roomId: 'lobby',
        messages: [message(1, 'user-1'), message(2, 'user-2')],
        hasMore: false,
      }),
    });
    const rows = await waitFor(() => {
      const all = [...(el.shadowRoot?.querySelectorAll<HTMLElement>('[part~=message]') ?? [])];
      return all.length === 2 ? all : undefined;
    }, 'two messages');
    equal(rows.map((r) => r.getAttribute('part')).join(' | '), 'message own | message');
    equal(rows[1]!.querySelector('.author')?.textContent, 'Sam', 'the other Sam is named, not "You"');
    ok(!rows[1]!.classList.contains('continued'), 'and not grouped under the first Sam');
  });

  it('a provider that fails shows the error in the status', async () => {
    const el = await mount(
      { url: 'ws://example.test/local' },
      { token: () => Promise.reject(new Error('session expired')) },
    );
    await waitFor(() => $(el, '[part=status]')?.dataset['state'] === 'error', 'error state');
    match($(el, '.status-text')?.textContent ?? '', /session expired/);
  });
});
