import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateAuthorizerResult, wildcardMatch } from '../../src/local/gateway/authorizer.js';

const ARN = 'arn:aws:execute-api:us-east-1:000000000000:abc123/local/$connect';
const ok = (value: unknown) => evaluateAuthorizerResult({ status: 'fulfilled', value }, ARN);
const policy = (...statements: unknown[]) => ({
  principalId: 'u1',
  policyDocument: { Version: '2012-10-17', Statement: statements },
});
const allow = (Resource: unknown, Action: unknown = 'execute-api:Invoke') => ({ Effect: 'Allow', Action, Resource });

describe('IAM-style wildcard matching', () => {
  it('matches * and ? like IAM resource patterns', () => {
    assert.ok(wildcardMatch('*', ARN));
    assert.ok(wildcardMatch('arn:aws:execute-api:*:*:abc123/*', ARN));
    assert.ok(wildcardMatch('arn:aws:execute-api:us-east-?:000000000000:abc123/local/$connect', ARN));
    assert.ok(!wildcardMatch('arn:aws:execute-api:*:*:other/*', ARN));
    assert.ok(!wildcardMatch('arn:aws:execute-api:us-east-1:000000000000:abc123/local', ARN));
    assert.ok(wildcardMatch('a*b*c', 'axxbyyc'));
    assert.ok(!wildcardMatch('a*b*c', 'axxbyy'));
  });
});

describe('authorizer output evaluation', () => {
  it('allows a matching Allow and keeps primitive context values', () => {
    const outcome = ok({ ...policy(allow(ARN)), context: { userId: 'u1', n: 3, admin: false } });
    assert.deepEqual(outcome, { allowed: true, principalId: 'u1', context: { userId: 'u1', n: 3, admin: false } });
  });

  it('accepts Resource/Action lists and wildcards', () => {
    assert.equal(ok(policy(allow(['arn:other', 'arn:aws:execute-api:*'], ['execute-api:*']))).allowed, true);
  });

  it('lets an explicit Deny win over an Allow, and denies when nothing matches (403)', () => {
    assert.deepEqual(ok(policy(allow(ARN), { Effect: 'Deny', Action: '*', Resource: ARN })), {
      allowed: false,
      status: 403,
      reason: 'Forbidden',
    });
    assert.equal((ok(policy(allow('arn:elsewhere'))) as { status: number }).status, 403);
    assert.equal((ok(policy(allow(ARN, 'execute-api:ManageConnections'))) as { status: number }).status, 403);
  });

  it('turns an "Unauthorized" error into 401 and other errors into 500', () => {
    const rejected = (reason: unknown) => evaluateAuthorizerResult({ status: 'rejected', reason }, ARN);
    assert.equal((rejected(new Error('Unauthorized')) as { status: number }).status, 401);
    assert.equal((rejected('Unauthorized') as { status: number }).status, 401);
    assert.equal((rejected(new Error('boom')) as { status: number }).status, 500);
  });

  it('answers malformed output with 500', () => {
    for (const value of [
      undefined,
      'Allow',
      { policyDocument: { Statement: [allow(ARN)] } },
      { principalId: 'u' },
      { principalId: 'u', policyDocument: { Statement: 'x' } },
      { ...policy({ Effect: 'Maybe', Action: '*', Resource: '*' }) },
      { ...policy(allow(ARN)), context: { nested: { a: 1 } } },
      { ...policy(allow(ARN)), context: { list: [1] } },
      { ...policy(allow(ARN)), context: 'x' },
      { ...policy(allow(ARN)), context: { big: 'x'.repeat(8 * 1024) } },
    ]) {
      assert.equal((ok(value) as { status?: number }).status, 500, JSON.stringify(value));
    }
  });
});
