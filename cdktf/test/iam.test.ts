import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { policies, ref, synthesize } from './synth.js';
import type { Synthesized } from './synth.js';

const PARAMETER = '/chat-room/prod/token-secret';
const KMS_KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/**
 * Every resource of every statement must be one of this stack's own ARNs: a reference to a resource or
 * data source declared in the JSON, optionally followed by a fixed suffix inside it (`:*` for a log
 * group's streams, `/index/RoomIndex`, `/{stage}/POST/@connections/*`). Nothing else, and never `*`.
 */
function assertScoped(s: Synthesized): void {
  const declared = new Set<string>();
  for (const [type, resources] of Object.entries(s.json.resource ?? {}))
    for (const name of Object.keys(resources as object)) declared.add(`${type}.${name}`);
  for (const [type, sources] of Object.entries(s.json.data ?? {}))
    for (const name of Object.keys(sources as object)) declared.add(`data.${type}.${name}`);
  const allowedSuffix = /^(|:\*|\/index\/RoomIndex|\/dev\/POST\/@connections\/\*)$/;
  for (const [role, statements] of Object.entries(policies(s))) {
    for (const statement of statements) {
      const where = `${role} ${statement.Sid}`;
      assert.equal(statement.Effect, 'Allow', where);
      assert.ok(statement.Action.length > 0 && statement.Resource.length > 0, where);
      for (const action of statement.Action) {
        assert.match(
          action,
          /^[a-z0-9-]+:[A-Za-z]+$/,
          `${where}: action ${action} must be one exact action (no wildcard)`,
        );
      }
      for (const resource of statement.Resource) {
        assert.notEqual(resource.trim(), '*', `${where}: bare * resource`);
        const ssm =
          /^arn:\$\{data\.aws_partition\.[\w-]+\.partition\}:ssm:us-east-1:\$\{data\.aws_caller_identity\.[\w-]+\.account_id\}:parameter\/chat-room\/prod\/token-secret$/;
        if (ssm.test(resource) || resource === KMS_KEY) continue;
        const match = /^\$\{((?:data\.)?aws_[a-z0-9_]+\.[\w-]+)\.(arn|execution_arn)\}(.*)$/.exec(resource);
        assert.ok(match, `${where}: resource ${resource} is not one of this stack's ARNs`);
        assert.ok(declared.has(match[1]!), `${where}: ${match[1]} is not declared in this stack`);
        assert.match(match[3]!, allowedSuffix, `${where}: unexpected suffix on ${resource}`);
      }
    }
  }
}

/** `{ role: ['action on resource', ...] }` for compact, exact comparisons. */
function grants(s: Synthesized): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(policies(s)).map(([role, statements]) => [
      role,
      statements.flatMap((st) => st.Action.flatMap((a) => st.Resource.map((r) => `${a} ${r}`))).sort(),
    ]),
  );
}

describe('IAM (guest mode)', () => {
  let s: Synthesized;
  before(() => {
    s = synthesize({});
  });
  after(() => s.cleanup());

  it("every statement is scoped: exact actions, only this stack's ARNs, never *", () => assertScoped(s));

  it('each function gets only the actions it calls, on exactly its ARNs', () => {
    const connections = ref(s.address('aws_dynamodb_table', { name: 'chat-room-dev-connections' }), 'arn');
    const messages = ref(s.address('aws_dynamodb_table', { name: 'chat-room-dev-messages' }), 'arn');
    const exec = ref(s.address('aws_apigatewayv2_api'), 'execution_arn');
    const logs = (fn: string) =>
      ref(s.address('aws_cloudwatch_log_group', { name: `/aws/lambda/chat-room-dev-${fn}` }), 'arn');
    const ownLogs = (fn: string) => [`logs:CreateLogStream ${logs(fn)}:*`, `logs:PutLogEvents ${logs(fn)}:*`];
    assert.deepEqual(grants(s), {
      'chat-room-dev-authorizer': [...ownLogs('authorizer')].sort(),
      'chat-room-dev-connect': [...ownLogs('connect'), `dynamodb:PutItem ${connections}`].sort(),
      'chat-room-dev-disconnect': [...ownLogs('disconnect'), `dynamodb:DeleteItem ${connections}`].sort(),
      'chat-room-dev-messages': [
        ...ownLogs('messages'),
        `dynamodb:Query ${connections}/index/RoomIndex`,
        `dynamodb:UpdateItem ${connections}`,
        `dynamodb:DeleteItem ${connections}`,
        `dynamodb:PutItem ${messages}`,
        `dynamodb:GetItem ${messages}`,
        `dynamodb:UpdateItem ${messages}`,
        `dynamodb:Query ${messages}`,
        `execute-api:ManageConnections ${exec}/dev/POST/@connections/*`,
      ].sort(),
    });
  });

  it('each role is assumable by Lambda only, and attached to its own function only', () => {
    for (const role of Object.values(s.resources('aws_iam_role'))) {
      const trust = JSON.parse(role.assume_role_policy);
      assert.deepEqual(
        trust.Statement.map((st: { Principal: unknown }) => st.Principal),
        [{ Service: 'lambda.amazonaws.com' }],
      );
    }
    const roles = Object.values(s.resources('aws_lambda_function')).map((f) => f.role);
    assert.equal(new Set(roles).size, 4);
  });
});

describe('IAM and secrets (token mode)', () => {
  let s: Synthesized;
  before(() => {
    s = synthesize({ AUTH_MODE: 'token', TOKEN_SECRET_PARAMETER: PARAMETER });
  });
  after(() => s.cleanup());

  it('every statement is scoped', () => assertScoped(s));

  it('only the authorizer and connect (which re-verifies the token) may read the secret parameter', () => {
    const byRole = policies(s);
    const readers = Object.entries(byRole)
      .filter(([, sts]) => sts.some((st) => st.Action.includes('ssm:GetParameter')))
      .map(([role]) => role)
      .sort();
    assert.deepEqual(readers, ['chat-room-dev-authorizer', 'chat-room-dev-connect']);
    for (const role of readers) {
      const statement = byRole[role]!.find((st) => st.Action.includes('ssm:GetParameter'))!;
      assert.deepEqual(statement.Action, ['ssm:GetParameter']);
      assert.equal(statement.Resource.length, 1);
      assert.match(
        statement.Resource[0]!,
        /^arn:\$\{data\.aws_partition\.[\w-]+\.partition\}:ssm:us-east-1:\$\{data\.aws_caller_identity\.[\w-]+\.account_id\}:parameter\/chat-room\/prod\/token-secret$/,
      );
    }
    assert.ok(
      !Object.values(byRole)
        .flat()
        .some((st) => st.Action.some((a) => a.startsWith('kms:'))),
      'the AWS-managed aws/ssm key needs no KMS grant',
    );
  });

  it('the functions get the parameter name and the token identity source, never a secret', () => {
    for (const fn of ['authorizer', 'connect']) {
      const vars = s.resource('aws_lambda_function', { function_name: `chat-room-dev-${fn}` }).value.environment
        .variables;
      assert.equal(vars.AUTH_MODE, 'token');
      assert.equal(vars.TOKEN_SECRET_PARAMETER, PARAMETER);
      assert.equal(vars.TOKEN_SECRET, undefined);
    }
    for (const fn of ['disconnect', 'messages']) {
      const vars = s.resource('aws_lambda_function', { function_name: `chat-room-dev-${fn}` }).value.environment
        .variables;
      assert.equal(vars.TOKEN_SECRET_PARAMETER, undefined, fn);
    }
    assert.deepEqual(s.resource('aws_apigatewayv2_authorizer').value.identity_sources, [
      'route.request.querystring.token',
    ]);
    // No data source or resource that would put the parameter's value into state.
    assert.equal(s.json.data?.aws_ssm_parameter, undefined);
    assert.equal(s.json.resource.aws_ssm_parameter, undefined);
    assert.deepEqual(Object.keys(s.json.data).sort(), ['aws_caller_identity', 'aws_partition']);
  });

  it('no secret value reaches the JSON even when one is in the environment', () => {
    const secret = 'correct-horse-battery-staple-7f3a9c';
    const withSecret = synthesize({ AUTH_MODE: 'token', TOKEN_SECRET_PARAMETER: PARAMETER, TOKEN_SECRET: secret });
    try {
      assert.ok(!withSecret.text.includes(secret));
      assert.ok(!withSecret.text.includes('TOKEN_SECRET"'));
    } finally {
      withSecret.cleanup();
    }
  });

  it('a customer-managed key adds kms:Decrypt on that key, through SSM only, to the same two roles', () => {
    const kms = synthesize({
      AUTH_MODE: 'token',
      TOKEN_SECRET_PARAMETER: PARAMETER,
      TOKEN_SECRET_KMS_KEY_ARN: KMS_KEY,
    });
    try {
      assertScoped(kms);
      const byRole = policies(kms);
      const decrypters = Object.entries(byRole)
        .filter(([, sts]) => sts.some((st) => st.Action.includes('kms:Decrypt')))
        .map(([role]) => role)
        .sort();
      assert.deepEqual(decrypters, ['chat-room-dev-authorizer', 'chat-room-dev-connect']);
      const statement = byRole['chat-room-dev-authorizer']!.find((st) => st.Action.includes('kms:Decrypt'))!;
      assert.deepEqual(statement.Resource, [KMS_KEY]);
      assert.deepEqual(statement.Condition, { StringEquals: { 'kms:ViaService': 'ssm.us-east-1.amazonaws.com' } });
    } finally {
      kms.cleanup();
    }
  });
});
