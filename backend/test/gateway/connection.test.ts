import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import type { WebSocket } from 'ws';
import { GatewayConnection } from '../../src/local/gateway/connection.js';
import type { ConnectionInfo } from '../../src/local/gateway/events.js';

/** A socket that records what the connection does to it. */
function fakeSocket() {
  const calls: string[] = [];
  const socket = {
    readyState: 1,
    close(code: number, reason: string) {
      calls.push(`close ${code} ${reason}`);
      socket.readyState = 2;
    },
    terminate() {
      calls.push('terminate');
      socket.readyState = 3;
    },
  };
  return { socket, calls, ws: socket as unknown as WebSocket };
}

const info = (now: number): ConnectionInfo => ({
  connectionId: 'AAAAAAAAAAAAAAA=',
  connectedAt: now,
  sourceIp: '127.0.0.1',
  userAgent: null,
  domainName: 'localhost:1',
  stage: 'local',
  apiId: 'abc',
  authorizer: undefined,
});

describe('GatewayConnection timers (fake clock)', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 }));
  afterEach(() => mock.timers.reset());

  it('closes 1001 exactly at the idle timeout', () => {
    const { calls, ws } = fakeSocket();
    const connection = new GatewayConnection(info(Date.now()), ws, 1000, 60_000);
    mock.timers.tick(999);
    assert.deepEqual(calls, []);
    mock.timers.tick(1);
    assert.deepEqual(calls, ['close 1001 Going away']);
    assert.equal(connection.isOpen, false);
    assert.deepEqual(connection.finish(1001, ''), { code: 1001, reason: 'Going away' });
  });

  it('counts idle time from the last client activity', () => {
    const { calls, ws } = fakeSocket();
    const connection = new GatewayConnection(info(Date.now()), ws, 1000, 60_000);
    mock.timers.tick(800);
    connection.lastActiveAt = Date.now();
    mock.timers.tick(900);
    assert.deepEqual(calls, [], 'still within 1000 ms of the last activity');
    mock.timers.tick(100);
    assert.deepEqual(calls, ['close 1001 Going away']);
    connection.finish(1001, '');
  });

  it('closes at the maximum connection time regardless of activity, and drops a silent peer after the grace', () => {
    const { calls, ws } = fakeSocket();
    const connection = new GatewayConnection(info(Date.now()), ws, 1000, 2500);
    for (let i = 0; i < 4; i++) {
      mock.timers.tick(500);
      connection.lastActiveAt = Date.now();
    }
    mock.timers.tick(499);
    assert.deepEqual(calls, [], 'active, and 1 ms short of the maximum');
    mock.timers.tick(1);
    assert.deepEqual(calls, ['close 1001 Going away']);
    mock.timers.tick(1000);
    assert.deepEqual(calls, ['close 1001 Going away', 'terminate']);
    connection.finish(1006, '');
  });

  it('keeps the first server close reason and stops all timers once finished', () => {
    const { calls, ws } = fakeSocket();
    const connection = new GatewayConnection(info(Date.now()), ws, 1000, 2000);
    connection.closeByServer(1009, 'Message too big');
    connection.closeByServer(1001, 'Going away');
    assert.deepEqual(connection.finish(1009, ''), { code: 1009, reason: 'Message too big' });
    mock.timers.tick(10_000);
    assert.deepEqual(calls, ['close 1009 Message too big']);
  });

  it('maps client close codes for $disconnect', () => {
    const make = () => new GatewayConnection(info(Date.now()), fakeSocket().ws, 1000, 2000);
    assert.deepEqual(make().finish(1005, ''), { code: 1005, reason: 'Client-side close frame status not set' });
    assert.deepEqual(make().finish(1006, ''), { code: 1006, reason: 'Connection closed abnormally' });
    assert.deepEqual(make().finish(4000, 'left'), { code: 4000, reason: 'left' });
  });
});
