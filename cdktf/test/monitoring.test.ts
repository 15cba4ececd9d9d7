// Alarms, the alarm topic, the dashboard and the stage's execution logs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ALARM_THRESHOLDS } from '../src/alarms.js';
import { BROADCAST_METRICS } from '../src/broadcast-metrics.js';
import { ref, synthesize } from './synth.js';
import type { Synthesized } from './synth.js';

const FUNCTIONS = ['authorizer', 'connect', 'disconnect', 'messages'];

describe('monitoring (guest mode, defaults)', () => {
  let s: Synthesized;
  let alarms: Record<string, any>;
  let topic: string;
  before(() => {
    s = synthesize({});
    alarms = Object.fromEntries(
      Object.values(s.resources('aws_cloudwatch_metric_alarm')).map((alarm) => [alarm.alarm_name, alarm]),
    );
    topic = ref(s.address('aws_sns_topic', { name: 'chat-room-dev-alarms' }), 'arn');
  });
  after(() => s.cleanup());

  it('every alarm notifies the topic on alarm and on recovery, and treats no data as fine', () => {
    assert.equal(Object.keys(alarms).length, 19);
    for (const [name, alarm] of Object.entries(alarms)) {
      assert.deepEqual(alarm.alarm_actions, [topic], name);
      assert.deepEqual(alarm.ok_actions, [topic], name);
      assert.equal(alarm.treat_missing_data, 'notBreaching', name);
      assert.equal(alarm.comparison_operator, 'GreaterThanOrEqualToThreshold', name);
    }
    assert.equal(s.json.resource.aws_sns_topic_subscription, undefined, 'no e-mail without ALARM_EMAIL');
    assert.equal(s.json.output.alarm_topic_arn.value, topic);
  });

  for (const fn of FUNCTIONS) {
    it(`${fn}: Errors, Throttles and Duration p99 near the timeout`, () => {
      const name = `chat-room-dev-${fn}`;
      const errors = alarms[`chat-room-dev-lambda-${fn}-errors`];
      const throttles = alarms[`chat-room-dev-lambda-${fn}-throttles`];
      const duration = alarms[`chat-room-dev-lambda-${fn}-duration-p99`];
      for (const alarm of [errors, throttles, duration]) {
        assert.equal(alarm.namespace, 'AWS/Lambda');
        assert.deepEqual(alarm.dimensions, { FunctionName: name });
        assert.equal(alarm.period, 300);
      }
      assert.deepEqual([errors.metric_name, errors.statistic, errors.threshold], ['Errors', 'Sum', 1]);
      assert.deepEqual([throttles.metric_name, throttles.statistic, throttles.threshold], ['Throttles', 'Sum', 1]);
      const timeout = s.resource('aws_lambda_function', { function_name: name }).value.timeout;
      assert.deepEqual(
        [duration.metric_name, duration.extended_statistic, duration.threshold, duration.evaluation_periods],
        ['Duration', 'p99', Math.round(timeout * 1000 * ALARM_THRESHOLDS.lambdaDurationP99OfTimeout), 3],
      );
    });
  }

  it('API Gateway integration and execution errors of this API and stage', () => {
    const api = ref(s.address('aws_apigatewayv2_api'), 'id');
    for (const [name, metric] of [
      ['chat-room-dev-api-integration-errors', 'IntegrationError'],
      ['chat-room-dev-api-execution-errors', 'ExecutionError'],
    ]) {
      const alarm = alarms[name!];
      assert.equal(alarm.namespace, 'AWS/ApiGateway');
      assert.equal(alarm.metric_name, metric);
      assert.deepEqual(alarm.dimensions, { ApiId: api, Stage: 'dev' });
    }
  });

  it('DynamoDB throttles per table: reads and writes of the table and its indexes, summed', () => {
    const connections = alarms['chat-room-dev-dynamodb-connections-throttles'];
    const queries = connections.metric_query as any[];
    assert.deepEqual(
      queries.filter((q) => q.metric).map((q) => [q.metric.metric_name, q.metric.dimensions]),
      [
        ['ReadThrottleEvents', { TableName: 'chat-room-dev-connections' }],
        ['WriteThrottleEvents', { TableName: 'chat-room-dev-connections' }],
        ['ReadThrottleEvents', { TableName: 'chat-room-dev-connections', GlobalSecondaryIndexName: 'RoomIndex' }],
        ['WriteThrottleEvents', { TableName: 'chat-room-dev-connections', GlobalSecondaryIndexName: 'RoomIndex' }],
      ],
    );
    assert.deepEqual(
      queries.filter((q) => q.return_data).map((q) => q.expression),
      ['SUM(METRICS())'],
    );
    const messages = alarms['chat-room-dev-dynamodb-messages-throttles'];
    assert.equal((messages.metric_query as any[]).filter((q) => q.metric).length, 2);
  });

  it('broadcast failures, throttling and p99 duration on the ChatRoom EMF metrics, dimension Stage', () => {
    const expected = {
      'chat-room-dev-broadcast-failed': [BROADCAST_METRICS.failed, 'Sum', ALARM_THRESHOLDS.broadcastFailed],
      'chat-room-dev-broadcast-throttled': [BROADCAST_METRICS.throttled, 'Sum', ALARM_THRESHOLDS.broadcastThrottled],
      'chat-room-dev-broadcast-duration-p99': [
        BROADCAST_METRICS.durationMs,
        'p99',
        ALARM_THRESHOLDS.broadcastDurationP99Ms,
      ],
    };
    for (const [name, [metric, stat, threshold]] of Object.entries(expected)) {
      const alarm = alarms[name];
      assert.equal(alarm.namespace, 'ChatRoom');
      assert.deepEqual(alarm.dimensions, { Stage: 'dev' });
      assert.equal(alarm.metric_name, metric);
      assert.equal(alarm.statistic ?? alarm.extended_statistic, stat);
      assert.equal(alarm.threshold, threshold);
    }
    assert.deepEqual(BROADCAST_METRICS, {
      posted: 'BroadcastPosted',
      gone: 'BroadcastGone',
      throttled: 'BroadcastThrottled',
      failed: 'BroadcastFailed',
      durationMs: 'BroadcastDurationMs',
    });
  });

  it('a dashboard with the alarms, API, functions, tables and every broadcast metric', () => {
    const dashboard = s.resource('aws_cloudwatch_dashboard').value;
    assert.equal(dashboard.dashboard_name, 'chat-room-dev');
    const body = JSON.parse(dashboard.dashboard_body);
    const alarmWidget = body.widgets.find((w: any) => w.type === 'alarm');
    assert.equal(alarmWidget.properties.alarms.length, 19);
    const metrics = body.widgets.flatMap((w: any) => w.properties.metrics ?? []) as any[][];
    const names = new Set(metrics.map((m) => `${m[0]}/${m[1]}`));
    for (const metric of [
      'AWS/ApiGateway/ConnectCount',
      'AWS/ApiGateway/MessageCount',
      'AWS/ApiGateway/IntegrationError',
      'AWS/ApiGateway/ExecutionError',
      'AWS/Lambda/Invocations',
      'AWS/Lambda/Errors',
      'AWS/Lambda/Throttles',
      'AWS/Lambda/Duration',
      'AWS/Lambda/ConcurrentExecutions',
      'AWS/DynamoDB/ReadThrottleEvents',
      'AWS/DynamoDB/WriteThrottleEvents',
      ...Object.values(BROADCAST_METRICS).map((m) => `ChatRoom/${m}`),
    ])
      assert.ok(names.has(metric), `dashboard lacks ${metric}`);
    for (const fn of FUNCTIONS) assert.ok(metrics.some((m) => m[0] === 'AWS/Lambda' && m[3] === `chat-room-dev-${fn}`));
    for (const widget of body.widgets.filter((w: any) => w.type === 'metric'))
      assert.equal(widget.properties.region, 'us-east-1');
  });

  it('stage execution logs at ERROR into a log group with retention, created before the stage', () => {
    const stage = s.resource('aws_apigatewayv2_stage').value;
    assert.equal(stage.default_route_settings.logging_level, 'ERROR');
    assert.equal(stage.default_route_settings.data_trace_enabled, false);
    const api = s.address('aws_apigatewayv2_api');
    const group = s.resource('aws_cloudwatch_log_group', { name: `API-Gateway-Execution-Logs_\${${api}.id}/dev` });
    assert.equal(group.value.retention_in_days, 14);
    assert.ok(stage.depends_on.includes(`aws_cloudwatch_log_group.${group.name}`));
  });
});

describe('ALARM_EMAIL', () => {
  it('subscribes the address to the alarm topic', () => {
    const s = synthesize({ ALARM_EMAIL: 'ops@example.com' });
    try {
      const subscription = s.resource('aws_sns_topic_subscription').value;
      assert.equal(subscription.protocol, 'email');
      assert.equal(subscription.endpoint, 'ops@example.com');
      assert.equal(subscription.topic_arn, ref(s.address('aws_sns_topic'), 'arn'));
    } finally {
      s.cleanup();
    }
  });
});
