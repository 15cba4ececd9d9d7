import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Testing } from 'cdktf';
import { ACCESS_LOG_FORMAT } from '../src/api.js';
import { ref, synthesize } from './synth.js';
import type { Synthesized } from './synth.js';

describe('synthesized stack (guest mode, defaults)', () => {
  let s: Synthesized;
  before(() => {
    s = synthesize({});
  });
  after(() => s.cleanup());

  it('is named after project and stage, with the AWS provider pinned (AWS_PROVIDER_VERSION, default 6.28.0)', () => {
    assert.equal(s.stackName, 'chat-room-dev');
    assert.deepEqual(s.json.terraform.required_providers.aws, { source: 'aws', version: '6.28.0' });
    assert.ok(Testing.toHaveProviderWithProperties(s.text, 'aws', { region: 'us-east-1' }));
    assert.deepEqual(s.json.provider.aws[0].default_tags[0].tags, {
      ManagedBy: 'chat-room-cdktf',
      Project: 'chat-room',
      Stage: 'dev',
    });
  });

  describe('tables', () => {
    it('Connections: connectionId key, TTL on expiresAt, RoomIndex GSI projecting expiresAt, no PITR', () => {
      const { value } = s.resource('aws_dynamodb_table', { name: 'chat-room-dev-connections' });
      assert.equal(value.billing_mode, 'PAY_PER_REQUEST');
      assert.equal(value.hash_key, 'connectionId');
      assert.equal(value.range_key, undefined);
      assert.deepEqual(value.attribute, [
        { name: 'connectionId', type: 'S' },
        { name: 'roomId', type: 'S' },
      ]);
      assert.deepEqual(value.global_secondary_index, [
        { name: 'RoomIndex', hash_key: 'roomId', projection_type: 'INCLUDE', non_key_attributes: ['expiresAt'] },
      ]);
      assert.deepEqual(value.ttl, { attribute_name: 'expiresAt', enabled: true });
      assert.deepEqual(value.point_in_time_recovery, { enabled: false });
      assert.deepEqual(value.server_side_encryption, { enabled: true });
      assert.equal(value.deletion_protection_enabled, false);
    });

    it('Messages: roomId + messageId keys, TTL on expiresAt, point-in-time recovery', () => {
      const { value } = s.resource('aws_dynamodb_table', { name: 'chat-room-dev-messages' });
      assert.equal(value.billing_mode, 'PAY_PER_REQUEST');
      assert.equal(value.hash_key, 'roomId');
      assert.equal(value.range_key, 'messageId');
      assert.deepEqual(value.attribute, [
        { name: 'roomId', type: 'S' },
        { name: 'messageId', type: 'S' },
      ]);
      assert.deepEqual(value.global_secondary_index, []);
      assert.deepEqual(value.ttl, { attribute_name: 'expiresAt', enabled: true });
      assert.deepEqual(value.point_in_time_recovery, { enabled: true });
      assert.deepEqual(value.server_side_encryption, { enabled: true });
    });

    it('deletion protection follows DELETION_PROTECTION', () => {
      const protectedStack = synthesize({ DELETION_PROTECTION: 'true' });
      try {
        for (const table of Object.values(protectedStack.resources('aws_dynamodb_table')))
          assert.equal(table.deletion_protection_enabled, true);
      } finally {
        protectedStack.cleanup();
      }
    });
  });

  describe('functions', () => {
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
          custom.resource('aws_lambda_function', { function_name: 'chat-room-dev-messages' }).value.environment
            .variables.RATE_LIMIT_MESSAGES,
          '3',
        );
        for (const group of Object.values(custom.resources('aws_cloudwatch_log_group')))
          assert.equal(group.retention_in_days, 30);
      } finally {
        custom.cleanup();
      }
    });
  });

  describe('WebSocket API', () => {
    it('routes on $request.body.action', () => {
      const { value } = s.resource('aws_apigatewayv2_api');
      assert.equal(value.protocol_type, 'WEBSOCKET');
      assert.equal(value.route_selection_expression, '$request.body.action');
      assert.equal(value.name, 'chat-room-dev');
    });

    it('has exactly the six routes, each on the right integration', () => {
      const api = s.address('aws_apigatewayv2_api');
      const integrationOf = (fn: string) =>
        s.address('aws_apigatewayv2_integration', {
          integration_uri: ref(
            s.address('aws_lambda_function', { function_name: `chat-room-dev-${fn}` }),
            'invoke_arn',
          ),
        });
      const ping = s.address('aws_apigatewayv2_integration', { integration_type: 'MOCK' });
      const want: Record<string, string> = {
        $connect: integrationOf('connect'),
        $disconnect: integrationOf('disconnect'),
        sendMessage: integrationOf('messages'),
        getHistory: integrationOf('messages'),
        $default: integrationOf('messages'),
        ping,
      };
      const routes = Object.values(s.resources('aws_apigatewayv2_route'));
      assert.deepEqual(routes.map((r) => r.route_key).sort(), Object.keys(want).sort());
      for (const route of routes) {
        assert.equal(route.api_id, ref(api, 'id'));
        assert.equal(route.target, `integrations/${ref(want[route.route_key]!, 'id')}`, route.route_key);
      }
    });

    it('Lambda integrations are AWS_PROXY with POST', () => {
      const proxies = Object.values(s.resources('aws_apigatewayv2_integration')).filter(
        (i) => i.integration_type !== 'MOCK',
      );
      assert.equal(proxies.length, 3);
      for (const integration of proxies) {
        assert.equal(integration.integration_type, 'AWS_PROXY');
        assert.equal(integration.integration_method, 'POST');
        assert.match(integration.integration_uri, /^\$\{aws_lambda_function\.[\w-]+\.invoke_arn\}$/);
      }
    });

    it('$connect is authorized by the REQUEST authorizer on the username query parameter (guest mode)', () => {
      const authorizer = s.resource('aws_apigatewayv2_authorizer');
      assert.equal(authorizer.value.authorizer_type, 'REQUEST');
      assert.deepEqual(authorizer.value.identity_sources, ['route.request.querystring.username']);
      assert.equal(
        authorizer.value.authorizer_uri,
        ref(s.address('aws_lambda_function', { function_name: 'chat-room-dev-authorizer' }), 'invoke_arn'),
      );
      const connect = s.resource('aws_apigatewayv2_route', { route_key: '$connect' }).value;
      assert.equal(connect.authorization_type, 'CUSTOM');
      assert.equal(connect.authorizer_id, ref(`aws_apigatewayv2_authorizer.${authorizer.name}`, 'id'));
      for (const route of Object.values(s.resources('aws_apigatewayv2_route'))) {
        if (route.route_key !== '$connect') assert.notEqual(route.authorization_type, 'CUSTOM', route.route_key);
      }
    });

    it('sendMessage, getHistory and $default are two-way: $default route response selection and a $default route response', () => {
      for (const key of ['sendMessage', 'getHistory', '$default']) {
        const route = s.resource('aws_apigatewayv2_route', { route_key: key });
        assert.equal(route.value.route_response_selection_expression, '$default', key);
        const response = s.resource('aws_apigatewayv2_route_response', {
          route_id: ref(`aws_apigatewayv2_route.${route.name}`, 'id'),
        });
        assert.equal(response.value.route_response_key, '$default');
      }
      for (const key of ['$connect', '$disconnect']) {
        const route = s.resource('aws_apigatewayv2_route', { route_key: key });
        assert.equal(route.value.route_response_selection_expression, undefined, key);
      }
      assert.equal(Object.keys(s.resources('aws_apigatewayv2_route_response')).length, 4);
    });

    it('ping is a MOCK integration answering {"type":"pong"} through a route response, no Lambda', () => {
      const integration = s.resource('aws_apigatewayv2_integration', { integration_type: 'MOCK' });
      assert.equal(integration.value.integration_uri, undefined);
      assert.equal(integration.value.template_selection_expression, '\\$default');
      assert.deepEqual(Object.keys(integration.value.request_templates), ['$default']);
      assert.deepEqual(JSON.parse(integration.value.request_templates.$default), { statusCode: 200 });

      const response = s.resource('aws_apigatewayv2_integration_response').value;
      assert.equal(response.integration_id, ref(`aws_apigatewayv2_integration.${integration.name}`, 'id'));
      assert.equal(response.integration_response_key, '$default');
      assert.equal(response.template_selection_expression, '\\$default');
      assert.deepEqual(JSON.parse(response.response_templates.$default), { type: 'pong' });

      const route = s.resource('aws_apigatewayv2_route', { route_key: 'ping' });
      assert.equal(route.value.route_response_selection_expression, '$default');
      const routeResponse = s.resource('aws_apigatewayv2_route_response', {
        route_id: ref(`aws_apigatewayv2_route.${route.name}`, 'id'),
      });
      assert.equal(routeResponse.value.route_response_key, '$default');
    });

    it('each function may be invoked only by its own routes of this API and stage (authorizer: by this authorizer)', () => {
      const exec = ref(s.address('aws_apigatewayv2_api'), 'execution_arn');
      const authorizer = s.address('aws_apigatewayv2_authorizer');
      const fnName = (fn: string) =>
        ref(s.address('aws_lambda_function', { function_name: `chat-room-dev-${fn}` }), 'function_name');
      const permissions = Object.values(s.resources('aws_lambda_permission')).map((p) => ({
        fn: p.function_name,
        source: p.source_arn,
        principal: p.principal,
        action: p.action,
      }));
      const want = [
        { fn: fnName('authorizer'), source: `${exec}/authorizers/${ref(authorizer, 'id')}` },
        { fn: fnName('connect'), source: `${exec}/dev/$connect` },
        { fn: fnName('disconnect'), source: `${exec}/dev/$disconnect` },
        { fn: fnName('messages'), source: `${exec}/dev/sendMessage` },
        { fn: fnName('messages'), source: `${exec}/dev/getHistory` },
        { fn: fnName('messages'), source: `${exec}/dev/$default` },
      ].map((p) => ({ ...p, principal: 'apigateway.amazonaws.com', action: 'lambda:InvokeFunction' }));
      const key = (p: { fn: string; source: string }) => `${p.fn} ${p.source}`;
      assert.deepEqual(permissions.map(key).sort(), want.map(key).sort());
      for (const p of permissions)
        assert.deepEqual([p.principal, p.action], ['apigateway.amazonaws.com', 'lambda:InvokeFunction']);
    });

    it('the stage auto-deploys, throttles every route by default and never traces data', () => {
      const stage = s.resource('aws_apigatewayv2_stage').value;
      assert.equal(stage.name, 'dev');
      assert.equal(stage.auto_deploy, true);
      assert.equal(stage.api_id, ref(s.address('aws_apigatewayv2_api'), 'id'));
      assert.deepEqual(stage.default_route_settings, {
        throttling_rate_limit: 50,
        throttling_burst_limit: 100,
        data_trace_enabled: false,
        detailed_metrics_enabled: false,
        logging_level: 'ERROR',
      });
      const custom = synthesize({ THROTTLE_RATE: '5', THROTTLE_BURST: '7', CHAT_ROOM_STAGE: 'prod' });
      try {
        const prod = custom.resource('aws_apigatewayv2_stage').value;
        assert.equal(prod.name, 'prod');
        assert.equal(prod.default_route_settings.throttling_rate_limit, 5);
        assert.equal(prod.default_route_settings.throttling_burst_limit, 7);
      } finally {
        custom.cleanup();
      }
    });

    it('access logs are JSON to a log group with retention, and log no query string, path, body or headers', () => {
      const stage = s.resource('aws_apigatewayv2_stage').value;
      const group = s.resource('aws_cloudwatch_log_group', { name: '/aws/apigateway/chat-room-dev/access' });
      assert.equal(group.value.retention_in_days, 14);
      assert.equal(stage.access_log_settings.destination_arn, ref(`aws_cloudwatch_log_group.${group.name}`, 'arn'));
      const format: string = stage.access_log_settings.format;
      assert.equal(format, ACCESS_LOG_FORMAT);
      const sample = JSON.parse(format.replace(/\$context\.error\.messageString/, '"x"'));
      for (const key of [
        'requestId',
        'routeKey',
        'eventType',
        'status',
        'connectionId',
        'ip',
        'requestTime',
        'integrationError',
      ])
        assert.ok(key in sample, key);
      for (const value of Object.values(sample) as string[]) {
        if (value !== 'x') assert.match(value, /^\$context\.[A-Za-z.]+$/);
      }
      assert.doesNotMatch(
        format,
        /querystring|queryString|\$request|\$input|path|header|body|\$context\.authorizer\.(?!error)/i,
      );
    });
  });

  it('outputs the wss:// URL, the management endpoint, the API id and the table names', () => {
    const stage = s.address('aws_apigatewayv2_stage');
    const api = s.address('aws_apigatewayv2_api');
    assert.deepEqual(Object.keys(s.json.output).sort(), [
      'alarm_topic_arn',
      'api_id',
      'connections_table',
      'management_endpoint',
      'messages_table',
      'websocket_url',
    ]);
    assert.equal(s.json.output.websocket_url.value, ref(stage, 'invoke_url'));
    assert.equal(s.json.output.api_id.value, ref(api, 'id'));
    assert.equal(s.json.output.management_endpoint.value, `\${replace(${api}.api_endpoint, "wss://", "https://")}/dev`);
    assert.equal(
      s.json.output.connections_table.value,
      ref(s.address('aws_dynamodb_table', { name: 'chat-room-dev-connections' }), 'name'),
    );
    assert.equal(
      s.json.output.messages_table.value,
      ref(s.address('aws_dynamodb_table', { name: 'chat-room-dev-messages' }), 'name'),
    );
  });

  it('has exactly the expected resources, by type', () => {
    const counts = Object.fromEntries(
      Object.entries(s.json.resource).map(([type, rs]) => [type, Object.keys(rs as object).length]),
    );
    assert.deepEqual(counts, {
      aws_apigatewayv2_api: 1,
      aws_apigatewayv2_authorizer: 1,
      aws_apigatewayv2_integration: 4,
      aws_apigatewayv2_integration_response: 1,
      aws_apigatewayv2_route: 6,
      aws_apigatewayv2_route_response: 4,
      aws_apigatewayv2_stage: 1,
      aws_cloudwatch_dashboard: 1,
      aws_cloudwatch_log_group: 6,
      aws_cloudwatch_metric_alarm: 19,
      aws_dynamodb_table: 2,
      aws_iam_role: 4,
      aws_iam_role_policy: 4,
      aws_lambda_function: 4,
      aws_lambda_permission: 6,
      aws_sns_topic: 1,
    });
    assert.equal(s.json.data, undefined, 'guest mode reads no data source');
  });
});
