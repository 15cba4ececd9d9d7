import type { ChatRoomElement } from './chat-room.component.js';
import { equal, ok, waitFor } from './test/assert.js';
import { makeMessages } from './test/fake-client.js';
import { $, $$, cleanup, mountConnected, settle, text } from './test/fixture.js';

const log = (el: ChatRoomElement) => $(el, '[part=messages]')!;
const atBottom = (el: ChatRoomElement) => {
  const l = log(el);
  return l.scrollHeight - l.scrollTop - l.clientHeight < 2;
};

/** Scrolls the list the way a reader does and waits for the scroll event to be handled. */
async function scrollTo(el: ChatRoomElement, top: number): Promise<void> {
  const l = log(el);
  const seen = new Promise((r) => l.addEventListener('scroll', r, { once: true }));
  l.scrollTop = top;
  await seen;
  await settle(el);
}

/** Where a message is on screen, relative to the top of the list's viewport. */
function screenTop(el: ChatRoomElement, messageId: string): number {
  const item = $(el, `[data-key="m:${messageId}"]`)!;
  return item.getBoundingClientRect().top - log(el).getBoundingClientRect().top;
}

describe('<chat-room> scrolling', () => {
  afterEach(cleanup);

  it('stays at the bottom as messages arrive', async () => {
    const { el, client } = await mountConnected();
    client.history(makeMessages(50));
    await settle(el);
    ok(atBottom(el), 'at the bottom after history');
    client.receive({ username: 'alice', message: 'new' });
    await settle(el);
    ok(atBottom(el), 'still at the bottom');
    ok(!$(el, '[part=pill]'));
  });

  it('keeps the reader’s place when scrolled up, and shows a "new messages" pill that goes down', async () => {
    const { el, client } = await mountConnected();
    const history = makeMessages(50);
    client.history(history);
    await settle(el);
    await scrollTo(el, 400);
    const probe = history[20]!.messageId;
    const before = screenTop(el, probe);
    client.receive({ username: 'alice' });
    client.receive({ username: 'bob' });
    await settle(el);
    equal(Math.round(screenTop(el, probe)), Math.round(before), 'the view did not move');
    equal(text($(el, '[part=pill]')), '2 new ↓');
    $(el, '[part=pill]')!.click();
    await settle(el);
    await waitFor(() => atBottom(el), 'back at the bottom');
    ok(!$(el, '[part=pill]'), 'pill gone');
  });

  it('scrolling back down to the bottom clears the pill', async () => {
    const { el, client } = await mountConnected();
    client.history(makeMessages(50));
    await settle(el);
    await scrollTo(el, 300);
    client.receive({ username: 'alice' });
    await settle(el);
    ok($(el, '[part=pill]'));
    await scrollTo(el, log(el).scrollHeight);
    ok(!$(el, '[part=pill]'));
  });

  it('loads older history on scrolling to the top without the view jumping', async () => {
    const { el, client } = await mountConnected();
    const history = makeMessages(50);
    client.history(history, true);
    await settle(el);
    await scrollTo(el, 0);
    ok(client.calls.includes('loadOlder'), 'asked for older messages');
    await waitFor(() => $(el, '.hint'), 'a loading hint');
    const probe = history[0]!.messageId;
    const before = screenTop(el, probe);
    const older = makeMessages(50).map((m, i) => ({
      ...m,
      messageId: `a${String(i).padStart(4, '0')}`,
      timestamp: history[0]!.timestamp - (50 - i) * 1000,
    }));
    client.deliverOlder!(older, false);
    await settle(el);
    equal(Math.round(screenTop(el, probe)), Math.round(before), 'the message the reader saw did not move');
    ok(log(el).scrollTop > 0, 'older messages are above');
    equal($$(el, '.message').length, 100);
  });

  it('renders a window of the latest messages and reveals more on scrolling up', async () => {
    const { el, client } = await mountConnected();
    const all = makeMessages(1000);
    client.history(all);
    await settle(el);
    equal($$(el, '.message').length, 200, 'only the last 200 rendered');
    equal($(el, '.message:last-of-type .bubble')?.textContent, all[999]!.message);
    const probe = all[800]!.messageId;
    await scrollTo(el, 0);
    await waitFor(() => $$(el, '.message').length === 300, '100 more rendered');
    ok(screenTop(el, probe) >= 0, 'the first message seen is still in view');
    ok(!client.calls.includes('loadOlder'), 'no server request while local messages remain');
  });

  it('appends to a 10,000-message list by rendering only the new item (keyed, windowed)', async () => {
    const { el, client } = await mountConnected();
    client.history(makeMessages(10_000));
    await settle(el);
    const nodes = $$(el, '.message');
    equal(nodes.length, 200);
    client.receive({ username: 'alice', message: 'the 10,001st' });
    await settle(el);
    const after = $$(el, '.message');
    equal(after.length, 200, 'the window stays 200 long');
    equal(after[198], nodes[199], 'existing message nodes are reused, not re-created');
    equal(after[199]!.querySelector('.bubble')!.textContent, 'the 10,001st');
  });
});
