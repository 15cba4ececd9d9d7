/**
 * The stack's configuration, read once from the environment (or any record of strings) and validated.
 * Every problem is reported at once in one {@link ConfigError}, naming the variable and what is allowed.
 */
import { AUTH_MODES, isAuthMode, type AuthMode } from '@chat-room/backend';

import { EnvReader } from './env-reader.js';
import { readProductionConfig } from './production-config.js';
import type { ProductionConfig } from './production-config.js';

export interface StateBackendConfig {
  bucket: string;
  key: string;
  region: string;
}

export interface StackConfig extends ProductionConfig {
  /** Project name, the first part of every resource name (`CHAT_ROOM_NAME`). */
  name: string;
  /** Deployment stage: the API Gateway stage and the second part of every name (`CHAT_ROOM_STAGE`). */
  stage: string;
  /** `${name}-${stage}`: prefix of tables, functions, roles and log groups; also the cdktf stack name. */
  prefix: string;
  region: string;
  authMode: AuthMode;
  /** Comma-separated origins, passed to the functions as is ('' = any origin). */
  allowedOrigins: string;
  /** SSM SecureString parameter holding the HS256 secret (token mode only); the functions read it at runtime. */
  tokenSecretParameter?: string;
  /** Customer-managed KMS key encrypting that parameter; unset = the AWS-managed `aws/ssm` key. */
  tokenSecretKmsKeyArn?: string;
  logRetentionDays: number;
  logLevel: string;
  throttleRate: number;
  throttleBurst: number;
  rateLimitMessages: number;
  rateLimitWindowMs: number;
  /** DynamoDB deletion protection; default on for the stage `prod`. */
  deletionProtection: boolean;
  /** Where the built Lambda bundles are (`<dir>/<function>/index.mjs`). */
  bundlesDir?: string;
  /** S3 state when `TF_STATE_BUCKET` is set; local state otherwise. */
  stateBackend?: StateBackendConfig;
}

/** The retention values CloudWatch Logs accepts (days). */
export const LOG_RETENTION_VALUES = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid chat-room stack configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

const MAX_PREFIX = 64 - '-apigateway-cloudwatch'.length;
const NAME = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;
const STAGE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
const SSM_NAME = /^\/?[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Reads and validates the configuration; throws a {@link ConfigError} listing every problem. */
export function loadConfig(env: Env = process.env): StackConfig {
  const problems: string[] = [];
  const get = (key: string): string | undefined => {
    const value = env[key]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };

  const name = get('CHAT_ROOM_NAME') ?? 'chat-room';
  if (!NAME.test(name))
    problems.push(`CHAT_ROOM_NAME "${name}": 2-32 lowercase letters, digits and "-", starting with a letter`);
  const stage = get('CHAT_ROOM_STAGE') ?? 'dev';
  if (!STAGE.test(stage)) problems.push(`CHAT_ROOM_STAGE "${stage}": 1-32 letters, digits, "_" and "-"`);
  // Function and role names are `${name}-${stage}-<suffix>`, at most 64. The limit keeps the margin of the
  // account log role the stack once created (`-apigateway-cloudwatch`), so that no accepted name changes.
  if (NAME.test(name) && STAGE.test(stage) && `${name}-${stage}`.length > MAX_PREFIX) {
    problems.push(
      `CHAT_ROOM_NAME and CHAT_ROOM_STAGE are too long together ("${name}-${stage}" is over ${MAX_PREFIX} characters; Lambda function and IAM role names are limited to 64)`,
    );
  }
  const region = get('AWS_REGION') ?? get('AWS_DEFAULT_REGION') ?? 'us-east-1';
  if (!REGION.test(region)) problems.push(`AWS_REGION "${region}" is not a region name like us-east-1`);

  const authMode = get('AUTH_MODE') ?? 'guest';
  if (!isAuthMode(authMode)) problems.push(`AUTH_MODE "${authMode}": expected ${AUTH_MODES.join(' or ')}`);

  const origins = (get('ALLOWED_ORIGINS') ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  for (const origin of origins) {
    if (!ORIGIN.test(origin))
      problems.push(
        `ALLOWED_ORIGINS entry "${origin}": expected an origin like https://example.com (scheme, host, optional port; no path)`,
      );
  }

  const tokenSecretParameter = get('TOKEN_SECRET_PARAMETER');
  const tokenSecretKmsKeyArn = get('TOKEN_SECRET_KMS_KEY_ARN');
  if (authMode === 'token' && !tokenSecretParameter) {
    problems.push(
      'AUTH_MODE=token needs TOKEN_SECRET_PARAMETER: the name of an SSM SecureString parameter holding the token secret (the functions read it at runtime, so the secret never enters Terraform state)',
    );
  }
  if (tokenSecretParameter && (!SSM_NAME.test(tokenSecretParameter) || tokenSecretParameter.length > 1011)) {
    problems.push(
      `TOKEN_SECRET_PARAMETER "${tokenSecretParameter}" is not an SSM parameter name (letters, digits, _ . - and / separators)`,
    );
  }
  if (tokenSecretKmsKeyArn && !KMS_KEY_ARN.test(tokenSecretKmsKeyArn)) {
    problems.push(
      `TOKEN_SECRET_KMS_KEY_ARN "${tokenSecretKmsKeyArn}" is not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)`,
    );
  }

  const int = (key: string, fallback: number, min: number, max: number): number => {
    const raw = get(key);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${key} "${raw}": expected a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const bool = (key: string, fallback: boolean): boolean => {
    const raw = get(key)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    problems.push(`${key} "${raw}": expected true or false`);
    return fallback;
  };

  const logRetentionDays = int('LOG_RETENTION_DAYS', 14, 1, 3653);
  if (!(LOG_RETENTION_VALUES as readonly number[]).includes(logRetentionDays)) {
    problems.push(`LOG_RETENTION_DAYS "${logRetentionDays}": CloudWatch accepts ${LOG_RETENTION_VALUES.join(', ')}`);
  }
  const logLevel = get('LOG_LEVEL') ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel))
    problems.push(`LOG_LEVEL "${logLevel}": expected ${LOG_LEVELS.join(', ')}`);

  const throttleRateRaw = get('THROTTLE_RATE');
  let throttleRate = 50;
  if (throttleRateRaw !== undefined) {
    const value = Number(throttleRateRaw);
    if (!Number.isFinite(value) || value <= 0 || value > 10_000)
      problems.push(`THROTTLE_RATE "${throttleRateRaw}": expected requests per second, above 0 and at most 10000`);
    else throttleRate = value;
  }
  const throttleBurst = int('THROTTLE_BURST', 100, 1, 5000);
  const rateLimitMessages = int('RATE_LIMIT_MESSAGES', 10, 1, 10_000);
  const rateLimitWindowMs = int('RATE_LIMIT_WINDOW_MS', 10_000, 100, 3_600_000);
  const deletionProtection = bool('DELETION_PROTECTION', stage === 'prod');

  // API Gateway's account-wide CloudWatch role lives in the bootstrap stack now (one per account and
  // region), so that two stages can never replace each other's.
  const apiGatewayLogRole = get('API_GATEWAY_LOG_ROLE');
  if (apiGatewayLogRole === 'create') {
    problems.push(
      'API_GATEWAY_LOG_ROLE=create is gone: the account-wide API Gateway logging role is set once per account and region by the bootstrap stack (`npm run deploy:bootstrap`); unset API_GATEWAY_LOG_ROLE',
    );
  } else if (apiGatewayLogRole !== undefined && apiGatewayLogRole !== 'existing') {
    problems.push(
      `API_GATEWAY_LOG_ROLE "${apiGatewayLogRole}": no longer used (the bootstrap stack sets the account's logging role); unset it`,
    );
  }

  const production = readProductionConfig(new EnvReader(env, problems), {
    region,
    messageThrottle: { rate: throttleRate, burst: throttleBurst },
  });

  const bucket = get('TF_STATE_BUCKET');
  let stateBackend: StateBackendConfig | undefined;
  if (bucket) {
    if (!BUCKET.test(bucket)) problems.push(`TF_STATE_BUCKET "${bucket}" is not an S3 bucket name`);
    const stateRegion = get('TF_STATE_REGION') ?? region;
    if (!REGION.test(stateRegion))
      problems.push(`TF_STATE_REGION "${stateRegion}" is not a region name like us-east-1`);
    stateBackend = { bucket, key: get('TF_STATE_KEY') ?? `${name}/${stage}/terraform.tfstate`, region: stateRegion };
  } else {
    for (const key of ['TF_STATE_KEY', 'TF_STATE_REGION']) {
      if (get(key)) problems.push(`${key} is set but TF_STATE_BUCKET is not: set the bucket to use the S3 backend`);
    }
  }

  if (problems.length) throw new ConfigError(problems);

  const bundlesDir = get('CHAT_ROOM_BUNDLES_DIR');
  return {
    name,
    stage,
    prefix: `${name}-${stage}`,
    region,
    authMode: authMode as AuthMode,
    allowedOrigins: origins.join(','),
    ...(authMode === 'token' ? { tokenSecretParameter } : {}),
    ...(authMode === 'token' && tokenSecretKmsKeyArn ? { tokenSecretKmsKeyArn } : {}),
    logRetentionDays,
    logLevel,
    throttleRate,
    throttleBurst,
    rateLimitMessages,
    rateLimitWindowMs,
    deletionProtection,
    ...production,
    ...(bundlesDir ? { bundlesDir } : {}),
    ...(stateBackend ? { stateBackend } : {}),
  };
}
