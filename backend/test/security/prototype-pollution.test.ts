/**
 * Prototype pollution, checked where it would happen: the built Lambda bundles loaded in this process
 * (against a running stack's dynalite and gateway), fed events whose frames, query strings, headers and
 * authorizer context carry `__proto__` / `constructor.prototype` keys. Afterwards `Object.prototype` and
 * `Array.prototype` must be untouched and the handlers must still answer correctly.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { DEFAULT_LAMBDA_DIR, type LocalStack } from '../../src/local/stack.js';
import { guestUserId } from '../../src/services/authenticate.js';
import { connect, startTestStack, type TestClient } from '../helpers/stack.js';
import { stackRepositories } from '../helpers/stack-db.js';
import { hostileFrame } from './hostile.js';

type Handler = (event: unknown, context?: unknown) => Promise<any>;
let stack: LocalStack;
const fns: Record<string, Handler> = {};
const protoKeys = () => [
  Object.getOwnPropertyNames(Object.prototype).sort(),
  Object.getOwnPropertyNames(Array.prototype).sort(),
];
let baseline: string[][];
let live: TestClient;
let liveId: string;

before(async () => {
  stack = await startTestStack();
  Object.assign(process.env, {
    CONNECTIONS_TABLE: stack.tableNames.connections,
    MESSAGES_TABLE: stack.tableNames.messages,
    DYNAMODB_ENDPOINT: stack.dynamodbEndpoint,
    MANAGEMENT_ENDPOINT: stack.managementEndpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AUTH_MODE: 'guest',
    LOG_LEVEL: 'silent',
  });
  // A real socket in the room, so the bundle's broadcasts have a live connection to post to.
  live = await connect(stack.wsUrl, { username: 'Pat', room: 'proto' });
  const db = stackRepositories(stack);
  liveId = (await db.connections.queryRoom('proto')).connections[0]!.connectionId;
  db.close();
  baseline = protoKeys();
  for (const name of ['authorizer', 'connect', 'disconnect', 'messages']) {
    fns[name] = (await import(pathToFileURL(resolve(DEFAULT_LAMBDA_DIR, name, 'index.mjs')).href)).handler as Handler;
  }
});
after(async () => {
  await live.close();
  await stack.close();
});

const polluted = () =>
  ({}).hasOwnProperty.call(Object.prototype, 'polluted') ||
  ({} as any).polluted !== undefined ||
  ({} as any).isAdmin !== undefined;
const authorizer = JSON.parse(
  `{"userId":"${guestUserId('Pat')}","username":"Pat","roomId":"proto","__proto__":{"polluted":1}}`,
);

function messageEvent(body: string, extra: Record<string, unknown> = {}) {
  return {
    requestContext: {
      routeKey: '$default',
      eventType: 'MESSAGE',
      connectionId: liveId,
      requestId: 'r',
      domainName: 'localhost',
      stage: 'local',
      authorizer,
      ...extra,
    },
    body,
    isBase64Encoded: false,
  };
}

test('frames with pollution keys at every level pollute nothing (messages bundle, in process)', async () => {
  const connectEvent = {
    requestContext: {
      routeKey: '$connect',
      eventType: 'CONNECT',
      connectionId: 'cHJvdG8tY29ubj0=',
      requestId: 'c',
      connectedAt: Date.now(),
      domainName: 'localhost',
      stage: 'local',
      authorizer,
    },
    queryStringParameters: JSON.parse('{"username":"Pat","room":"proto","__proto__":{"polluted":1}}'),
    headers: JSON.parse('{"Host":"localhost","__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}'),
  };
  assert.equal((await fns.connect!(connectEvent)).statusCode, 200);
  const bodies = [
    '{"__proto__":{"polluted":1,"isAdmin":true},"action":"sendMessage","message":"p1","clientMessageId":"p1"}',
    '{"action":"sendMessage","message":"p2","clientMessageId":"p2","constructor":{"prototype":{"polluted":1}}}',
    '{"action":"getHistory","__proto__":{"limit":1000,"polluted":1}}',
    '{"action":"getHistory","limit":{"__proto__":{"valueOf":1}}}',
    '{"action":"__proto__"}',
    '{"action":"constructor","message":"x"}',
    '{"action":"sendMessage","message":{"__proto__":{"toString":"x"}},"clientMessageId":"p3"}',
    '[{"__proto__":{"polluted":1}}]',
  ];
  const replies = [];
  for (const body of bodies) replies.push(JSON.parse((await fns.messages!(messageEvent(body))).body ?? '{}'));
  assert.deepEqual(
    replies.map((r) => r.type + (r.code ? `:${r.code}` : '')),
    [
      'ack',
      'ack',
      'history',
      'error:INVALID_MESSAGE',
      'error:UNKNOWN_ACTION',
      'error:UNKNOWN_ACTION',
      'error:INVALID_MESSAGE',
      'error:BAD_JSON',
    ],
  );
  assert.equal(replies[2].messages.length, 2, 'a polluted "limit" key was not used');
  await live.next((f) => f.type === 'message' && f.clientMessageId === 'p2', 'the broadcast reached the live socket');
  for (const m of live.messages()) assert.ok(!Object.prototype.hasOwnProperty.call(m, 'polluted'));
  for (const r of replies)
    assert.ok(
      !Object.prototype.hasOwnProperty.call(r, 'polluted') && !Object.prototype.hasOwnProperty.call(r, 'isAdmin'),
    );
  assert.equal(polluted(), false);
  assert.deepEqual(protoKeys(), baseline);
});

test('fuzzed hostile frames through the messages bundle: no pollution, every reply a valid frame', async () => {
  await fc.assert(
    fc.asyncProperty(hostileFrame, async (body) => {
      const result = await fns.messages!(messageEvent(body));
      assert.equal(result.statusCode, 200);
      if (result.body !== undefined)
        assert.ok(['ack', 'history', 'error', 'pong'].includes(JSON.parse(result.body).type));
      assert.equal(polluted(), false, body);
    }),
    { numRuns: 200 },
  );
  assert.deepEqual(protoKeys(), baseline);
});

test('the authorizer with pollution keys in query, headers and methodArn: refused or allowed correctly, no pollution', async () => {
  const base = {
    type: 'REQUEST',
    methodArn: 'arn:aws:execute-api:us-east-1:0:api/local/$connect',
    requestContext: { connectionId: 'x', requestId: 'a' },
  };
  const refuse = await fns.authorizer!({
    ...base,
    queryStringParameters: JSON.parse('{"__proto__":{"username":"Admin"}}'),
    headers: {},
  }).catch((e: Error) => e.message);
  assert.equal(refuse, 'Unauthorized', 'an inherited username is not a username');
  const allow = await fns.authorizer!({
    ...base,
    queryStringParameters: JSON.parse('{"username":"Pat","__proto__":{"room":"vip","polluted":1}}'),
    headers: JSON.parse('{"__proto__":{"origin":"https://evil.example"}}'),
  });
  assert.equal(allow.policyDocument.Statement[0].Effect, 'Allow');
  assert.equal(allow.context.roomId, 'lobby', 'an inherited room is not the room');
  assert.equal(polluted(), false);
  assert.deepEqual(protoKeys(), baseline);
});
