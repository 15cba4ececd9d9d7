// `npm run deploy` (src/deploy.ts): what it checks and refuses, and what it runs, with a stand-in
// `terraform` on PATH that records its calls. The real Terraform path is moto.test.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { credentialSource } from '../src/deploy-checks.js';
import { testEnv } from './synth.js';

const cdktfDir = fileURLToPath(new URL('..', import.meta.url));
let work: string;
/** A folder holding only `node` (cdktf zips assets with a `node` child process): PATH without terraform. */
let nodeBin: string;

/** A `terraform` that reports `version` and logs every other call (cwd and arguments), exiting `status`. */
function fakeTerraform(version: string, status = 0): { bin: string; log: string } {
  const bin = mkdtempSync(join(work, 'bin-'));
  const log = join(bin, 'calls.log');
  writeFileSync(
    join(bin, 'terraform'),
    `#!/bin/sh
if [ "$1" = version ]; then echo '{"terraform_version":"${version}"}'; exit 0; fi
echo "$PWD|$*" >> "${log}"
if [ "$1" = init ]; then exit 0; fi
exit ${status}
`,
  );
  chmodSync(join(bin, 'terraform'), 0o755);
  return { bin, log };
}

function deploy(args: string[], env: Record<string, string>) {
  const home = mkdtempSync(join(work, 'home-'));
  const outdir = join(mkdtempSync(join(work, 'out-')), 'cdktf.out');
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/deploy.ts', ...args], {
    cwd: cdktfDir,
    env: { HOME: home, CDKTF_OUTDIR: outdir, ...testEnv(env), PATH: [env.PATH, nodeBin].filter(Boolean).join(':') },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { ...result, outdir };
}

const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'example' };

describe('npm run deploy (src/deploy.ts)', { skip: process.platform === 'win32' && 'needs a POSIX shell' }, () => {
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'chat-room-deploy-'));
    nodeBin = mkdtempSync(join(work, 'node-'));
    symlinkSync(process.execPath, join(nodeBin, 'node'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('says how to install Terraform when it is not on PATH', () => {
    const run = deploy(['apply'], CREDENTIALS);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /Cannot apply: terraform was not found on PATH\. Install Terraform/);
    assert.ok(!existsSync(run.outdir), 'nothing synthesized');
  });

  it('refuses a Terraform older than 1.11 with S3 state (the native lock file)', () => {
    const { bin } = fakeTerraform('1.10.5');
    const run = deploy(['apply'], { ...CREDENTIALS, PATH: bin, TF_STATE_BUCKET: 'state-bucket' });
    assert.equal(run.status, 1);
    assert.match(
      run.stderr,
      /Terraform 1\.10\.5 is too old: S3 state with the native lock file \(TF_STATE_BUCKET\) needs 1\.11\.0/,
    );
  });

  it('refuses to run without AWS credentials, saying where they can come from', () => {
    const { bin, log } = fakeTerraform('1.11.4');
    const run = deploy(['plan'], { PATH: bin });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /Cannot plan: no AWS credentials found: set AWS_ACCESS_KEY_ID/);
    assert.match(run.stderr, /AWS_PROFILE/);
    assert.match(run.stderr, /CHAT_ROOM_SKIP_CREDENTIALS_CHECK=1/);
    assert.ok(!existsSync(log), 'terraform never ran');
  });

  it('refuses a bad configuration with every problem, before running Terraform', () => {
    const { bin, log } = fakeTerraform('1.11.4');
    const run = deploy(['apply'], { ...CREDENTIALS, PATH: bin, AUTH_MODE: 'oauth', LAMBDA_RUNTIME: 'nodejs18.x' });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /Invalid chat-room stack configuration/);
    assert.match(run.stderr, /AUTH_MODE "oauth"/);
    assert.match(run.stderr, /LAMBDA_RUNTIME "nodejs18\.x"/);
    assert.ok(!existsSync(log));
  });

  it('refuses an unknown command', () => {
    const run = deploy(['deploy'], CREDENTIALS);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /usage: deploy\.ts <apply\|destroy\|plan> \[--bootstrap\]/);
  });

  it('synthesizes with the lock file, then terraform init and apply in the stack folder, passing arguments on', () => {
    const { bin, log } = fakeTerraform('1.11.4');
    const run = deploy(['apply', '-auto-approve'], { ...CREDENTIALS, PATH: bin, CHAT_ROOM_STAGE: 'ci' });
    assert.equal(run.status, 0, run.stderr);
    const stackDir = join(run.outdir, 'stacks', 'chat-room-ci');
    assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n'), [
      `${stackDir}|init -input=false`,
      `${stackDir}|apply -auto-approve`,
    ]);
    assert.ok(existsSync(join(stackDir, '.terraform.lock.hcl')));
    assert.match(run.stdout, /Terraform 1\.11\.4; AWS credentials: AWS_ACCESS_KEY_ID/);
    assert.match(run.stdout, /hashicorp\/aws 6\.28\.0, checked lock file/);
    assert.match(run.stdout, /npm run deploy:bootstrap/);
  });

  it('--bootstrap runs in the bootstrap stack; destroy too; Terraform’s exit status is returned', () => {
    const { bin, log } = fakeTerraform('1.11.4', 3);
    const run = deploy(['destroy', '--bootstrap'], { ...CREDENTIALS, PATH: bin });
    assert.equal(run.status, 3);
    const dir = join(run.outdir, 'stacks', 'chat-room-bootstrap');
    assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n'), [`${dir}|init -input=false`, `${dir}|destroy`]);
  });
});

describe('credentialSource', () => {
  it('finds keys, a profile, web identity, container credentials or a shared file, else nothing', () => {
    const home = mkdtempSync(join(tmpdir(), 'chat-room-home-'));
    try {
      assert.equal(credentialSource({}, home), undefined);
      assert.equal(credentialSource({ AWS_ACCESS_KEY_ID: 'a' }, home), undefined, 'a key id alone is not enough');
      assert.match(credentialSource(CREDENTIALS, home)!, /AWS_ACCESS_KEY_ID/);
      assert.equal(credentialSource({ AWS_PROFILE: 'prod' }, home), 'AWS_PROFILE=prod');
      assert.match(
        credentialSource({ AWS_WEB_IDENTITY_TOKEN_FILE: '/t', AWS_ROLE_ARN: 'arn:aws:iam::1:role/r' }, home)!,
        /web identity/,
      );
      assert.match(credentialSource({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2' }, home)!, /container/);
      mkdirSync(join(home, '.aws'));
      writeFileSync(join(home, '.aws', 'config'), '[default]\nregion = us-east-1\n');
      assert.equal(credentialSource({}, home), join(home, '.aws', 'config'));
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
