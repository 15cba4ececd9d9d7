import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail(`expected ${JSON.stringify(env)} to be refused`);
}

describe('loadConfig', () => {
  it('has documented defaults', () => {
    const config = loadConfig({});
    assert.deepEqual(config, {
      name: 'chat-room',
      stage: 'dev',
      prefix: 'chat-room-dev',
      region: 'us-east-1',
      authMode: 'guest',
      allowedOrigins: '',
      logRetentionDays: 14,
      logLevel: 'info',
      throttleRate: 50,
      throttleBurst: 100,
      rateLimitMessages: 10,
      rateLimitWindowMs: 10_000,
      deletionProtection: false,
      lambdaRuntime: 'nodejs24.x',
      awsProviderVersion: '6.28.0',
      reservedConcurrency: {},
      connectThrottle: { rate: 10, burst: 20 },
      pingThrottle: { rate: 20, burst: 40 },
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      CHAT_ROOM_NAME: 'team-chat',
      CHAT_ROOM_STAGE: 'prod',
      AWS_REGION: 'eu-west-1',
      AUTH_MODE: 'token',
      ALLOWED_ORIGINS: 'https://example.com/, http://localhost:8080',
      TOKEN_SECRET_PARAMETER: '/team-chat/prod/token-secret',
      TOKEN_SECRET_KMS_KEY_ARN: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      LOG_RETENTION_DAYS: '30',
      LOG_LEVEL: 'warn',
      THROTTLE_RATE: '12.5',
      THROTTLE_BURST: '25',
      RATE_LIMIT_MESSAGES: '5',
      RATE_LIMIT_WINDOW_MS: '60000',
      DELETION_PROTECTION: 'true',
      TF_STATE_BUCKET: 'my-state-bucket',
      CHAT_ROOM_BUNDLES_DIR: '/opt/bundles',
    });
    assert.equal(config.prefix, 'team-chat-prod');
    assert.equal(config.region, 'eu-west-1');
    assert.equal(config.authMode, 'token');
    assert.equal(config.allowedOrigins, 'https://example.com,http://localhost:8080');
    assert.equal(config.tokenSecretParameter, '/team-chat/prod/token-secret');
    assert.match(config.tokenSecretKmsKeyArn ?? '', /^arn:aws:kms:eu-west-1:/);
    assert.equal(config.logRetentionDays, 30);
    assert.equal(config.logLevel, 'warn');
    assert.equal(config.throttleRate, 12.5);
    assert.equal(config.throttleBurst, 25);
    assert.equal(config.rateLimitMessages, 5);
    assert.equal(config.rateLimitWindowMs, 60_000);
    assert.equal(config.deletionProtection, true);
    assert.equal(config.bundlesDir, '/opt/bundles');
    assert.deepEqual(config.stateBackend, {
      bucket: 'my-state-bucket',
      key: 'team-chat/prod/terraform.tfstate',
      region: 'eu-west-1',
    });
  });

  it('falls back to AWS_DEFAULT_REGION and takes the state key and region when given', () => {
    const config = loadConfig({
      AWS_DEFAULT_REGION: 'ap-southeast-2',
      TF_STATE_BUCKET: 'b-1',
      TF_STATE_KEY: 'x/y.tfstate',
      TF_STATE_REGION: 'us-west-2',
    });
    assert.equal(config.region, 'ap-southeast-2');
    assert.deepEqual(config.stateBackend, { bucket: 'b-1', key: 'x/y.tfstate', region: 'us-west-2' });
  });

  it('ignores the token parameter in guest mode', () => {
    const config = loadConfig({ TOKEN_SECRET_PARAMETER: '/x' });
    assert.equal(config.tokenSecretParameter, undefined);
  });

  it('refuses token mode without a secret parameter, saying what to set', () => {
    const [problem, ...rest] = problems({ AUTH_MODE: 'token' });
    assert.equal(rest.length, 0);
    assert.match(problem!, /TOKEN_SECRET_PARAMETER/);
    assert.match(problem!, /SSM SecureString/);
  });

  it('reports every problem at once', () => {
    const found = problems({
      CHAT_ROOM_NAME: 'Chat Room',
      CHAT_ROOM_STAGE: 'dev/1',
      AWS_REGION: 'mars',
      AUTH_MODE: 'oauth',
      ALLOWED_ORIGINS: 'https://ok.example, example.com/path',
      LOG_RETENTION_DAYS: '10',
      LOG_LEVEL: 'loud',
      THROTTLE_RATE: '-1',
      THROTTLE_BURST: '1.5',
      RATE_LIMIT_MESSAGES: '0',
      DELETION_PROTECTION: 'maybe',
      API_GATEWAY_LOG_ROLE: 'replace',
      TF_STATE_KEY: 'k',
    });
    const expected = [
      'CHAT_ROOM_NAME',
      'CHAT_ROOM_STAGE',
      'AWS_REGION',
      'AUTH_MODE',
      'ALLOWED_ORIGINS entry "example.com/path"',
      'LOG_RETENTION_DAYS',
      'LOG_LEVEL',
      'THROTTLE_RATE',
      'THROTTLE_BURST',
      'RATE_LIMIT_MESSAGES',
      'DELETION_PROTECTION',
      'API_GATEWAY_LOG_ROLE',
      'TF_STATE_KEY',
    ];
    for (const name of expected)
      assert.ok(
        found.some((p) => p.includes(name)),
        `no problem reported for ${name}: ${found.join(' | ')}`,
      );
    assert.equal(found.length, expected.length);
    assert.ok(!found.some((p) => p.includes('ok.example')));
  });

  it('refuses a name and stage too long for Lambda function and IAM role names', () => {
    const [problem, ...rest] = problems({ CHAT_ROOM_NAME: 'a'.repeat(32), CHAT_ROOM_STAGE: 'b'.repeat(10) });
    assert.equal(rest.length, 0);
    assert.match(problem!, /too long together/);
    assert.equal(loadConfig({ CHAT_ROOM_NAME: 'a'.repeat(32), CHAT_ROOM_STAGE: 'b'.repeat(9) }).prefix.length, 42);
  });

  it('refuses malformed parameter names, KMS key ARNs and buckets', () => {
    assert.equal(problems({ AUTH_MODE: 'token', TOKEN_SECRET_PARAMETER: 'bad name!' }).length, 1);
    assert.equal(
      problems({ AUTH_MODE: 'token', TOKEN_SECRET_PARAMETER: '/ok', TOKEN_SECRET_KMS_KEY_ARN: 'alias/aws/ssm' }).length,
      1,
    );
    assert.equal(problems({ TF_STATE_BUCKET: 'Bad_Bucket' }).length, 1);
  });

  it('says which variable is wrong in the error message', () => {
    assert.throws(
      () => loadConfig({ LOG_RETENTION_DAYS: '10' }),
      (error: Error) => error.name === 'ConfigError' && /LOG_RETENTION_DAYS "10"/.test(error.message),
    );
  });
});
