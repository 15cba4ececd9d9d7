/**
 * Production settings of the stack (runtime, provider pin, alarms, concurrency, route throttles, retention,
 * account guard, custom domain), read by `loadConfig` alongside the basic ones.
 */
import type { EnvReader } from './env-reader.js';
import { FUNCTION_NAMES } from './functions.js';
import type { FunctionName } from './functions.js';
import {
  DEFAULT_AWS_PROVIDER_VERSION,
  DEFAULT_LAMBDA_RUNTIME,
  LAMBDA_RUNTIMES,
  providerAcceptsRuntime,
  providerVersionProblem,
} from './versions.js';
import type { LambdaRuntime } from './versions.js';

export interface RouteThrottle {
  /** Steady requests per second. */
  rate: number;
  burst: number;
}

export interface CustomDomainConfig {
  /** e.g. `chat.example.com`: clients connect to `wss://chat.example.com`. */
  domainName: string;
  /** ACM certificate for that name, in the stack's region (a regional endpoint). */
  certificateArn: string;
}

export interface ProductionConfig {
  /** `LAMBDA_RUNTIME`: every function's Node.js runtime. */
  lambdaRuntime: LambdaRuntime;
  /** `AWS_PROVIDER_VERSION`: the exact hashicorp/aws version pinned in the JSON. */
  awsProviderVersion: string;
  /** `ALARM_EMAIL`: subscribed to the alarm topic (the address must confirm). */
  alarmEmail?: string;
  /** `RESERVED_CONCURRENCY_<FUNCTION>`: only the functions set here get a reservation. */
  reservedConcurrency: Partial<Record<FunctionName, number>>;
  /** `THROTTLE_CONNECT_RATE` / `THROTTLE_CONNECT_BURST`: the `$connect` route. */
  connectThrottle: RouteThrottle;
  /** `THROTTLE_PING_RATE` / `THROTTLE_PING_BURST`: the Lambda-free `ping` route. */
  pingThrottle: RouteThrottle;
  /** `MESSAGE_RETENTION_DAYS`: messages expire (DynamoDB TTL) after this many days; unset = kept. */
  messageRetentionDays?: number;
  /** `AWS_ALLOWED_ACCOUNT_IDS`: the provider refuses any other account. */
  allowedAccountIds?: string[];
  /** `CUSTOM_DOMAIN` + `CERTIFICATE_ARN`. */
  customDomain?: CustomDomainConfig;
}

/** `$connect` runs the authorizer, the connect function and a DynamoDB write: kept well under messages. */
export const CONNECT_THROTTLE_DEFAULT: RouteThrottle = { rate: 10, burst: 20 };
/**
 * `ping` runs no Lambda (a MOCK integration), so it only needs room for keep-alives: one per connection
 * every 9 minutes, i.e. about connections ÷ 540 per second (20/s covers some 10,000 connections).
 */
export const PING_THROTTLE_DEFAULT: RouteThrottle = { rate: 20, burst: 40 };

const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;
const ACCOUNT_ID = /^\d{12}$/;
const DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[0-9a-f-]{36}$/;

export interface ProductionContext {
  region: string;
  /** The stage default route throttle (`THROTTLE_RATE` / `THROTTLE_BURST`): what `sendMessage` gets. */
  messageThrottle: RouteThrottle;
}

function readThrottle(
  read: EnvReader,
  route: string,
  prefix: string,
  defaults: RouteThrottle,
  cap?: RouteThrottle,
): RouteThrottle {
  const rate = read.rate(`${prefix}_RATE`, cap ? Math.min(defaults.rate, cap.rate) : defaults.rate, 10_000);
  const burst = read.int(`${prefix}_BURST`, cap ? Math.min(defaults.burst, cap.burst) : defaults.burst, 1, 5000);
  if (cap && (rate > cap.rate || burst > cap.burst)) {
    read.problem(
      `${prefix}_RATE/${prefix}_BURST (${rate}/${burst}) must not exceed THROTTLE_RATE/THROTTLE_BURST ` +
        `(${cap.rate}/${cap.burst}): ${route} is kept tighter than sendMessage`,
    );
  }
  return { rate, burst };
}

function readCustomDomain(read: EnvReader, region: string): CustomDomainConfig | undefined {
  const domainName = read.get('CUSTOM_DOMAIN')?.toLowerCase().replace(/\.$/, '');
  const certificateArn = read.get('CERTIFICATE_ARN');
  if (!domainName && !certificateArn) return undefined;
  if (!domainName) {
    read.problem('CERTIFICATE_ARN is set but CUSTOM_DOMAIN is not: set both for a custom domain');
    return undefined;
  }
  if (!certificateArn) {
    read.problem(`CUSTOM_DOMAIN "${domainName}" needs CERTIFICATE_ARN: an ACM certificate for it in ${region}`);
    return undefined;
  }
  let ok = true;
  if (!DOMAIN.test(domainName)) {
    read.problem(`CUSTOM_DOMAIN "${domainName}" is not a domain name like chat.example.com`);
    ok = false;
  }
  const arn = CERTIFICATE_ARN.exec(certificateArn);
  if (!arn) {
    read.problem(
      `CERTIFICATE_ARN "${certificateArn}" is not an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)`,
    );
    ok = false;
  } else if (arn[1] !== region) {
    read.problem(
      `CERTIFICATE_ARN is in ${arn[1]} but the stack deploys to ${region}: a regional WebSocket domain needs a certificate in the same region`,
    );
    ok = false;
  }
  return ok ? { domainName, certificateArn } : undefined;
}

/** Reads the production settings; problems go to the reader's list. */
export function readProductionConfig(read: EnvReader, context: ProductionContext): ProductionConfig {
  const awsProviderVersion = read.get('AWS_PROVIDER_VERSION') ?? DEFAULT_AWS_PROVIDER_VERSION;
  const versionProblem = providerVersionProblem(awsProviderVersion);
  if (versionProblem) read.problem(`AWS_PROVIDER_VERSION "${awsProviderVersion}": ${versionProblem}`);
  const lambdaRuntime = read.oneOf('LAMBDA_RUNTIME', DEFAULT_LAMBDA_RUNTIME, LAMBDA_RUNTIMES);
  if (!versionProblem && !providerAcceptsRuntime(awsProviderVersion, lambdaRuntime)) {
    read.problem(
      `LAMBDA_RUNTIME ${lambdaRuntime} needs hashicorp/aws 6.19 or later (AWS_PROVIDER_VERSION is ${awsProviderVersion}): use LAMBDA_RUNTIME=nodejs22.x with provider 5.x`,
    );
  }

  const alarmEmail = read.get('ALARM_EMAIL');
  if (alarmEmail && !EMAIL.test(alarmEmail)) read.problem(`ALARM_EMAIL "${alarmEmail}" is not an e-mail address`);

  const reservedConcurrency: Partial<Record<FunctionName, number>> = {};
  for (const name of FUNCTION_NAMES) {
    const key = `RESERVED_CONCURRENCY_${name.toUpperCase()}`;
    if (read.get(key) === '0') {
      read.problem(`${key} "0" would stop the ${name} function: unset it for no reservation`);
      continue;
    }
    const value = read.int(key, undefined, 1, 10_000);
    if (value !== undefined) reservedConcurrency[name] = value;
  }

  const connectThrottle = readThrottle(
    read,
    '$connect',
    'THROTTLE_CONNECT',
    CONNECT_THROTTLE_DEFAULT,
    context.messageThrottle,
  );
  const pingThrottle = readThrottle(read, 'ping', 'THROTTLE_PING', PING_THROTTLE_DEFAULT);

  const messageRetentionDays = read.int('MESSAGE_RETENTION_DAYS', undefined, 1, 3650);

  const accounts = read.list('AWS_ALLOWED_ACCOUNT_IDS');
  for (const id of accounts)
    if (!ACCOUNT_ID.test(id)) read.problem(`AWS_ALLOWED_ACCOUNT_IDS entry "${id}" is not a 12-digit account id`);

  const customDomain = readCustomDomain(read, context.region);

  return {
    lambdaRuntime,
    awsProviderVersion,
    ...(alarmEmail ? { alarmEmail } : {}),
    reservedConcurrency,
    connectThrottle,
    pingThrottle,
    ...(messageRetentionDays !== undefined ? { messageRetentionDays } : {}),
    ...(accounts.length ? { allowedAccountIds: accounts } : {}),
    ...(customDomain ? { customDomain } : {}),
  };
}
