import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { synthesize } from './synth.js';

describe('Terraform state backend', () => {
  it('is local by default, next to cdktf.out rather than inside it, with a relative path', () => {
    const s = synthesize({});
    try {
      assert.deepEqual(s.json.terraform.backend, { local: { path: '../../../terraform.chat-room-dev.tfstate' } });
      assert.equal(s.json.terraform.required_version, undefined);
    } finally {
      s.cleanup();
    }
  });

  it('is S3 with encryption and the native lock file when TF_STATE_BUCKET is set', () => {
    const s = synthesize({ TF_STATE_BUCKET: 'my-tf-state', CHAT_ROOM_STAGE: 'prod', AWS_REGION: 'eu-central-1' });
    try {
      assert.deepEqual(s.json.terraform.backend, {
        s3: {
          bucket: 'my-tf-state',
          key: 'chat-room/prod/terraform.tfstate',
          region: 'eu-central-1',
          encrypt: true,
          use_lockfile: true,
        },
      });
      assert.equal(s.json.terraform.backend.s3.dynamodb_table, undefined);
      assert.equal(
        s.json.terraform.required_version,
        '>= 1.11.0',
        'use_lockfile is generally available from Terraform 1.11',
      );
    } finally {
      s.cleanup();
    }
  });

  it('takes TF_STATE_KEY and TF_STATE_REGION', () => {
    const s = synthesize({
      TF_STATE_BUCKET: 'my-tf-state',
      TF_STATE_KEY: 'chat/state.json',
      TF_STATE_REGION: 'us-west-2',
    });
    try {
      assert.equal(s.json.terraform.backend.s3.key, 'chat/state.json');
      assert.equal(s.json.terraform.backend.s3.region, 'us-west-2');
      assert.equal(s.json.provider.aws[0].region, 'us-east-1');
    } finally {
      s.cleanup();
    }
  });
});
