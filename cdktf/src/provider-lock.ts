import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `cdktf/locks/`: checked `.terraform.lock.hcl` files, one per hashicorp/aws version (see its README). */
export const LOCKS_DIR = fileURLToPath(new URL('../locks/', import.meta.url));

/** The shipped lock file for that hashicorp/aws version, if there is one. */
export function shippedLockFile(awsProviderVersion: string): string | undefined {
  const file = join(LOCKS_DIR, `hashicorp-aws-${awsProviderVersion}.terraform.lock.hcl`);
  return existsSync(file) ? file : undefined;
}

/**
 * Copies the shipped lock file into a synthesized stack folder as `.terraform.lock.hcl`, where
 * `terraform init` there reads it (and refuses a provider package matching none of its checksums).
 * Returns false when none is shipped for that version: `terraform init` then records its own.
 */
export function writeProviderLock(stackDir: string, awsProviderVersion: string): boolean {
  const source = shippedLockFile(awsProviderVersion);
  if (!source) return false;
  copyFileSync(source, join(stackDir, '.terraform.lock.hcl'));
  return true;
}
