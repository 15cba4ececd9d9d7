import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startLocalGateway, type LocalGateway } from '../../src/local/gateway/index.js';
import { fixture } from '../helpers/fixtures.js';
import { Recorder, allowPolicy, connect, shape } from './helpers.js';

const REQUEST_TIME = /^\d{2}\/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/;
const GATEWAY_ID = /^[A-Za-z0-9_-]{15}=$/;

function withoutKey(value: unknown, key: string): unknown {
  const copy = { ...(value as Record<string, unknown>) };
  delete copy[key];
  return copy;
}

describe('event shapes match the events captured from AWS', () => {
  let gateway: LocalGateway;
  const authorizerEvents = new Recorder();
  const connects = new Recorder();
  const messages = new Recorder();
  const defaults = new Recorder();
  const disconnects = new Recorder();

  before(async () => {
    gateway = await startLocalGateway({
      stage: 'test',
      region: 'eu-west-1',
      accountId: '123456789012',
      authorizer: async (event) => {
        authorizerEvents.push(event);
        return allowPolicy('user-1', event.methodArn, { username: 'alice' });
      },
      identitySource: ['route.request.querystring.room'],
      routes: {
        $connect: async (event) => {
          connects.push(event);
          return { statusCode: 200 };
        },
        sendMessage: async (event) => {
          messages.push(event);
        },
        $default: async (event) => {
          defaults.push(event);
        },
        $disconnect: async (event) => {
          disconnects.push(event);
        },
      },
    });
  });
  after(() => gateway.close());

  it('gives the authorizer a REQUEST event with the fixture keys, methodArn and repeated query keys', async () => {
    const client = await connect(`${gateway.url}?room=lobby&tag=a&tag=b`, { headers: { 'X-Custom-Header': 'one' } });
    const event = await authorizerEvents.nth(1);
    // `version` in the fixture comes from the Rust runtime's type, not from AWS's documented input: left out.
    assert.deepEqual(shape(event), shape(withoutKey(fixture('authorizer-connect.json'), 'version')));
    assert.equal(event.type, 'REQUEST');
    assert.equal(event.methodArn, `arn:aws:execute-api:eu-west-1:123456789012:${gateway.apiId}/test/$connect`);
    assert.deepEqual(event.queryStringParameters, { room: 'lobby', tag: 'b' });
    assert.deepEqual(event.multiValueQueryStringParameters, { room: ['lobby'], tag: ['a', 'b'] });
    assert.equal(event.headers['X-Custom-Header'], 'one', 'header names keep the case the client sent');
    assert.deepEqual(event.multiValueHeaders['X-Custom-Header'], ['one']);
    assert.equal(event.requestContext.eventType, 'CONNECT');
    assert.equal(event.requestContext.routeKey, '$connect');
    client.ws.close();
    await client.closed;
  });

  it('sends $connect with headers, query, identity and the authorizer values', async () => {
    const client = await connect(`${gateway.url}?room=lobby`, { headers: { 'User-Agent': 'test-agent/1.0' } });
    const event = await connects.nth(2);
    const message = fixture('message.json') as { requestContext: Record<string, unknown> };
    assert.deepEqual(shape(event), {
      headers: 'map',
      isBase64Encoded: '*',
      multiValueHeaders: 'map',
      multiValueQueryStringParameters: 'map',
      queryStringParameters: 'map',
      requestContext: shape(withoutKey(message.requestContext, 'messageId')),
    });
    const rc = event.requestContext;
    assert.equal(rc.eventType, 'CONNECT');
    assert.equal(rc.messageDirection, 'IN');
    assert.equal(rc.stage, 'test');
    assert.equal(rc.apiId, gateway.apiId);
    assert.equal(rc.domainName, `127.0.0.1:${gateway.port}`);
    assert.match(rc.connectionId, GATEWAY_ID);
    assert.match(rc.requestId, GATEWAY_ID);
    assert.match(rc.requestTime, REQUEST_TIME);
    assert.equal(typeof rc.connectedAt, 'number');
    assert.equal(typeof rc.requestTimeEpoch, 'number');
    assert.deepEqual(rc.identity, { sourceIp: '127.0.0.1', userAgent: 'test-agent/1.0' });
    assert.equal(rc.authorizer.principalId, 'user-1');
    assert.equal(rc.authorizer.username, 'alice');
    assert.equal(typeof rc.authorizer.integrationLatency, 'number');
    assert.equal(event.headers['User-Agent'], 'test-agent/1.0');
    assert.equal(event.headers.Host, `127.0.0.1:${gateway.port}`);
    assert.equal(event.headers['X-Forwarded-For'], '127.0.0.1');
    assert.equal(event.isBase64Encoded, false);
    client.ws.close();
    await client.closed;
  });

  it('sends MESSAGE events shaped like the captured one, text and binary', async () => {
    const client = await connect(`${gateway.url}?room=lobby`);
    const body = JSON.stringify({ action: 'sendMessage', message: 'Hello' });
    client.ws.send(body);
    const event = await messages.nth(1);
    assert.deepEqual(shape(event), shape(fixture('message.json')));
    assert.equal(event.body, body);
    assert.equal(event.isBase64Encoded, false);
    assert.equal(event.requestContext.routeKey, 'sendMessage');
    assert.equal(event.requestContext.eventType, 'MESSAGE');
    assert.match(event.requestContext.messageId, GATEWAY_ID);
    assert.deepEqual(event.requestContext.identity, { sourceIp: '127.0.0.1', userAgent: null });
    assert.deepEqual(
      { principalId: event.requestContext.authorizer.principalId, username: event.requestContext.authorizer.username },
      { principalId: 'user-1', username: 'alice' },
    );

    client.ws.send(Buffer.from([0, 1, 2, 255]), { binary: true });
    const binary = await defaults.nth(1);
    assert.equal(binary.isBase64Encoded, true);
    assert.equal(binary.body, Buffer.from([0, 1, 2, 255]).toString('base64'));
    assert.equal(binary.requestContext.routeKey, '$default');
    client.ws.close();
    await client.closed;
  });

  it('sends $disconnect shaped like the captured one, with the close code', async () => {
    const before = disconnects.items.length;
    const client = await connect(`${gateway.url}?room=lobby`);
    const connectionId = (await connects.nth(connects.items.length)).requestContext.connectionId;
    client.ws.close();
    const event = await disconnects.nth(before + 1);
    const expected = fixture('disconnect.json') as { requestContext: Record<string, unknown> };
    const expectedShape = shape(expected) as { requestContext: Record<string, unknown> };
    expectedShape.requestContext.authorizer = { integrationLatency: '*', principalId: '*', username: '*' };
    assert.deepEqual(shape(event), expectedShape);
    assert.equal(event.requestContext.connectionId, connectionId);
    assert.equal(event.requestContext.disconnectStatusCode, 1005);
    assert.equal(event.requestContext.disconnectReason, 'Client-side close frame status not set');
    assert.equal(event.requestContext.eventType, 'DISCONNECT');
    assert.equal(event.headers.Host, `127.0.0.1:${gateway.port}`);
  });
});
