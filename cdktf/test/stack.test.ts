import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Testing } from 'cdktf';
import { ref, synthesize } from './synth.js';
import type { Synthesized } from './synth.js';

// The functions and the WebSocket API of the same synthesized stack: functions.test.ts, api.test.ts.
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
