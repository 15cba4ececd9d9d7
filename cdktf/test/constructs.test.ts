// The constructs on their own (typed props in, resources out), through cdktf's Testing helpers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Apigatewayv2IntegrationResponse } from '@cdktf/provider-aws/lib/apigatewayv2-integration-response/index.js';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route/index.js';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table/index.js';
import { Testing } from 'cdktf';
import { allow, policyDocument } from '../src/iam.js';
import { PingRoute } from '../src/ping-route.js';
import { ChatTables } from '../src/tables.js';

describe('ChatTables', () => {
  it('names the tables after the prefix and applies deletion protection to both', () => {
    let roomIndexArn = '';
    const synthesized = Testing.synthScope((scope) => {
      roomIndexArn = new ChatTables(scope, 'tables', { prefix: 'acme-prod', deletionProtection: true }).roomIndexArn;
    });
    assert.ok(
      Testing.toHaveResourceWithProperties(synthesized, DynamodbTable.tfResourceType, {
        name: 'acme-prod-connections',
        deletion_protection_enabled: true,
        point_in_time_recovery: { enabled: false },
      }),
    );
    assert.ok(
      Testing.toHaveResourceWithProperties(synthesized, DynamodbTable.tfResourceType, {
        name: 'acme-prod-messages',
        deletion_protection_enabled: true,
        point_in_time_recovery: { enabled: true },
      }),
    );
    assert.ok(
      !Testing.toHaveResourceWithProperties(synthesized, DynamodbTable.tfResourceType, {
        name: 'acme-prod-messages',
        deletion_protection_enabled: false,
      }),
    );
    assert.match(roomIndexArn, /\/index\/RoomIndex$/);
  });
});

describe('PingRoute', () => {
  it('is a two-way MOCK route answering the pong frame', () => {
    const synthesized = Testing.synthScope((scope) => {
      new PingRoute(scope, 'ping', { apiId: 'abc123' });
    });
    assert.ok(
      Testing.toHaveResourceWithProperties(synthesized, Apigatewayv2Route.tfResourceType, {
        api_id: 'abc123',
        route_key: 'ping',
        route_response_selection_expression: '$default',
      }),
    );
    assert.ok(
      Testing.toHaveResourceWithProperties(synthesized, Apigatewayv2IntegrationResponse.tfResourceType, {
        response_templates: { $default: '{"type":"pong"}' },
      }),
    );
    assert.ok(
      Testing.toHaveResourceWithProperties(synthesized, 'aws_apigatewayv2_integration', {
        integration_type: 'MOCK',
        request_templates: { $default: '{"statusCode":200}' },
      }),
    );
    assert.ok(
      Testing.toHaveResourceWithProperties(synthesized, 'aws_apigatewayv2_route_response', {
        route_response_key: '$default',
      }),
    );
  });
});

describe('IAM statements', () => {
  it('builds a policy document', () => {
    assert.deepEqual(JSON.parse(policyDocument([allow('A1', ['s3:GetObject'], ['arn:aws:s3:::b/k'])])), {
      Version: '2012-10-17',
      Statement: [{ Sid: 'A1', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/k'] }],
    });
  });

  it('refuses an invalid statement id and empty action or resource lists', () => {
    assert.throws(() => allow('not-alphanumeric', ['s3:GetObject'], ['arn:aws:s3:::b']), /alphanumeric/);
    assert.throws(() => allow('Empty', [], ['arn:aws:s3:::b']), /at least one action/);
    assert.throws(() => allow('Empty', ['s3:GetObject'], []), /at least one action and one resource/);
  });
});
