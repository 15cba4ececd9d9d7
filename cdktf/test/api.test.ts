import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ACCESS_LOG_FORMAT } from '../src/api.js';
import { ref, synthesize } from './synth.js';
import type { Synthesized } from './synth.js';

describe('synthesized WebSocket API (guest mode, defaults)', () => {
  let s: Synthesized;
  before(() => {
    s = synthesize({});
  });
  after(() => s.cleanup());

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
        integration_uri: ref(s.address('aws_lambda_function', { function_name: `chat-room-dev-${fn}` }), 'invoke_arn'),
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
