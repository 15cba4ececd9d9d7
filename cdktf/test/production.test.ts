// What each production setting does to the synthesized stack.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ref, synthesize } from './synth.js';
import type { Synthesized } from './synth.js';

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012';

function withStack(env: Record<string, string>, check: (s: Synthesized) => void): void {
  const s = synthesize(env);
  try {
    check(s);
  } finally {
    s.cleanup();
  }
}

const functions = (s: Synthesized) =>
  Object.values(s.resources('aws_lambda_function')) as { function_name: string; [key: string]: any }[];
const messagesEnv = (s: Synthesized) =>
  s.resource('aws_lambda_function', { function_name: 'chat-room-dev-messages' }).value.environment.variables;

describe('production settings in the synthesized stack', () => {
  it('LAMBDA_RUNTIME and AWS_PROVIDER_VERSION: every function and the provider pin', () => {
    withStack({ LAMBDA_RUNTIME: 'nodejs22.x', AWS_PROVIDER_VERSION: '5.100.0' }, (s) => {
      assert.deepEqual(
        functions(s).map((fn) => fn.runtime),
        ['nodejs22.x', 'nodejs22.x', 'nodejs22.x', 'nodejs22.x'],
      );
      assert.equal(s.json.terraform.required_providers.aws.version, '5.100.0');
    });
  });

  it('reserved concurrency only on the functions given one (unset = unreserved)', () => {
    withStack({}, (s) => {
      for (const fn of functions(s)) assert.equal(fn.reserved_concurrent_executions, undefined, fn.function_name);
    });
    withStack({ RESERVED_CONCURRENCY_MESSAGES: '100', RESERVED_CONCURRENCY_CONNECT: '25' }, (s) => {
      const reserved = Object.fromEntries(
        functions(s).map((fn) => [fn.function_name, fn.reserved_concurrent_executions]),
      );
      assert.deepEqual(reserved, {
        'chat-room-dev-authorizer': undefined,
        'chat-room-dev-connect': 25,
        'chat-room-dev-disconnect': undefined,
        'chat-room-dev-messages': 100,
      });
    });
  });

  it('per-route throttles: $connect tighter than the stage default (sendMessage), ping its own; routes created first', () => {
    withStack({ THROTTLE_CONNECT_RATE: '4', THROTTLE_CONNECT_BURST: '6', THROTTLE_PING_RATE: '3' }, (s) => {
      const stage = s.resource('aws_apigatewayv2_stage').value;
      const byRoute = Object.fromEntries(
        (
          stage.route_settings as { route_key: string; throttling_rate_limit: number; throttling_burst_limit: number }[]
        ).map((r) => [r.route_key, [r.throttling_rate_limit, r.throttling_burst_limit]]),
      );
      assert.deepEqual(byRoute, { $connect: [4, 6], ping: [3, 40] });
      assert.deepEqual(
        [stage.default_route_settings.throttling_rate_limit, stage.default_route_settings.throttling_burst_limit],
        [50, 100],
      );
      for (const setting of stage.route_settings) {
        assert.equal(setting.data_trace_enabled, false);
        assert.equal(setting.logging_level, 'ERROR');
      }
      const connectRoute = s.address('aws_apigatewayv2_route', { route_key: '$connect' });
      const pingRoute = s.address('aws_apigatewayv2_route', { route_key: 'ping' });
      assert.ok(stage.depends_on.includes(connectRoute) && stage.depends_on.includes(pingRoute));
    });
  });

  it('DELETION_PROTECTION: on for both tables when the stage is prod, off for dev', () => {
    for (const [stage, expected] of [
      ['prod', true],
      ['dev', false],
    ] as const) {
      withStack({ CHAT_ROOM_STAGE: stage }, (s) => {
        for (const table of Object.values(s.resources('aws_dynamodb_table')))
          assert.equal(table.deletion_protection_enabled, expected, `${stage} ${table.name}`);
      });
    }
  });

  it('MESSAGE_RETENTION_DAYS reaches the messages function only; unset = not set (messages kept)', () => {
    withStack({}, (s) => assert.equal(messagesEnv(s).MESSAGE_RETENTION_DAYS, undefined));
    withStack({ MESSAGE_RETENTION_DAYS: '30' }, (s) => {
      assert.equal(messagesEnv(s).MESSAGE_RETENTION_DAYS, '30');
      for (const fn of functions(s).filter((f) => f.function_name !== 'chat-room-dev-messages'))
        assert.equal(fn.environment.variables.MESSAGE_RETENTION_DAYS, undefined);
      const messages = s.resource('aws_dynamodb_table', { name: 'chat-room-dev-messages' }).value;
      assert.deepEqual(messages.ttl, { attribute_name: 'expiresAt', enabled: true });
    });
  });

  it('AWS_ALLOWED_ACCOUNT_IDS: the provider refuses other accounts', () => {
    withStack({}, (s) => assert.equal(s.json.provider.aws[0].allowed_account_ids, undefined));
    withStack({ AWS_ALLOWED_ACCOUNT_IDS: '123456789012' }, (s) =>
      assert.deepEqual(s.json.provider.aws[0].allowed_account_ids, ['123456789012']),
    );
  });

  it('CUSTOM_DOMAIN: a regional TLS 1.2 domain mapped to the stage, its outputs, and MANAGEMENT_ENDPOINT on execute-api', () => {
    withStack({}, (s) => {
      assert.equal(s.json.resource.aws_apigatewayv2_domain_name, undefined);
      assert.equal(messagesEnv(s).MANAGEMENT_ENDPOINT, undefined, 'derived from the event without a custom domain');
    });
    withStack({ CUSTOM_DOMAIN: 'chat.example.com', CERTIFICATE_ARN: CERT }, (s) => {
      const domain = s.resource('aws_apigatewayv2_domain_name');
      assert.equal(domain.value.domain_name, 'chat.example.com');
      assert.deepEqual(domain.value.domain_name_configuration, {
        certificate_arn: CERT,
        endpoint_type: 'REGIONAL',
        security_policy: 'TLS_1_2',
      });
      const mapping = s.resource('aws_apigatewayv2_api_mapping').value;
      const domainAddress = `aws_apigatewayv2_domain_name.${domain.name}`;
      assert.equal(mapping.domain_name, ref(domainAddress, 'id'));
      assert.equal(mapping.api_id, ref(s.address('aws_apigatewayv2_api'), 'id'));
      assert.equal(mapping.stage, ref(s.address('aws_apigatewayv2_stage'), 'id'));
      assert.equal(mapping.api_mapping_key, undefined, 'mapped at the root: wss://chat.example.com');
      assert.equal(s.json.output.custom_websocket_url.value, 'wss://chat.example.com');
      assert.equal(
        s.json.output.custom_domain_target.value,
        `\${${domainAddress}.domain_name_configuration[0].target_domain_name}`,
      );
      assert.equal(
        s.json.output.custom_domain_hosted_zone_id.value,
        `\${${domainAddress}.domain_name_configuration[0].hosted_zone_id}`,
      );
      const api = s.address('aws_apigatewayv2_api');
      assert.equal(messagesEnv(s).MANAGEMENT_ENDPOINT, `\${replace(${api}.api_endpoint, "wss://", "https://")}/dev`);
      for (const fn of functions(s).filter((f) => f.function_name !== 'chat-room-dev-messages'))
        assert.equal(fn.environment.variables.MANAGEMENT_ENDPOINT, undefined, fn.function_name);
      assert.equal(s.json.output.websocket_url.value, ref(s.address('aws_apigatewayv2_stage'), 'invoke_url'));
    });
  });

  it('LOG_LEVEL: Lambda keeps that application level (JSON logs), system logs at WARN', () => {
    for (const [level, lambdaLevel] of [
      ['debug', 'DEBUG'],
      ['warn', 'WARN'],
      ['error', 'ERROR'],
      ['silent', 'FATAL'],
    ] as const) {
      withStack({ LOG_LEVEL: level }, (s) => {
        for (const fn of functions(s)) {
          assert.equal(fn.logging_config.log_format, 'JSON');
          assert.equal(fn.logging_config.application_log_level, lambdaLevel, `${level} → ${fn.function_name}`);
          assert.equal(fn.logging_config.system_log_level, 'WARN');
          assert.equal(fn.environment.variables.LOG_LEVEL, level);
        }
      });
    }
  });
});
