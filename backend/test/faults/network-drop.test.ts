/**
 * One client loses its network (a TCP proxy between it and the gateway is cut: its socket is reset, new
 * connections are refused) while the others stay connected. What it sends meanwhile waits in its outbox
 * and is delivered exactly once to everyone when the network comes back, including a send that was on
 * the wire when the network dropped (the retry with the same clientMessageId is answered, not stored again).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LocalStack } from '../../src/local/stack.js';
import { startTestStack } from '../helpers/stack.js';
import { stackRepositories } from '../helpers/stack-db.js';
import { chatClient, exactlyOnce, waitFor, type TrackedClient } from './clients.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

let stack: LocalStack;
let db: ReturnType<typeof stackRepositories>;
let proxy: TcpProxy;
before(async () => {
  stack = await startTestStack({ env: { RATE_LIMIT_MESSAGES: '100' } });
  db = stackRepositories(stack);
  proxy = await startTcpProxy(stack.port);
});
after(async () => {
  await proxy.close();
  db.close();
  await stack.close();
});

test(
  'a client offline for a while: its queued sends are delivered exactly once to everyone afterwards',
  { timeout: 120_000 },
  async () => {
    const room = 'offline';
    const away = chatClient(proxy.url(stack.wsUrl), { username: 'Away', room });
    const stay = chatClient(stack.wsUrl, { username: 'Stay', room });
    const watch = chatClient(stack.wsUrl, { username: 'Watch', room });
    const all: TrackedClient[] = [away, stay, watch];
    const sent: string[] = [];
    try {
      for (const c of all) c.client.connect();
      await waitFor(() => all.every((c) => c.client.state === 'connected'), 'all connected');
      sent.push('hello');
      await away.client.send('hello');

      // A send on the wire when the network drops: it may or may not have reached the server.
      sent.push('in flight');
      const inFlight = away.client.send('in flight');
      proxy.cut();
      await waitFor(() => away.client.state === 'reconnecting', 'away is reconnecting');
      const queued = ['queued 1', 'queued 2', 'queued 3'];
      sent.push(...queued);
      const pending = queued.map((t) => away.client.send(t));
      sent.push('while away');
      await stay.client.send('while away');
      // Offline "for a while": several refused reconnect attempts.
      await waitFor(() => away.states.filter((s) => s === 'reconnecting').length >= 4, 'several failed attempts');
      assert.equal(away.client.outbox.length >= 3, true, 'sends are queued');
      assert.notEqual(away.client.state, 'connected');

      proxy.restore();
      await Promise.all([inFlight, ...pending]);
      await waitFor(() => all.every((c) => exactlyOnce(c, sent).ok), 'everyone has every message once').catch(
        (error) => {
          throw new Error(`${(error as Error).message}: ${all.map((c) => exactlyOnce(c, sent).detail).join(' ')}`);
        },
      );
      const stored = await db.stored(room);
      assert.deepEqual(stored.map((m) => m.message).sort(), [...sent].sort(), 'each stored once');
      assert.deepEqual(away.client.outbox, []);
      assert.equal(away.client.state, 'connected');
    } finally {
      for (const c of all) c.client.disconnect();
    }
  },
);
