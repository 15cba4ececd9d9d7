import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from '../helpers/fixtures.js';
import { guestUserId } from '../../src/services/authenticate.js';

Object.assign(process.env, { AUTH_MODE: 'guest', ALLOWED_ORIGINS: 'https://site.example', LOG_LEVEL: 'silent' });
const { handler } = await import('../../src/handlers/authorizer.js');

function event(query: Record<string, string>, headers: Record<string, string> = {}) {
  const e = fixture('authorizer-connect.json');
  e.queryStringParameters = query;
  e.headers = { ...e.headers, ...headers };
  return e;
}

test('Allow: policy on the methodArn, principalId = user id, context = identity', async () => {
  const e = event({ username: 'Ana', room: 'dev' }, { Origin: 'https://site.example' });
  const out = await handler(e);
  assert.equal(out.principalId, guestUserId('Ana'));
  assert.deepEqual(out.policyDocument.Statement, [
    { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: e.methodArn },
  ]);
  assert.deepEqual(out.context, { userId: guestUserId('Ana'), username: 'Ana', roomId: 'dev' });
});

test('a bad origin is a Deny policy (API Gateway: 403)', async () => {
  const e = event({ username: 'Ana' }, { origin: 'https://evil.example' });
  const out = await handler(e);
  assert.equal(out.policyDocument.Statement[0]!.Effect, 'Deny');
  assert.equal(out.context, undefined);
});

test('missing or invalid credentials throw Error("Unauthorized") (API Gateway: 401)', async () => {
  for (const q of <Record<string, string>[]>[
    {},
    { username: '' },
    { username: 'x\u0000y' },
    { username: 'Ana', room: '../etc' },
  ]) {
    await assert.rejects(
      handler(event(q)),
      (e: unknown) => e instanceof Error && e.message === 'Unauthorized',
      JSON.stringify(q),
    );
  }
});

test('a malformed event does not crash it', async () => {
  await assert.rejects(handler({} as never), /Unauthorized/);
  await assert.rejects(handler({ queryStringParameters: null, headers: null } as never), /Unauthorized/);
});
