// The entry point as `npm run synth` and the cdktf CLI (cdktf.json's `app`, with CDKTF_OUTDIR) run it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { testEnv } from './synth.js';

const cdktfDir = fileURLToPath(new URL('..', import.meta.url));

function runMain(env: Record<string, string>) {
  const outdir = mkdtempSync(join(tmpdir(), 'chat-room-main-'));
  const clean: Record<string, string | undefined> = { ...process.env };
  for (const key of Object.keys(clean)) {
    if (
      /^(CHAT_ROOM_|AUTH_MODE|TOKEN_|ALLOWED_ORIGINS|LOG_|THROTTLE_|RATE_LIMIT_|DELETION_PROTECTION|API_GATEWAY_LOG_ROLE|TF_STATE_|AWS_|LAMBDA_RUNTIME|ALARM_EMAIL|RESERVED_CONCURRENCY_|MESSAGE_RETENTION_DAYS|CUSTOM_DOMAIN|CERTIFICATE_ARN)/.test(
        key,
      )
    )
      delete clean[key];
  }
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: cdktfDir,
    env: { ...clean, ...env, CDKTF_OUTDIR: outdir },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { ...result, outdir, cleanup: () => rmSync(outdir, { recursive: true, force: true }) };
}

describe('src/main.ts', () => {
  it('writes stacks/<name>-<stage>/cdk.tf.json into CDKTF_OUTDIR, without AWS credentials', () => {
    const run = runMain(testEnv({ CHAT_ROOM_STAGE: 'ci' }));
    try {
      assert.equal(run.status, 0, run.stderr);
      const file = join(run.outdir, 'stacks', 'chat-room-ci', 'cdk.tf.json');
      assert.ok(existsSync(file), `${file} missing; stdout: ${run.stdout}`);
      const stages = Object.values(JSON.parse(readFileSync(file, 'utf8')).resource.aws_apigatewayv2_stage) as {
        name: string;
      }[];
      assert.deepEqual(
        stages.map((stage) => stage.name),
        ['ci'],
      );
      assert.ok(existsSync(join(run.outdir, 'manifest.json')));
      assert.match(
        run.stdout,
        /Synthesized chat-room-ci \(guest mode, region us-east-1, nodejs24\.x, hashicorp\/aws 6\.28\.0\)/,
      );
      assert.ok(
        existsSync(join(run.outdir, 'stacks', 'chat-room-ci', '.terraform.lock.hcl')),
        'the provider lock file',
      );
      assert.ok(existsSync(join(run.outdir, 'stacks', 'chat-room-bootstrap', 'cdk.tf.json')), 'the bootstrap stack');
    } finally {
      run.cleanup();
    }
  });

  it('refuses a bad configuration with every problem listed and exit code 1', () => {
    const run = runMain(testEnv({ AUTH_MODE: 'token', LOG_RETENTION_DAYS: '10' }));
    try {
      assert.equal(run.status, 1);
      assert.match(run.stderr, /Invalid chat-room stack configuration/);
      assert.match(run.stderr, /TOKEN_SECRET_PARAMETER/);
      assert.match(run.stderr, /LOG_RETENTION_DAYS "10"/);
      assert.ok(!existsSync(join(run.outdir, 'stacks')));
    } finally {
      run.cleanup();
    }
  });

  it('says how to build the bundles when they are missing', () => {
    const run = runMain({ CHAT_ROOM_BUNDLES_DIR: join(tmpdir(), 'no-such-bundles-dir') });
    try {
      assert.equal(run.status, 1);
      assert.match(run.stderr, /Lambda bundles missing: .*authorizer\/index\.mjs/);
      assert.match(run.stderr, /npm run build -w @chat-room\/backend/);
    } finally {
      run.cleanup();
    }
  });
});
