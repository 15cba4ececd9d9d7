import type { LambdaHandler, RouteTarget } from './types.js';
import { functionNameFor } from './lambda.js';

export type CompiledRoute =
  | { kind: 'lambda'; handler: LambdaHandler; twoWay: boolean; functionName: string }
  | { kind: 'mock'; response: string };

/** Validates the `routes` option once, so bad configuration fails at start, not on a message. */
export function compileRoutes(routes: Record<string, RouteTarget>, apiId: string): Map<string, CompiledRoute> {
  if (typeof routes !== 'object' || routes === null)
    throw new TypeError('startLocalGateway: `routes` must be an object');
  const compiled = new Map<string, CompiledRoute>();
  for (const [key, target] of Object.entries(routes)) {
    if (key === '') throw new TypeError('startLocalGateway: empty route key');
    if (typeof target === 'function') {
      compiled.set(key, { kind: 'lambda', handler: target, twoWay: false, functionName: functionNameFor(apiId, key) });
    } else if (target && typeof target === 'object' && 'handler' in target && typeof target.handler === 'function') {
      compiled.set(key, {
        kind: 'lambda',
        handler: target.handler,
        twoWay: target.twoWay === true,
        functionName: functionNameFor(apiId, key),
      });
    } else if (
      target &&
      typeof target === 'object' &&
      'mockResponse' in target &&
      typeof target.mockResponse === 'string'
    ) {
      if (key === '$connect' || key === '$disconnect') {
        throw new TypeError(`startLocalGateway: route ${key} needs a handler, not a mock response`);
      }
      compiled.set(key, { kind: 'mock', response: target.mockResponse });
    } else {
      throw new TypeError(
        `startLocalGateway: route "${key}" must be a handler, { handler, twoWay? } or { mockResponse }`,
      );
    }
  }
  return compiled;
}

/**
 * Route selection for `$request.body.action`: a JSON body's string `action` naming a configured route,
 * else `$default`. `$connect`/`$disconnect` cannot be selected by a message.
 */
export function selectRoute(body: string, routes: Map<string, CompiledRoute>): string {
  let start = 0;
  while (start < body.length && body.charCodeAt(start) <= 32) start++;
  if (body.charCodeAt(start) !== 123 /* { */) return '$default';
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return '$default';
  }
  const action = (parsed as { action?: unknown }).action;
  if (typeof action !== 'string' || action === '$connect' || action === '$disconnect') return '$default';
  return routes.has(action) ? action : '$default';
}
