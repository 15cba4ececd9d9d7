/**
 * The whole local stack (gateway, functions, dynalite) stopped and started again on the same port and
 * data directory under live ChatClients: they reconnect with jitter, fill their gaps, flush their
 * outboxes, and every client ends with exactly the messages sent, each once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalStack } from '../../src/local/stack.js';
import { connect, startTestStack } from '../helpers/stack.js';
import { chatClient, exactlyOnce, waitFor, type TrackedClient } from './clients.js';
import { startTcpProxy } from './tcp-proxy.js';

test(
  'gateway restart under live clients: reconnect with jitter, gaps filled, nothing lost or shown twice',
  { timeout: 120_000 },
  async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chat-room-restart-'));
    let stack: LocalStack = await startTestStack({ persist: true, dataDir });
    const port = stack.port;
    const room = 'restart';
    // Bea reaches the gateway through a proxy we keep down after the restart, so she must fill a gap.
    const proxy = await startTcpProxy(port);
    const ana = chatClient(stack.wsUrl, { username: 'Ana', room });
    const bea = chatClient(proxy.url(stack.wsUrl), { username: 'Bea', room });
    const cid = chatClient(stack.wsUrl, { username: 'Cid', room });
    const all: TrackedClient[] = [ana, bea, cid];
    const sent: string[] = [];
    const send = async (c: TrackedClient, text: string) => {
      sent.push(text);
      return c.client.send(text);
    };
    try {
      for (const c of all) c.client.connect();
      await waitFor(() => all.every((c) => c.client.state === 'connected'), 'all connected');
      await Promise.all([send(ana, 'before 1'), send(cid, 'before 2')]);
      await waitFor(() => all.every((c) => c.client.messages.length === 2), 'everyone has the first two');

      await stack.close();
      proxy.cut();
      await waitFor(() => all.every((c) => c.client.state === 'reconnecting'), 'all reconnecting');
      // Sent while the server is down: kept in the outbox.
      const queued = [send(ana, 'queued while down 1'), send(ana, 'queued while down 2')];
      // Wait for at least one failed reconnect attempt each (connection refused) before restarting.
      await waitFor(() => ana.states.filter((s) => s === 'reconnecting').length >= 2, 'ana retried while down');

      stack = await startTestStack({ persist: true, dataDir, port });
      await Promise.all(queued);
      await waitFor(() => ana.client.state === 'connected' && cid.client.state === 'connected', 'ana and cid back');
      // Posted while Bea is still away: she must get these from the gap-fill.
      const other = await connect(stack.wsUrl, { username: 'Dee', room });
      for (const text of ['during 1', 'during 2', 'during 3']) {
        sent.push(text);
        await other.request({ action: 'sendMessage', message: text, clientMessageId: text.replace(' ', '-') }, ['ack']);
      }
      await other.close();
      assert.equal(bea.client.state, 'reconnecting', 'bea is still away');
      proxy.restore();
      await waitFor(() => bea.client.state === 'connected', 'bea back');
      await send(bea, 'after');
      await waitFor(
        () => all.every((c) => exactlyOnce(c, sent).ok),
        'every client has every message once',
        30_000,
      ).catch((error) => {
        throw new Error(`${(error as Error).message}: ${all.map((c) => exactlyOnce(c, sent).detail).join(' ')}`);
      });
      for (const c of all) {
        assert.ok(exactlyOnce(c, sent).ok, exactlyOnce(c, sent).detail);
        assert.deepEqual(c.client.outbox, [], 'outbox drained');
        // time-ordered by messageId
        const ids = c.client.messages.map((m) => m.messageId);
        assert.deepEqual(ids, [...ids].sort());
      }
      assert.equal(sent.length, 8);
    } finally {
      for (const c of all) c.client.disconnect();
      await proxy.close();
      await stack.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
);
