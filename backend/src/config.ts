/**
 * Configuration from the environment, read once at module scope by each handler. Missing or malformed
 * values throw a {@link ConfigError} naming the variable, so a misconfigured function fails at init.
 */
import { RATE_LIMIT_MESSAGES, RATE_LIMIT_WINDOW_MS } from '@chat-room/client-sdk/protocol';
import { ConfigError } from './errors.js';

export type Env = Record<string, string | undefined>;

export interface TablesConfig {
  connectionsTable: string;
  messagesTable: string;
  /** Local only: dynalite's URL. */
  dynamodbEndpoint?: string;
  region: string;
}

/** `AUTH_MODE`: guests by username, or signed chat tokens. The cdktf stack validates against this list too. */
export const AUTH_MODES = ['guest', 'token'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

export function isAuthMode(value: string): value is AuthMode {
  return (AUTH_MODES as readonly string[]).includes(value);
}

export interface AuthConfig {
  mode: AuthMode;
  /** `TOKEN_SECRET`, when set directly (local, tests). */
  tokenSecret?: string;
  /** `TOKEN_SECRET_PARAMETER`: an SSM SecureString name, read on first use and cached. */
  tokenSecretParameter?: string;
  /** `TOKEN_SECRET_CACHE_SECONDS` (default 300): the SSM value is read again after this long. */
  tokenSecretCacheSeconds: number;
  /** Empty: any origin. Origins are compared lower-cased, without a trailing slash. */
  allowedOrigins: string[];
  region: string;
}

export interface LimitsConfig {
  rateLimitMessages: number;
  rateLimitWindowMs: number;
  /** Concurrent PostToConnection calls per broadcast. */
  broadcastConcurrency: number;
  managementEndpoint?: string;
}

function required(env: Env, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`environment variable ${name} is required but not set`);
  return value;
}

function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function positiveInt(env: Env, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new ConfigError(`environment variable ${name} must be a whole number from 1 to ${max}, got "${raw}"`);
  }
  return n;
}

function url(env: Env, name: string): string | undefined {
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  try {
    const parsed = new URL(raw);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new ConfigError(`environment variable ${name} must be an http(s) URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

function region(env: Env): string {
  return optional(env, 'AWS_REGION') ?? optional(env, 'AWS_DEFAULT_REGION') ?? 'us-east-1';
}

export function readTablesConfig(env: Env): TablesConfig {
  const config: TablesConfig = {
    connectionsTable: required(env, 'CONNECTIONS_TABLE'),
    messagesTable: required(env, 'MESSAGES_TABLE'),
    region: region(env),
  };
  const endpoint = url(env, 'DYNAMODB_ENDPOINT');
  if (endpoint) config.dynamodbEndpoint = endpoint;
  return config;
}

/** Lower-cases and strips a trailing slash: how origins are compared. */
export function normalizeOrigin(origin: string): string {
  return origin.trim().toLowerCase().replace(/\/+$/, '');
}

export function readAuthConfig(env: Env): AuthConfig {
  const modeRaw = optional(env, 'AUTH_MODE') ?? 'guest';
  if (!isAuthMode(modeRaw)) {
    throw new ConfigError(`environment variable AUTH_MODE must be "guest" or "token", got "${modeRaw}"`);
  }
  const config: AuthConfig = {
    mode: modeRaw,
    allowedOrigins: (optional(env, 'ALLOWED_ORIGINS') ?? '')
      .split(',')
      .map(normalizeOrigin)
      .filter((o) => o.length > 0),
    tokenSecretCacheSeconds: positiveInt(env, 'TOKEN_SECRET_CACHE_SECONDS', 300, 86_400),
    region: region(env),
  };
  const secret = env.TOKEN_SECRET;
  const parameter = optional(env, 'TOKEN_SECRET_PARAMETER');
  if (secret) {
    if (new TextEncoder().encode(secret).length < 32) {
      throw new ConfigError('environment variable TOKEN_SECRET must be at least 32 bytes (HS256 needs a 256-bit key)');
    }
    config.tokenSecret = secret;
  }
  if (parameter) config.tokenSecretParameter = parameter;
  if (config.mode === 'token' && !secret && !parameter) {
    throw new ConfigError('AUTH_MODE=token needs TOKEN_SECRET or TOKEN_SECRET_PARAMETER (an SSM SecureString name)');
  }
  return config;
}

export function readLimitsConfig(env: Env): LimitsConfig {
  const config: LimitsConfig = {
    rateLimitMessages: positiveInt(env, 'RATE_LIMIT_MESSAGES', RATE_LIMIT_MESSAGES, 1_000_000),
    rateLimitWindowMs: positiveInt(env, 'RATE_LIMIT_WINDOW_MS', RATE_LIMIT_WINDOW_MS, 86_400_000),
    broadcastConcurrency: positiveInt(env, 'BROADCAST_CONCURRENCY', 50, 1000),
  };
  const endpoint = url(env, 'MANAGEMENT_ENDPOINT');
  if (endpoint) config.managementEndpoint = endpoint;
  return config;
}
