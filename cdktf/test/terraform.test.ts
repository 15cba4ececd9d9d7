// Checks the synthesized JSON with Terraform itself, offline: `terraform validate` against the real AWS
// provider schema, and (guest mode) a full `terraform plan` with dummy credentials and no API calls.
// Needs the `terraform` binary and a local provider mirror holding hashicorp/aws (a `-plugin-dir`,
// CHAT_ROOM_TF_PLUGIN_DIR, default /opt/tf-plugins); skipped, saying why, where they are missing. The
// mirror's provider version replaces the pinned 6.25.0 in a copy of the stack: the resources and
// arguments used here exist in both the 5.x and 6.x schemas.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { synthesize } from './synth.js';

const pluginDir = process.env.CHAT_ROOM_TF_PLUGIN_DIR ?? '/opt/tf-plugins';
const awsPluginDir = join(pluginDir, 'registry.terraform.io', 'hashicorp', 'aws');
const terraformVersion = spawnSync('terraform', ['version'], { encoding: 'utf8' });
const providerVersions = existsSync(awsPluginDir) ? readdirSync(awsPluginDir).filter((v) => /^\d+\.\d+\.\d+$/.test(v)) : [];
const skip = terraformVersion.status !== 0
  ? 'terraform is not installed'
  : providerVersions.length === 0
    ? `no local hashicorp/aws provider under ${pluginDir} (set CHAT_ROOM_TF_PLUGIN_DIR)`
    : false;

const env = {
  ...process.env,
  TF_IN_AUTOMATION: '1',
  CHECKPOINT_DISABLE: '1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_PROFILE: '',
};

function terraform(dir: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('terraform', args, { cwd: dir, env, encoding: 'utf8', timeout: 240_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A copy of the synthesized stack wired to the local provider mirror and a throwaway local state. */
function prepare(stackEnv: Record<string, string>, options: { offlineProvider: boolean }): { dir: string; cleanup(): void } {
  const s = synthesize(stackEnv);
  const dir = mkdtempSync(join(tmpdir(), 'chat-room-tf-'));
  cpSync(s.stackDir, dir, { recursive: true });
  s.cleanup();
  const file = join(dir, 'cdk.tf.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  json.terraform.required_providers.aws.version = providerVersions.sort().at(-1);
  json.terraform.backend = { local: { path: join(dir, 'terraform.tfstate') } };
  if (options.offlineProvider) {
    Object.assign(json.provider.aws[0], {
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: 'true',
    });
  }
  writeFileSync(file, JSON.stringify(json, null, 2));
  const init = terraform(dir, ['init', '-input=false', '-no-color', `-plugin-dir=${pluginDir}`]);
  assert.equal(init.status, 0, `terraform init failed:\n${init.stdout}\n${init.stderr}`);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

describe('terraform accepts the synthesized JSON', { skip: skip, timeout: 600_000 }, () => {
  for (const [mode, stackEnv] of [
    ['guest', {}],
    ['token, S3 state and account log role', { AUTH_MODE: 'token', TOKEN_SECRET_PARAMETER: '/chat/secret', API_GATEWAY_LOG_ROLE: 'create', TF_STATE_BUCKET: 'state-bucket' }],
  ] as const) {
    it(`terraform validate (${mode})`, () => {
      const { dir, cleanup } = prepare(stackEnv, { offlineProvider: false });
      try {
        const result = terraform(dir, ['validate', '-json', '-no-color']);
        const report = JSON.parse(result.stdout);
        assert.equal(report.valid, true, JSON.stringify(report.diagnostics, null, 2));
        assert.equal(report.warning_count, 0, JSON.stringify(report.diagnostics, null, 2));
      } finally {
        cleanup();
      }
    });
  }

  it('terraform plan (guest, offline): every resource planned, outputs known where they can be', () => {
    const { dir, cleanup } = prepare({}, { offlineProvider: true });
    try {
      const plan = terraform(dir, ['plan', '-input=false', '-refresh=false', '-lock=false', '-no-color', '-out=plan.bin']);
      assert.equal(plan.status, 0, `terraform plan failed:\n${plan.stdout}\n${plan.stderr}`);
      assert.match(plan.stdout, /Plan: 43 to add, 0 to change, 0 to destroy\./);
      const show = terraform(dir, ['show', '-json', 'plan.bin']);
      assert.equal(show.status, 0, show.stderr);
      const planned = JSON.parse(show.stdout);
      const outputs = planned.planned_values.outputs;
      assert.equal(outputs.connections_table.value, 'chat-room-dev-connections');
      assert.equal(outputs.messages_table.value, 'chat-room-dev-messages');
      const changes = planned.resource_changes as { address: string; change: { actions: string[]; after: Record<string, unknown> } }[];
      assert.equal(changes.length, 43);
      assert.ok(changes.every((c) => c.change.actions.join() === 'create'));
      const ping = changes.find((c) => c.address.startsWith('aws_apigatewayv2_integration_response.'))!;
      assert.deepEqual(ping.change.after.response_templates, { $default: '{"type":"pong"}' });
    } finally {
      cleanup();
    }
  });
});
