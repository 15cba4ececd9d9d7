// The one-time bootstrap stack: API Gateway's account-wide CloudWatch role, out of every stage's stack.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { synthesizeApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { ref, synthesize, testEnv } from './synth.js';

function synthBootstrap(env: Record<string, string>) {
  const outdir = mkdtempSync(join(tmpdir(), 'chat-room-bootstrap-'));
  const synthesized = synthesizeApp(loadConfig(testEnv(env)), { outdir });
  const json = JSON.parse(readFileSync(join(synthesized.bootstrapDir, 'cdk.tf.json'), 'utf8'));
  return { synthesized, json, cleanup: () => rmSync(outdir, { recursive: true, force: true }) };
}

const only = (json: any, type: string) => {
  const entries = Object.entries(json.resource?.[type] ?? {});
  assert.equal(entries.length, 1, `one ${type}`);
  const [name, value] = entries[0]!;
  return { address: `${type}.${name}`, value: value as any };
};

describe('bootstrap stack', () => {
  it('sets the account CloudWatch role, trusted by API Gateway only, with the AWS-managed push policy', () => {
    const { synthesized, json, cleanup } = synthBootstrap({});
    try {
      assert.equal(synthesized.bootstrap.node.id, 'chat-room-bootstrap');
      const role = only(json, 'aws_iam_role');
      assert.equal(role.value.name, 'chat-room-apigw-logs-us-east-1');
      assert.deepEqual(JSON.parse(role.value.assume_role_policy).Statement[0].Principal, {
        Service: 'apigateway.amazonaws.com',
      });
      const attachment = only(json, 'aws_iam_role_policy_attachment');
      assert.equal(attachment.value.role, ref(role.address, 'name'));
      assert.match(
        attachment.value.policy_arn,
        /^arn:\$\{data\.aws_partition\.[\w-]+\.partition\}:iam::aws:policy\/service-role\/AmazonAPIGatewayPushToCloudWatchLogs$/,
      );
      const account = only(json, 'aws_api_gateway_account');
      assert.equal(account.value.cloudwatch_role_arn, ref(role.address, 'arn'));
      assert.deepEqual(account.value.depends_on, [attachment.address]);
      assert.deepEqual(Object.keys(json.resource).sort(), [
        'aws_api_gateway_account',
        'aws_iam_role',
        'aws_iam_role_policy_attachment',
      ]);
      assert.equal(json.provider.aws[0].default_tags[0].tags.Stage, 'bootstrap');
      assert.equal(json.terraform.required_providers.aws.version, '6.28.0');
      assert.deepEqual(json.terraform.backend, { local: { path: '../../../terraform.chat-room-bootstrap.tfstate' } });
      assert.equal(json.output.cloudwatch_role_arn.value, ref(role.address, 'arn'));
    } finally {
      cleanup();
    }
  });

  it('keeps its own S3 state key per region, with the native lock file', () => {
    const { json, cleanup } = synthBootstrap({ TF_STATE_BUCKET: 'state-bucket', AWS_REGION: 'eu-west-1' });
    try {
      assert.deepEqual(json.terraform.backend.s3, {
        bucket: 'state-bucket',
        key: 'chat-room/bootstrap/eu-west-1/terraform.tfstate',
        region: 'eu-west-1',
        encrypt: true,
        use_lockfile: true,
      });
      assert.equal(only(json, 'aws_iam_role').value.name, 'chat-room-apigw-logs-eu-west-1');
    } finally {
      cleanup();
    }
  });

  it('is the only stack touching the account setting: no stage stack sets it, whatever its settings', () => {
    const envs: Record<string, string>[] = [
      {},
      { CHAT_ROOM_STAGE: 'prod', AUTH_MODE: 'token', TOKEN_SECRET_PARAMETER: '/x' },
    ];
    for (const env of envs) {
      const s = synthesize(env);
      try {
        assert.equal(s.json.resource.aws_api_gateway_account, undefined);
        assert.equal(s.json.resource.aws_iam_role_policy_attachment, undefined);
        for (const role of Object.values(s.resources('aws_iam_role')))
          assert.ok(!role.assume_role_policy.includes('apigateway.amazonaws.com'), `${role.name} trusts API Gateway`);
      } finally {
        s.cleanup();
      }
    }
  });
});
