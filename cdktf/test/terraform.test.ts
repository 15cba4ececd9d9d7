// Checks the synthesized JSON with Terraform itself, offline: `terraform validate` against the real AWS
// provider schema, and (guest mode) a full `terraform plan` with dummy credentials and no API calls.
// Needs the `terraform` binary and a local provider mirror holding hashicorp/aws (a `-plugin-dir`,
// CHAT_ROOM_TF_PLUGIN_DIR, default /opt/tf-plugins); skipped, saying why, where they are missing. The
// stack is synthesized for the mirror's provider version (AWS_PROVIDER_VERSION, with LAMBDA_RUNTIME
// nodejs22.x when that is 5.x): the resources and arguments used here exist in both the 5.x and 6.x schemas.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { synthesize } from './synth.js';

const pluginDir = process.env.CHAT_ROOM_TF_PLUGIN_DIR ?? '/opt/tf-plugins';
const awsPluginDir = join(pluginDir, 'registry.terraform.io', 'hashicorp', 'aws');
const terraformVersion = spawnSync('terraform', ['version'], { encoding: 'utf8' });
const providerVersions = existsSync(awsPluginDir)
  ? readdirSync(awsPluginDir).filter((v) => /^\d+\.\d+\.\d+$/.test(v))
  : [];
const skip =
  terraformVersion.status !== 0
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

/** The same, asynchronously: lets this process serve the fake STS endpoint while Terraform runs. */
function terraformAsync(
  dir: string,
  args: string[],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

const ACCOUNT = '123456789012';

/** A local stand-in for STS answering GetCallerIdentity (all `data.aws_caller_identity` needs). */
async function fakeSts(): Promise<{ url: string; calls: () => number; close(): Promise<void> }> {
  let calls = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (!body.includes('Action=GetCallerIdentity')) {
        res
          .writeHead(400, { 'content-type': 'text/xml' })
          .end('<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>');
        return;
      }
      calls++;
      res
        .writeHead(200, { 'content-type': 'text/xml' })
        .end(
          '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
            `<Arn>arn:aws:iam::${ACCOUNT}:user/test</Arn><UserId>AIDAEXAMPLE</UserId><Account>${ACCOUNT}</Account>` +
            '</GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls: () => calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A copy of the synthesized stack wired to the local provider mirror and a throwaway local state. */
/** Settings that make the stack match the mirror's provider. */
export function mirrorEnv(): Record<string, string> {
  const version = providerVersions.sort().at(-1)!;
  return { AWS_PROVIDER_VERSION: version, ...(version.startsWith('5.') ? { LAMBDA_RUNTIME: 'nodejs22.x' } : {}) };
}

function prepare(
  stackEnv: Record<string, string>,
  options: { offlineProvider: boolean; stsEndpoint?: string },
): { dir: string; cleanup(): void } {
  const s = synthesize({ ...mirrorEnv(), ...stackEnv });
  const dir = mkdtempSync(join(tmpdir(), 'chat-room-tf-'));
  cpSync(s.stackDir, dir, { recursive: true });
  s.cleanup();
  const file = join(dir, 'cdk.tf.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  json.terraform.backend = { local: { path: join(dir, 'terraform.tfstate') } };
  if (options.offlineProvider) {
    Object.assign(json.provider.aws[0], {
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: 'true',
      ...(options.stsEndpoint ? { endpoints: [{ sts: options.stsEndpoint }] } : {}),
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
    [
      'token, S3 state and every production setting',
      {
        AUTH_MODE: 'token',
        TOKEN_SECRET_PARAMETER: '/chat/secret',
        TF_STATE_BUCKET: 'state-bucket',
        ALARM_EMAIL: 'ops@example.com',
        RESERVED_CONCURRENCY_MESSAGES: '50',
        MESSAGE_RETENTION_DAYS: '30',
        AWS_ALLOWED_ACCOUNT_IDS: '123456789012',
        CUSTOM_DOMAIN: 'chat.example.com',
        CERTIFICATE_ARN: 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012',
      },
    ],
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
      const plan = terraform(dir, [
        'plan',
        '-input=false',
        '-refresh=false',
        '-lock=false',
        '-no-color',
        '-out=plan.bin',
      ]);
      assert.equal(plan.status, 0, `terraform plan failed:\n${plan.stdout}\n${plan.stderr}`);
      assert.match(plan.stdout, /Plan: 65 to add, 0 to change, 0 to destroy\./);
      const show = terraform(dir, ['show', '-json', 'plan.bin']);
      assert.equal(show.status, 0, show.stderr);
      const planned = JSON.parse(show.stdout);
      const outputs = planned.planned_values.outputs;
      assert.equal(outputs.connections_table.value, 'chat-room-dev-connections');
      assert.equal(outputs.messages_table.value, 'chat-room-dev-messages');
      const changes = planned.resource_changes as {
        address: string;
        change: { actions: string[]; after: Record<string, unknown> };
      }[];
      assert.equal(changes.length, 65);
      assert.ok(changes.every((c) => c.change.actions.join() === 'create'));
      const ping = changes.find((c) => c.address.startsWith('aws_apigatewayv2_integration_response.'))!;
      assert.deepEqual(ping.change.after.response_templates, { $default: '{"type":"pong"}' });
    } finally {
      cleanup();
    }
  });

  it('terraform plan (token mode, offline with a local STS): the secret parameter ARN resolves, for exactly two roles', async () => {
    const sts = await fakeSts();
    const { dir, cleanup } = prepare(
      { AUTH_MODE: 'token', TOKEN_SECRET_PARAMETER: '/chat/prod/secret' },
      { offlineProvider: true, stsEndpoint: sts.url },
    );
    try {
      const plan = await terraformAsync(dir, [
        'plan',
        '-input=false',
        '-refresh=false',
        '-lock=false',
        '-no-color',
        '-out=plan.bin',
      ]);
      assert.equal(plan.status, 0, `terraform plan failed:\n${plan.stdout}\n${plan.stderr}`);
      assert.ok(sts.calls() >= 1, 'aws_caller_identity was not read');
      const show = await terraformAsync(dir, ['show', '-json', 'plan.bin']);
      assert.equal(show.status, 0, show.stderr);
      const planned = JSON.parse(show.stdout);
      assert.match(plan.stdout, /Plan: 65 to add, 0 to change, 0 to destroy\./);
      // The data sources were read during the plan: the parameter ARN's account and partition are known.
      const data = (planned.prior_state?.values?.root_module?.resources ?? []) as {
        type: string;
        values: Record<string, string>;
      }[];
      assert.equal(data.find((r) => r.type === 'aws_caller_identity')?.values.account_id, ACCOUNT);
      assert.equal(data.find((r) => r.type === 'aws_partition')?.values.partition, 'aws');
      // Both readers' policies reference the parameter ARN built from them (the policy text itself stays
      // unknown until apply, since it also names log groups that do not exist yet).
      const config = planned.configuration.root_module.resources as {
        type: string;
        expressions: { name?: { constant_value: string }; policy?: { references?: string[] } };
      }[];
      const readers = config
        .filter(
          (r) =>
            r.type === 'aws_iam_role_policy' &&
            (r.expressions.policy?.references ?? []).some((ref) => ref.startsWith('data.aws_caller_identity.')),
        )
        .map((r) => r.expressions.name?.constant_value)
        .sort();
      assert.deepEqual(readers, ['chat-room-dev-authorizer', 'chat-room-dev-connect']);
    } finally {
      cleanup();
      await sts.close();
    }
  });
});
