// The shipped provider lock files (cdktf/locks/): their shape, that synth puts the right one next to each
// stack, and, with terraform and the local mirror, that the linux_amd64 h1 is what Terraform computes from
// the mirror's package and that `terraform init` accepts the file and refuses a tampered copy.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LOCKS_DIR, shippedLockFile } from '../src/provider-lock.js';
import { DEFAULT_AWS_PROVIDER_VERSION } from '../src/versions.js';
import { mirrorVersions, pluginDir } from './moto.js';
import { synthesize } from './synth.js';

/** SHA-256 of hashicorp/aws releases' manifest.json: the same in every release's SHA256SUMS. */
const MANIFEST_ZH = 'zh:9b12af85486a96aedd8d7984b0ff811a4b42e3d88dad1a3fb4c0b580d04fa425';

const lockFiles = readdirSync(LOCKS_DIR).filter((f) => f.endsWith('.terraform.lock.hcl'));
const hashes = (text: string) => [...text.matchAll(/"((?:h1|zh):[^"]+)"/g)].map((m) => m[1]!);

describe('shipped provider lock files', () => {
  it('one for the default pin and one for 5.100.0 (the mirror version used with moto)', () => {
    assert.deepEqual(lockFiles.sort(), [
      'hashicorp-aws-5.100.0.terraform.lock.hcl',
      `hashicorp-aws-${DEFAULT_AWS_PROVIDER_VERSION}.terraform.lock.hcl`,
    ]);
  });

  for (const file of lockFiles) {
    it(`${file}: exact version and constraint, every platform's zh, h1 hashes well formed`, () => {
      const version = /^hashicorp-aws-(.+)\.terraform\.lock\.hcl$/.exec(file)![1]!;
      const text = readFileSync(join(LOCKS_DIR, file), 'utf8');
      assert.match(text, /^provider "registry\.terraform\.io\/hashicorp\/aws" \{$/m);
      assert.match(text, new RegExp(`^  version     = "${version.replace(/\./g, '\\.')}"$`, 'm'));
      assert.match(text, new RegExp(`^  constraints = "${version.replace(/\./g, '\\.')}"$`, 'm'));
      const all = hashes(text);
      const zh = all.filter((h) => h.startsWith('zh:'));
      const h1 = all.filter((h) => h.startsWith('h1:'));
      assert.equal(zh.length, 15, '14 platform zips + manifest.json');
      assert.ok(zh.every((h) => /^zh:[0-9a-f]{64}$/.test(h)));
      assert.ok(zh.includes(MANIFEST_ZH));
      assert.ok(h1.length >= 1 && h1.every((h) => /^h1:[A-Za-z0-9+/]{43}=$/.test(h)));
      assert.deepEqual(all, [...all].sort(), 'sorted as terraform writes them');
      assert.equal(new Set(all).size, all.length);
    });
  }

  it('synth copies the pinned version’s file next to the stack and the bootstrap stack; none for an unshipped version', () => {
    const pinned = synthesize({});
    try {
      const expected = readFileSync(shippedLockFile(DEFAULT_AWS_PROVIDER_VERSION)!, 'utf8');
      assert.equal(readFileSync(join(pinned.stackDir, '.terraform.lock.hcl'), 'utf8'), expected);
      assert.equal(readFileSync(join(pinned.bootstrapDir, '.terraform.lock.hcl'), 'utf8'), expected);
    } finally {
      pinned.cleanup();
    }
    const other = synthesize({ AWS_PROVIDER_VERSION: '6.30.0' });
    try {
      assert.equal(shippedLockFile('6.30.0'), undefined);
      assert.ok(!existsSync(join(other.stackDir, '.terraform.lock.hcl')));
    } finally {
      other.cleanup();
    }
  });
});

const terraformMissing = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status !== 0;
const checkable = mirrorVersions().filter((v) => shippedLockFile(v));
const skip = terraformMissing
  ? 'terraform is not installed'
  : checkable.length === 0
    ? `no hashicorp/aws under ${pluginDir} with a shipped lock file`
    : false;

describe('lock files against the local mirror', { skip, timeout: 300_000 }, () => {
  const env = { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
  const folder = (version: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-room-lock-'));
    writeFileSync(
      join(dir, 'main.tf.json'),
      JSON.stringify({ terraform: { required_providers: { aws: { source: 'hashicorp/aws', version } } } }),
    );
    return dir;
  };

  for (const version of checkable) {
    it(`${version}: the h1 Terraform computes from the mirror's linux_amd64 package is in the shipped file`, () => {
      const dir = folder(version);
      try {
        const lock = spawnSync(
          'terraform',
          ['providers', 'lock', `-fs-mirror=${pluginDir}`, '-platform=linux_amd64', '-no-color'],
          { cwd: dir, env, encoding: 'utf8' },
        );
        assert.equal(lock.status, 0, lock.stderr);
        const computed = hashes(readFileSync(join(dir, '.terraform.lock.hcl'), 'utf8')).filter((h) =>
          h.startsWith('h1:'),
        );
        assert.equal(computed.length, 1);
        assert.ok(hashes(readFileSync(shippedLockFile(version)!, 'utf8')).includes(computed[0]!), computed[0]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it(`${version}: terraform init accepts the shipped file unchanged and refuses a tampered one`, () => {
      const dir = folder(version);
      try {
        const shipped = readFileSync(shippedLockFile(version)!, 'utf8');
        writeFileSync(join(dir, '.terraform.lock.hcl'), shipped);
        const init = (args: string[] = []) =>
          spawnSync('terraform', ['init', '-input=false', '-no-color', `-plugin-dir=${pluginDir}`, ...args], {
            cwd: dir,
            env,
            encoding: 'utf8',
          });
        const ok = init();
        assert.equal(ok.status, 0, ok.stderr);
        assert.equal(readFileSync(join(dir, '.terraform.lock.hcl'), 'utf8'), shipped, 'nothing added or changed');

        rmSync(join(dir, '.terraform'), { recursive: true, force: true });
        const tampered = shipped
          .split('\n')
          .filter((line) => !line.includes('"zh:') && !line.includes('"h1:'))
          .join('\n')
          .replace('hashes = [', 'hashes = [\n    "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",');
        writeFileSync(join(dir, '.terraform.lock.hcl'), tampered);
        const refused = init();
        assert.notEqual(refused.status, 0);
        assert.match(refused.stderr, /doesn't match any of the\s+checksums previously recorded/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
