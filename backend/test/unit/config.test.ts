import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readAuthConfig, readLimitsConfig, readTablesConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';

test('tables config names the missing variable', () => {
  assert.throws(
    () => readTablesConfig({ MESSAGES_TABLE: 'm' }),
    (e: unknown) => e instanceof ConfigError && /CONNECTIONS_TABLE/.test(e.message),
  );
  assert.throws(() => readTablesConfig({ CONNECTIONS_TABLE: 'c' }), /MESSAGES_TABLE/);
  assert.throws(
    () => readTablesConfig({ CONNECTIONS_TABLE: 'c', MESSAGES_TABLE: 'm', DYNAMODB_ENDPOINT: 'nope' }),
    /DYNAMODB_ENDPOINT/,
  );
  const config = readTablesConfig({
    CONNECTIONS_TABLE: 'c',
    MESSAGES_TABLE: 'm',
    DYNAMODB_ENDPOINT: 'http://127.0.0.1:1/',
    AWS_REGION: 'eu-west-1',
  });
  assert.deepEqual(config, {
    connectionsTable: 'c',
    messagesTable: 'm',
    dynamodbEndpoint: 'http://127.0.0.1:1',
    region: 'eu-west-1',
  });
});

test('auth config: modes, secrets, origins', () => {
  assert.equal(readAuthConfig({}).mode, 'guest');
  assert.throws(() => readAuthConfig({ AUTH_MODE: 'open' }), /AUTH_MODE/);
  assert.throws(() => readAuthConfig({ AUTH_MODE: 'token' }), /TOKEN_SECRET/);
  assert.throws(() => readAuthConfig({ AUTH_MODE: 'token', TOKEN_SECRET: 'too short' }), /at least 32 bytes/);
  assert.equal(
    readAuthConfig({ AUTH_MODE: 'token', TOKEN_SECRET_PARAMETER: '/chat/secret' }).tokenSecretParameter,
    '/chat/secret',
  );
  assert.deepEqual(readAuthConfig({ ALLOWED_ORIGINS: ' https://A.example/ ,,http://b.example' }).allowedOrigins, [
    'https://a.example',
    'http://b.example',
  ]);
  assert.deepEqual(readAuthConfig({ ALLOWED_ORIGINS: '' }).allowedOrigins, []);
});

test('limits config: defaults and validation', () => {
  assert.deepEqual(readLimitsConfig({}), {
    rateLimitMessages: 10,
    rateLimitWindowMs: 10_000,
    broadcastConcurrency: 50,
  });
  assert.equal(readLimitsConfig({ RATE_LIMIT_MESSAGES: '3' }).rateLimitMessages, 3);
  for (const bad of ['0', '-1', '1.5', 'ten'])
    assert.throws(() => readLimitsConfig({ RATE_LIMIT_MESSAGES: bad }), /RATE_LIMIT_MESSAGES/);
  assert.equal(readLimitsConfig({ MANAGEMENT_ENDPOINT: 'http://h:1/local/' }).managementEndpoint, 'http://h:1/local');
});
