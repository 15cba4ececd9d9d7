import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { LocalBackend, S3Backend } from 'cdktf';
import type { TerraformStack } from 'cdktf';
import type { StackConfig } from './config.js';
import { TERRAFORM_VERSION_S3_LOCKFILE } from './versions.js';

export interface TerraformSettingsOptions {
  /** Local state file name, `terraform.<stateName>.tfstate` in `cdktf/`. */
  stateName: string;
  /** S3 state key (when `TF_STATE_BUCKET` is set). */
  s3Key: string;
  /** The `Stage` default tag (the bootstrap stack is per account and region, not per stage). */
  stageTag: string;
}

/**
 * What every stack of the app shares: the AWS provider (region, default tags, the account guard), the
 * exact provider version, and the state backend (local, or S3 with Terraform's native lock file).
 */
export function configureTerraform(stack: TerraformStack, config: StackConfig, options: TerraformSettingsOptions) {
  new AwsProvider(stack, 'aws', {
    region: config.region,
    defaultTags: [{ tags: { Project: config.name, Stage: options.stageTag, ManagedBy: 'chat-room-cdktf' } }],
    ...(config.allowedAccountIds ? { allowedAccountIds: config.allowedAccountIds } : {}),
  });
  // The bindings would pin the version they were generated from; the JSON pins the configured one, for
  // which `locks/` may hold a checked `.terraform.lock.hcl`.
  stack.addOverride('terraform.required_providers.aws.version', config.awsProviderVersion);

  if (config.stateBackend) {
    new S3Backend(stack, {
      bucket: config.stateBackend.bucket,
      key: options.s3Key,
      region: config.stateBackend.region,
      encrypt: true,
    });
    // Terraform's native S3 lock file (no DynamoDB lock table); not yet a typed S3Backend option in cdktf
    // 0.21. Experimental in Terraform 1.10, generally available from 1.11.
    stack.addOverride('terraform.backend.s3.use_lockfile', true);
    stack.addOverride('terraform.required_version', `>= ${TERRAFORM_VERSION_S3_LOCKFILE}`);
  } else {
    // Relative to the synthesized stack folder: the state lands in cdktf/, outside cdktf.out (which a
    // synth rewrites), and the same JSON works from `npm run deploy` and from plain `terraform apply`.
    new LocalBackend(stack, { path: `../../../terraform.${options.stateName}.tfstate` });
  }
}
