import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AckFrame, HistoryFrame } from '@chat-room/client-sdk/protocol';
import { connect, startTestStack } from '../helpers/stack.js';

test('history survives a stack restart with the same dataDir', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-room-stack-'));
  try {
    const first = await startTestStack({ persist: true, dataDir });
    const writer = await connect(first.wsUrl, { username: 'keeper', room: 'durable' });
    const ids: string[] = [];
    for (const text of ['one', 'two', 'three']) {
      ids.push(
        (
          await writer.request<AckFrame>({ action: 'sendMessage', message: text, clientMessageId: `p-${text}` }, [
            'ack',
          ])
        ).messageId,
      );
    }
    await writer.close();
    await first.close();

    const second = await startTestStack({ persist: true, dataDir });
    try {
      const reader = await connect(second.wsUrl, { username: 'reader', room: 'durable' });
      const history = await reader.request<HistoryFrame>({ action: 'getHistory' }, ['history']);
      assert.deepEqual(
        history.messages.map((m) => m.message),
        ['one', 'two', 'three'],
      );
      assert.deepEqual(
        history.messages.map((m) => m.messageId),
        ids,
      );
      // idempotency records survive too: a late retry of an old send is acknowledged, not stored again
      const writerAgain = await connect(second.wsUrl, { username: 'keeper', room: 'durable' });
      const ack = await writerAgain.request<AckFrame>(
        { action: 'sendMessage', message: 'two', clientMessageId: 'p-two' },
        ['ack'],
      );
      assert.equal(ack.messageId, ids[1]);
      const after = await reader.request<HistoryFrame>({ action: 'getHistory' }, ['history']);
      assert.equal(after.messages.length, 3);
      await Promise.all([reader.close(), writerAgain.close()]);
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
