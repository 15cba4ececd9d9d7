import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ref, synthesize } from './synth.js';
import type { Synthesized } from './synth.js';

describe('synthesized functions (guest mode, defaults)', () => {
  let s: Synthesized;
  before(() => {
    s = synthesize({});
  });
  after(() => s.cleanup());

  const expected = {
    authorizer: { memory: 256, timeout: 10, env: ['ALLOWED_ORIGINS', 'AUTH_MODE', 'LOG_LEVEL'] },
    connect: {
      memory: 256,
      timeout: 10,
      env: ['ALLOWED_ORIGINS', 'AUTH_MODE', 'CONNECTIONS_TABLE', 'LOG_LEVEL', 'MESSAGES_TABLE'],
    },
    disconnect: { memory: 256, timeout: 10, env: ['CONNECTIONS_TABLE', 'LOG_LEVEL', 'MESSAGES_TABLE'] },
    messages: {
      memory: 512,
      timeout: 29,
      env: ['CONNECTIONS_TABLE', 'LOG_LEVEL', 'MESSAGES_TABLE', 'RATE_LIMIT_MESSAGES', 'RATE_LIMIT_WINDOW_MS'],
    },
  };
  for (const [name, want] of Object.entries(expected)) {
    it(`${name}: Node.js 24 on arm64 from its bundle, own role, own log group created first`, () => {
      const functionName = `chat-room-dev-${name}`;
      const fn = s.resource('aws_lambda_function', { function_name: functionName });
      const v = fn.value;
      assert.equal(v.runtime, 'nodejs24.x');
      assert.deepEqual(v.architectures, ['arm64']);
      assert.equal(v.handler, 'index.handler');
      assert.equal(v.memory_size, want.memory);
      assert.equal(v.timeout, want.timeout);
      assert.match(v.filename, new RegExp(`^assets/functions_${name}_bundle_[0-9A-F]+/[0-9A-F]+/archive\\.zip$`));
      assert.equal(v.source_code_hash, v.filename.split('/')[2], 'the code hash changes with the bundle');
      assert.deepEqual(Object.keys(v.environment.variables).sort(), want.env);
      assert.equal(v.environment.variables.LOG_LEVEL, 'info');

      const role = s.address('aws_iam_role', { name: functionName });
      assert.equal(v.role, ref(role, 'arn'));
      const trust = JSON.parse(s.resource('aws_iam_role', { name: functionName }).value.assume_role_policy);
      assert.deepEqual(trust.Statement, [
        {
          Sid: 'AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ]);

      const logGroup = s.address('aws_cloudwatch_log_group', { name: `/aws/lambda/${functionName}` });
      assert.equal(
        s.resource('aws_cloudwatch_log_group', { name: `/aws/lambda/${functionName}` }).value.retention_in_days,
        14,
      );
      assert.deepEqual(v.logging_config, {
        log_format: 'JSON',
        log_group: ref(logGroup, 'name'),
        application_log_level: 'INFO',
        system_log_level: 'WARN',
      });
      const policy = s.address('aws_iam_role_policy', { name: functionName });
      assert.deepEqual(v.depends_on, [logGroup, policy]);
      assert.equal(s.resource('aws_iam_role_policy', { name: functionName }).value.role, ref(role, 'id'));
    });
  }

  it('environment carries the table names, auth mode, origins and rate limits', () => {
    const connections = s.address('aws_dynamodb_table', { name: 'chat-room-dev-connections' });
    const messagesTable = s.address('aws_dynamodb_table', { name: 'chat-room-dev-messages' });
    const messages = s.resource('aws_lambda_function', { function_name: 'chat-room-dev-messages' }).value.environment
      .variables;
    assert.deepEqual(messages, {
      CONNECTIONS_TABLE: ref(connections, 'name'),
      MESSAGES_TABLE: ref(messagesTable, 'name'),
      LOG_LEVEL: 'info',
      RATE_LIMIT_MESSAGES: '10',
      RATE_LIMIT_WINDOW_MS: '10000',
    });
    const authorizer = s.resource('aws_lambda_function', { function_name: 'chat-room-dev-authorizer' }).value
      .environment.variables;
    assert.deepEqual(authorizer, { AUTH_MODE: 'guest', ALLOWED_ORIGINS: '', LOG_LEVEL: 'info' });
  });

  it('passes ALLOWED_ORIGINS, LOG_LEVEL and rate limits through', () => {
    const custom = synthesize({
      ALLOWED_ORIGINS: 'https://a.example,https://b.example',
      LOG_LEVEL: 'debug',
      RATE_LIMIT_MESSAGES: '3',
      LOG_RETENTION_DAYS: '30',
    });
    try {
      const connect = custom.resource('aws_lambda_function', { function_name: 'chat-room-dev-connect' }).value
        .environment.variables;
      assert.equal(connect.ALLOWED_ORIGINS, 'https://a.example,https://b.example');
      assert.equal(connect.LOG_LEVEL, 'debug');
      assert.equal(
        custom.resource('aws_lambda_function', { function_name: 'chat-room-dev-messages' }).value.environment.variables
          .RATE_LIMIT_MESSAGES,
        '3',
      );
      for (const group of Object.values(custom.resources('aws_cloudwatch_log_group')))
        assert.equal(group.retention_in_days, 30);
    } finally {
      custom.cleanup();
    }
  });
});
