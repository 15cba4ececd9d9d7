// Runs in the benchmark page (headless Chromium). A fake ChatClient (the interface the widget's
// controller uses: EventTarget + state/messages/outbox/... + connect/send/...) feeds <chat-room> with no
// network; the same rows go to <plain-list>. Timings use performance.now() around the DOM update.
class FakeClient extends EventTarget {
  constructor() {
    super();
    this.state = 'connected';
    this.messages = [];
    this.outbox = [];
    this.hasMoreHistory = false;
    this.username = 'me';
    this.room = 'lobby';
  }
  connect() {}
  disconnect() {}
  reconnect() {}
  send() {
    return new Promise(() => {});
  }
  loadOlder() {
    return Promise.resolve(false);
  }
  setUser() {
    return Promise.resolve();
  }
  retry() {
    return Promise.resolve();
  }
  discard() {}
  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

let nextId = 1;
const base = Date.now() - 86_400_000;
function makeMessage() {
  const n = nextId++;
  return {
    messageId: `${String(base + n * 1000).padStart(15, '0')}-${String(n).padStart(8, '0')}`,
    roomId: 'lobby',
    username: n % 3 ? `user${n % 7}` : 'someone',
    message: `message number ${n}: the quick brown fox jumps over the lazy dog`,
    timestamp: base + n * 1000,
  };
}
const makeMessages = (count) => Array.from({ length: count }, makeMessage);
const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Creates the element under test with `loaded` messages rendered; returns { el, append(message) }. */
async function mount(kind, loaded) {
  const host = document.getElementById('host');
  host.replaceChildren();
  const messages = makeMessages(loaded);
  if (kind === 'widget') {
    const fake = new FakeClient();
    const el = document.createElement('chat-room');
    el.client = fake;
    el.setAttribute('username', 'me');
    el.style.height = '480px';
    el.style.width = '360px';
    host.append(el);
    await el.updateComplete;
    if (loaded) {
      fake.messages = messages;
      fake.emit('history', { kind: 'latest', messages, hasMore: false });
      await el.updateComplete;
    }
    return {
      el,
      append(message) {
        fake.messages.push(message); // the SDK's `messages` is a live array it appends to
        fake.emit('message', message);
      },
      history(list) {
        fake.messages = list;
        fake.emit('history', { kind: 'latest', messages: list, hasMore: false });
      },
    };
  }
  const el = document.createElement('plain-list');
  host.append(el);
  el.messages = messages;
  await el.updateComplete;
  return {
    el,
    append(message) {
      el.messages.push(message);
      el.requestUpdate();
    },
    history(list) {
      el.messages = list;
    },
  };
}

/** Times `appends` single-message appends with `loaded` messages already in the list. */
async function appendTimes(kind, loaded, appends) {
  const { el, append } = await mount(kind, loaded);
  await frame();
  await frame();
  const update = [];
  const layout = [];
  const nextFrame = [];
  for (let i = 0; i < appends; i++) {
    const message = makeMessage();
    const t0 = performance.now();
    append(message);
    await el.updateComplete;
    const t1 = performance.now();
    void el.renderRoot.firstElementChild?.getBoundingClientRect(); // style + layout, if still pending
    void document.body.offsetHeight; // forces style and layout
    const t2 = performance.now();
    await frame();
    const t3 = performance.now();
    update.push(t1 - t0);
    layout.push(t2 - t0);
    nextFrame.push(t3 - t0);
    if (!el.renderRoot.querySelector(`[data-key$="${message.messageId}"]`))
      throw new Error(`${kind}: appended message not rendered`);
    await settle();
  }
  return { update, layout, nextFrame, rendered: el.renderRoot.querySelectorAll('.message').length };
}

/** Times rendering the first 50-message history page into a freshly mounted, empty element. */
async function firstHistory(kind, repetitions) {
  const layout = [];
  for (let i = 0; i < repetitions; i++) {
    const { el, history } = await mount(kind, 0);
    await frame();
    const list = makeMessages(50);
    const t0 = performance.now();
    history(list);
    await el.updateComplete;
    void document.body.offsetHeight; // forces style and layout
    layout.push(performance.now() - t0);
    if (el.renderRoot.querySelectorAll('.message').length !== 50) throw new Error(`${kind}: history not rendered`);
    await settle();
  }
  return { layout };
}

window.bench = { appendTimes, firstHistory, ready: true };
