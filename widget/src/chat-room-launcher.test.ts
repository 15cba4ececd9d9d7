import { equal, ok } from './test/assert.js';
import { $, cleanup, mountConnected, settle } from './test/fixture.js';

describe('<chat-room mode="launcher">', () => {
  afterEach(cleanup);

  it('counts unread messages from others on the badge while closed, and clears them on open', async () => {
    const { el, client } = await mountConnected({ mode: 'launcher' });
    ok(!$(el, '[part=badge]'), 'no badge at first');
    client.receive({ username: 'alice' });
    client.receive({ username: 'bob' });
    client.receive({ username: 'me' }); // own: not unread
    client.receive({ username: 'alice' });
    await settle(el);
    equal($(el, '[part=badge]')!.textContent, '3');
    equal($(el, '[part=launcher]')!.getAttribute('aria-label'), 'Open chat, 3 unread');
    await el.open();
    ok(!$(el, '[part=badge]'), 'cleared on open');
    client.receive({ username: 'alice' });
    await settle(el);
    ok(!$(el, '[part=badge]'), 'no unread while open');
    await el.close();
    for (let i = 0; i < 120; i++) client.receive({ username: 'alice' });
    await settle(el);
    equal($(el, '[part=badge]')!.textContent, '99+');
  });

  it('is a labelled dialog controlled by the launcher', async () => {
    const { el } = await mountConnected({ mode: 'launcher', heading: 'Support' });
    const panel = $(el, '[part=panel]')!;
    equal(panel.getAttribute('role'), 'dialog');
    equal(panel.getAttribute('aria-label'), 'Support');
    equal($(el, '[part=launcher]')!.getAttribute('aria-controls'), panel.id);
    const icon = $(el, '[part=launcher] path')!;
    equal(icon.namespaceURI, 'http://www.w3.org/2000/svg', 'the icon is real SVG');
    ok((icon as unknown as SVGGraphicsElement).getBBox().width > 0, 'and it draws');
  });

  it('open() and close() do nothing inline', async () => {
    const { el } = await mountConnected();
    await el.open();
    ok(el.isOpen);
    ok(!$(el, '[part=panel]')!.hidden);
    ok(!$(el, '[part=launcher]'));
  });

  it('switching to inline shows the panel', async () => {
    const { el } = await mountConnected({ mode: 'launcher' });
    ok($(el, '[part=panel]')!.hidden);
    el.mode = 'inline';
    await settle(el);
    ok(!$(el, '[part=panel]')!.hidden);
  });
});
