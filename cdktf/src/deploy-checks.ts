/**
 * What `npm run deploy` checks before it synthesizes and runs Terraform, each failing with a message
 * that says what to do.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { compareVersions, parseVersion } from './versions.js';

export class DeployError extends Error {
  override name = 'DeployError';
}

/** The oldest Terraform that applies the JSON with local state (S3 state needs 1.11, see versions.ts). */
export const TERRAFORM_VERSION_LOCAL_STATE = '1.5.0';

const INSTALL_HINT =
  "Install Terraform (https://developer.hashicorp.com/terraform/install, or your package manager: `brew install hashicorp/tap/terraform`, HashiCorp's apt/yum repositories) and run this again.";

/** The installed Terraform's version (`terraform version -json`), or a DeployError saying how to install it. */
export function terraformVersion(env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8', env, timeout: 60_000 });
  if (result.error || result.status !== 0) {
    const why =
      (result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'
        ? 'terraform was not found on PATH'
        : `\`terraform version\` failed: ${(result.stderr || String(result.error ?? '')).trim()}`;
    throw new DeployError(`${why}. ${INSTALL_HINT}`);
  }
  let version: string | undefined;
  try {
    version = JSON.parse(result.stdout).terraform_version;
  } catch {
    version = /Terraform v(\d+\.\d+\.\d+)/.exec(result.stdout)?.[1];
  }
  if (!version || !parseVersion(version))
    throw new DeployError(`could not read the Terraform version from: ${result.stdout}`);
  return version;
}

/** Refuses a Terraform older than `minimum`, saying why that one is needed. */
export function requireTerraform(version: string, minimum: string, reason: string): void {
  if (compareVersions(version, minimum) < 0)
    throw new DeployError(`Terraform ${version} is too old: ${reason} needs ${minimum} or later. ${INSTALL_HINT}`);
}

/**
 * Where the AWS provider would find credentials, as far as can be told without calling AWS: keys, a
 * profile, web identity (CI's OIDC), container credentials, or a shared credentials/config file. An EC2
 * instance role cannot be seen from here: `CHAT_ROOM_SKIP_CREDENTIALS_CHECK=1` skips the check.
 */
export function credentialSource(env: NodeJS.ProcessEnv = process.env, home = homedir()): string | undefined {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return 'AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY';
  if (env.AWS_PROFILE) return `AWS_PROFILE=${env.AWS_PROFILE}`;
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) return 'web identity (AWS_ROLE_ARN)';
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI)
    return 'container credentials';
  for (const file of [
    env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials'),
    env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config'),
  ]) {
    if (existsSync(file)) return file;
  }
  return undefined;
}

export function requireCredentials(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  if (env.CHAT_ROOM_SKIP_CREDENTIALS_CHECK === '1') return 'not checked (CHAT_ROOM_SKIP_CREDENTIALS_CHECK=1)';
  const source = credentialSource(env, home);
  if (source) return source;
  throw new DeployError(
    'no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), ' +
      'or AWS_PROFILE (after `aws configure` or `aws sso login`), or run where a role is assumed (CI: OIDC ' +
      'web identity). On EC2 with an instance role, set CHAT_ROOM_SKIP_CREDENTIALS_CHECK=1.',
  );
}
