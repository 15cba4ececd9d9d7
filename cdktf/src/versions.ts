/**
 * Versions the synthesized stack pins or needs: the Lambda runtime, the hashicorp/aws provider, Terraform.
 */

/** Node.js runtimes the bundles run on. Node 22 reaches end of life on 30 April 2027. */
export const LAMBDA_RUNTIMES = ['nodejs24.x', 'nodejs22.x'] as const;
export type LambdaRuntime = (typeof LAMBDA_RUNTIMES)[number];
export const DEFAULT_LAMBDA_RUNTIME: LambdaRuntime = 'nodejs24.x';

/**
 * The hashicorp/aws version the synthesized JSON pins by default. `@cdktf/provider-aws` 21.22 was generated
 * from 6.25.0; 6.28.0 is the same major (no schema removals) and the newest release whose published
 * checksums we could cross-check for the shipped `.terraform.lock.hcl` (see `locks/README.md`).
 */
export const DEFAULT_AWS_PROVIDER_VERSION = '6.28.0';

/** The provider version the cdktf bindings were generated from (what cdktf itself would pin). */
export const BINDINGS_AWS_PROVIDER_VERSION = '6.25.0';

/** First provider release accepting `nodejs24.x` (hashicorp/terraform-provider-aws#45024). */
const NODEJS24_MIN_PROVIDER: readonly [number, number] = [6, 19];

/** Terraform with a GA S3 native lock file (`use_lockfile`; experimental in 1.10). */
export const TERRAFORM_VERSION_S3_LOCKFILE = '1.11.0';

export function parseVersion(version: string): [number, number, number] | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

export function compareVersions(a: string, b: string): number {
  const [pa, pb] = [parseVersion(a) ?? [0, 0, 0], parseVersion(b) ?? [0, 0, 0]];
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return 0;
}

/** Why this provider version cannot be pinned, or undefined when it can (5.100+ or any 6.x). */
export function providerVersionProblem(version: string): string | undefined {
  const parsed = parseVersion(version);
  if (!parsed) return 'expected an exact version like 6.28.0';
  const [major, minor] = parsed;
  if (major === 6 || (major === 5 && minor >= 100)) return undefined;
  return 'the stack needs hashicorp/aws 5.100 or later 5.x, or 6.x';
}

/** Whether that provider version accepts the runtime (its schema validates `runtime` against a list). */
export function providerAcceptsRuntime(version: string, runtime: LambdaRuntime): boolean {
  if (runtime !== 'nodejs24.x') return true;
  const parsed = parseVersion(version);
  if (!parsed) return true;
  const [major, minor] = parsed;
  return major > NODEJS24_MIN_PROVIDER[0] || (major === NODEJS24_MIN_PROVIDER[0] && minor >= NODEJS24_MIN_PROVIDER[1]);
}
