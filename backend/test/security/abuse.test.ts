/**
 * Abuse limits on the running local stack: oversized frames, bounded history, room and id validation at
 * connect and in frames, the per-connection rate limit, the SDK's own size check, and a flood in one
 * room not slowing another (a correctness bound, not a benchmark).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { ChatClient } from '@chat-room/client-sdk';
import {
  MESSAGE_MAX_LENGTH,
  type AckFrame,
  type ErrorFrame,
  type HistoryFrame,
  type MessageFrame,
} from '@chat-room/client-sdk/protocol';
import { connect, eventually, refusedStatus, startTestStack } from '../helpers/stack.js';
import { stackRepositories } from '../helpers/stack-db.js';
import { useTestStack } from '../helpers/suite.js';
import { startDynamoFaultProxy, type DynamoFaultProxy } from '../faults/dynamo-fault-proxy.js';

const suite = useTestStack({ env: { RATE_LIMIT_MESSAGES: '5', RATE_LIMIT_WINDOW_MS: '60000' } });
const { join } = suite;

test('a frame over 32 KB is closed with 1009 before any handler runs; nothing stored', async () => {
  const c = await join('Big', 'abuse-size');
  c.send({ action: 'sendMessage', message: 'x'.repeat(33 * 1024), clientMessageId: 'big-1' });
  await eventually(() => c.closeCode !== undefined, 'closed');
  assert.equal(c.closeCode, 1009);
  const binary = await join('Big', 'abuse-size');
  binary.ws.send(Buffer.alloc(40 * 1024, 1));
  await eventually(() => binary.closeCode !== undefined, 'binary closed');
  assert.equal(binary.closeCode, 1009);
  assert.equal((await suite.db.stored('abuse-size')).length, 0);
});

test('history limit is bounded: 101, 0, -1, 1.5, 1e308, "50", null → INVALID_MESSAGE; 100 is fine', async () => {
  const c = await join('Pager', 'abuse-history');
  for (const limit of [101, 0, -1, 1.5, 1e308, '50', null, true, [50], { n: 1 }]) {
    const reply = await c.request<ErrorFrame>({ action: 'getHistory', limit }, ['error', 'history']);
    assert.deepEqual([reply.type, reply.code], ['error', 'INVALID_MESSAGE'], `limit ${JSON.stringify(limit)}`);
  }
  // JSON cannot carry NaN/Infinity: written raw they are not JSON at all.
  assert.equal((await c.request<ErrorFrame>('{"action":"getHistory","limit":Infinity}', ['error'])).code, 'BAD_JSON');
  const ok = await c.request<HistoryFrame>({ action: 'getHistory', limit: 100 }, ['history', 'error']);
  assert.equal(ok.type, 'history');
});

test('cursors and ids in frames are validated: bad before/after/clientMessageId → INVALID_MESSAGE, nothing read from other rooms', async () => {
  const c = await join('Cursor', 'abuse-ids');
  const bad = [
    '',
    'x',
    '~idem#guest:x#1',
    '../lobby',
    '9'.repeat(600),
    '1764288000123-0000a3f09c1d2e4b\u0000',
    'lobby#1764288000123',
  ];
  for (const value of bad) {
    for (const field of ['before', 'after'] as const) {
      const reply = await c.request<ErrorFrame>({ action: 'getHistory', [field]: value }, ['error', 'history']);
      assert.deepEqual(
        [reply.type, reply.code],
        ['error', 'INVALID_MESSAGE'],
        `${field} ${JSON.stringify(value).slice(0, 40)}`,
      );
    }
  }
  for (const clientMessageId of ['', 'x'.repeat(65), 42, null, { a: 1 }]) {
    const reply = await c.request<ErrorFrame>({ action: 'sendMessage', message: 'hi', clientMessageId }, [
      'error',
      'ack',
    ]);
    assert.deepEqual(
      [reply.type, reply.code],
      ['error', 'INVALID_MESSAGE'],
      `clientMessageId ${JSON.stringify(clientMessageId)}`,
    );
  }
  // A frame cannot choose its room or name: extra fields are ignored, the connection's room is used.
  const ack = await c.request<AckFrame>(
    {
      action: 'sendMessage',
      message: 'mine',
      clientMessageId: 'own-1',
      roomId: 'lobby',
      username: 'Admin',
      room: 'lobby',
    },
    ['ack', 'error'],
  );
  const msg = await c.next<MessageFrame>((f) => f.type === 'message' && f.messageId === ack.messageId, 'own message');
  assert.deepEqual([msg.roomId, msg.username], ['abuse-ids', 'Cursor']);
  assert.equal((await suite.db.stored('lobby')).length, 0);
});

test('bad rooms and names at connect are refused on the upgrade (401), never an open socket', async () => {
  const rooms = [
    '',
    ' ',
    'a'.repeat(65),
    '../x',
    'a/b',
    'room?x=1',
    '<script>',
    'ro om',
    'x\u0000',
    '\u202Eevil',
    '__proto__#',
    'lobby\n',
  ];
  for (const room of rooms)
    assert.equal(
      await refusedStatus(suite.stack.wsUrl, { username: 'Ana', room }),
      401,
      `room ${JSON.stringify(room)}`,
    );
  const names = [
    '',
    ' Ana',
    'Ana ',
    'a'.repeat(33),
    '<b>x</b>',
    'x\u0000y',
    'a\u202Eb',
    'a\nb',
    '"><img src=x>',
    'name;color:red',
  ];
  for (const username of names)
    assert.equal(
      await refusedStatus(suite.stack.wsUrl, { username, room: 'lobby' }),
      401,
      `username ${JSON.stringify(username)}`,
    );
  // The well-formed edge cases connect.
  for (const [username, room] of [
    ['a'.repeat(32), 'a'.repeat(64)],
    ['Zoë-Ω_1.x', 'A.b-c_9'],
  ]) {
    const c = await connect(suite.stack.wsUrl, { username: username!, room: room! });
    await c.close();
  }
});

test('rate limit: RATE_LIMITED past the configured 5 per window, nothing more stored', async () => {
  const c = await join('Spam', 'abuse-rate');
  const replies = [];
  for (let i = 0; i < 8; i++)
    replies.push(
      await c.request<AckFrame | ErrorFrame>({ action: 'sendMessage', message: `m${i}`, clientMessageId: `r${i}` }, [
        'ack',
        'error',
      ]),
    );
  assert.deepEqual(
    replies.map((r) => (r.type === 'error' ? r.code : r.type)),
    ['ack', 'ack', 'ack', 'ack', 'ack', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED'],
  );
  assert.equal((await suite.db.stored('abuse-rate')).length, 5);
  // The seed form (no clientMessageId) is limited too.
  const seed = await c.request<ErrorFrame>({ action: 'sendMessage', message: 'seed form' }, ['error']);
  assert.equal(seed.code, 'RATE_LIMITED');
  assert.equal((await suite.db.stored('abuse-rate')).length, 5);
});

test('the SDK refuses an over-long message before sending it', async () => {
  const client = new ChatClient({
    url: suite.stack.wsUrl,
    room: 'abuse-sdk',
    username: 'Sdk',
    WebSocket: WebSocket as never,
    reconnectInterval: 100,
  });
  const frames: string[] = [];
  const probe = await join('Probe', 'abuse-sdk');
  try {
    client.connect();
    await eventually(() => client.state === 'connected', 'sdk connected');
    await assert.rejects(
      client.send('y'.repeat(MESSAGE_MAX_LENGTH + 1)),
      (e: Error & { code?: string }) => e.code === 'MESSAGE_TOO_LONG',
    );
    await assert.rejects(client.send('   '), (e: Error & { code?: string }) => /INVALID|EMPTY/.test(e.code ?? ''));
    assert.deepEqual(client.outbox, [], 'nothing queued');
    const ok = await client.send('fits');
    await probe.next((f) => f.type === 'message' && f.messageId === ok.messageId, 'the valid one arrives');
    frames.push(...probe.messages().map((m) => m.message));
    assert.deepEqual(frames, ['fits'], 'only the valid message reached the room');
  } finally {
    client.disconnect();
  }
});

test(
  'a flood in room A (rate limited, cheaply) does not slow room B: B send→receive stays under 2 s',
  { timeout: 120_000 },
  async (t) => {
    // Its own stack, with a proxy counting the functions' DynamoDB requests.
    let proxy: DynamoFaultProxy | undefined;
    const flooded = await startTestStack({
      env: { RATE_LIMIT_MESSAGES: '5', RATE_LIMIT_WINDOW_MS: '60000' },
      wrapDynamodbEndpoint: async (endpoint) => (proxy = await startDynamoFaultProxy(endpoint)).endpoint,
    });
    const floodDb = stackRepositories(flooded);
    const flooder = await connect(flooded.wsUrl, { username: 'Flood', room: 'flood-a' });
    const sender = await connect(flooded.wsUrl, { username: 'Bsend', room: 'flood-b' });
    const receiver = await connect(flooded.wsUrl, { username: 'Brecv', room: 'flood-b' });
    let flooding = true;
    let limited = 0;
    let replies = 0;
    let sentFrames = 0;
    flooder.ws.on('message', (data) => {
      replies++;
      if (String(data).includes('RATE_LIMITED')) limited++;
    });
    // As fast as the server answers: up to 32 frames in flight at any time, for as long as the test runs.
    const flood = (async () => {
      const frame = JSON.stringify({ action: 'sendMessage', message: 'flood '.repeat(300) });
      while (flooding && flooder.ws.readyState === WebSocket.OPEN) {
        if (sentFrames - replies < 32) {
          flooder.ws.send(frame);
          sentFrames++;
        } else await new Promise((r) => setTimeout(r, 1));
      }
    })();
    try {
      await eventually(() => limited > 50, 'the flooder is rate limited');
      const latencies: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = Date.now();
        const ack = await sender.request<AckFrame>(
          { action: 'sendMessage', message: `b${i}`, clientMessageId: `b${i}` },
          ['ack', 'error'],
        );
        assert.equal(ack.type, 'ack');
        await receiver.next((f) => f.type === 'message' && f.messageId === ack.messageId, `b${i} at the receiver`);
        latencies.push(Date.now() - t0);
      }
      t.diagnostic(
        `room B latencies ${latencies.join(', ')} ms during the flood (${sentFrames} frames, ${limited} RATE_LIMITED)`,
      );
      assert.ok(
        Math.max(...latencies) < 2000,
        `room B latencies ${latencies.join(', ')} ms during the flood (${sentFrames} frames, ${limited} RATE_LIMITED)`,
      );
    } finally {
      flooding = false;
      await flood;
      await Promise.all([flooder.close(), sender.close(), receiver.close()]);
    }
    assert.equal((await floodDb.stored('flood-a')).length, 5, 'the flood stored only its rate');
    // A refused frame costs no DynamoDB request once this container knows the connection is over its rate
    // (without that, each costs 3 failed conditional writes and a read). Only the first burst in flight
    // (≤ 32 frames) pays.
    const rateWrites = proxy!.seen.filter(
      (r) => r.operation === 'UpdateItem' && r.table === flooded.tableNames.connections,
    ).length;
    assert.ok(rateWrites <= 3 * 40, `${rateWrites} rate-limit writes for ${limited} refused frames`);
    assert.ok(rateWrites < limited / 2, `${rateWrites} rate-limit writes for ${limited} refused frames`);
    floodDb.close();
    await flooded.close();
    await proxy!.close();
  },
);
