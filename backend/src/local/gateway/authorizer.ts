import type { ParsedHeaders, ParsedQuery } from './request-parts.js';
import { headerValue } from './request-parts.js';
import { AUTHORIZER_RESULT_LIMIT_BYTES } from './limits.js';

export type AuthorizerOutcome =
  | { allowed: true; principalId: string; context: Record<string, string | number | boolean> }
  | { allowed: false; status: 401 | 403 | 500; reason: string };

const IDENTITY_SOURCE = /^route\.request\.(querystring|header)\.(.+)$/;

/** Fails fast on identity sources this gateway cannot evaluate. */
export function validateIdentitySources(sources: readonly string[]): void {
  for (const source of sources) {
    if (!IDENTITY_SOURCE.test(source)) {
      throw new Error(
        `identitySource "${source}" is not supported: use route.request.querystring.<name> or route.request.header.<name>`,
      );
    }
  }
}

/** API Gateway answers 401 without invoking the authorizer when an identity source is missing or empty. */
export function missingIdentitySource(
  sources: readonly string[],
  headers: ParsedHeaders,
  query: ParsedQuery,
): string | undefined {
  for (const source of sources) {
    const match = IDENTITY_SOURCE.exec(source)!;
    const value = match[1] === 'querystring' ? query.single[match[2]!] : headerValue(headers, match[2]!);
    if (value === undefined || value === '') return source;
  }
  return undefined;
}

/** Maps the authorizer's settled result to API Gateway's decision. */
export function evaluateAuthorizerResult(result: PromiseSettledResult<unknown>, methodArn: string): AuthorizerOutcome {
  if (result.status === 'rejected') {
    const message = result.reason instanceof Error ? result.reason.message : String(result.reason);
    // "Unauthorized" is the one error message API Gateway turns into 401; any other failure is a 500.
    if (message === 'Unauthorized') return { allowed: false, status: 401, reason: 'Unauthorized' };
    return { allowed: false, status: 500, reason: `authorizer failed: ${message}` };
  }
  const output = result.value;
  if (!isObject(output)) return malformed('output is not an object');
  if (Buffer.byteLength(JSON.stringify(output)) > AUTHORIZER_RESULT_LIMIT_BYTES) return malformed('result over 8 KB');
  const { principalId, policyDocument, context } = output;
  if (typeof principalId !== 'string' && typeof principalId !== 'number') {
    return malformed('principalId missing');
  }
  if (!isObject(policyDocument) || !Array.isArray(policyDocument.Statement)) {
    return malformed('policyDocument.Statement missing');
  }
  const flatContext: Record<string, string | number | boolean> = {};
  if (context !== undefined && context !== null) {
    if (!isObject(context)) return malformed('context is not an object');
    for (const [key, value] of Object.entries(context)) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        return malformed(`context.${key} is not a string, number or boolean`);
      }
      flatContext[key] = value;
    }
  }
  let allow = false;
  for (const statement of policyDocument.Statement as unknown[]) {
    if (!isObject(statement) || (statement.Effect !== 'Allow' && statement.Effect !== 'Deny')) {
      return malformed('a statement has no Effect Allow/Deny');
    }
    if (!matchesAny(statement.Action, 'execute-api:Invoke') || !matchesAny(statement.Resource, methodArn)) continue;
    if (statement.Effect === 'Deny') return { allowed: false, status: 403, reason: 'Forbidden' };
    allow = true;
  }
  if (!allow) return { allowed: false, status: 403, reason: 'Forbidden' };
  return { allowed: true, principalId: String(principalId), context: flatContext };
}

function malformed(why: string): AuthorizerOutcome {
  return { allowed: false, status: 500, reason: `malformed authorizer output: ${why}` };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function matchesAny(patterns: unknown, value: string): boolean {
  const list = Array.isArray(patterns) ? patterns : [patterns];
  return list.some((pattern) => typeof pattern === 'string' && wildcardMatch(pattern, value));
}

/** IAM-style match: `*` any run of characters, `?` one character; case-sensitive. */
export function wildcardMatch(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let mark = 0;
  while (v < value.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === value[v])) {
      p++;
      v++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = v;
    } else if (star !== -1) {
      p = star + 1;
      v = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}
