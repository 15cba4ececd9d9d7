import type { ConnectionInfo } from './events.js';
import type { CompiledRoute } from './routes.js';
import type { GatewayLogger, LambdaHandler } from './types.js';
import type { ParsedHeaders, ParsedQuery } from './request-parts.js';
import { evaluateAuthorizerResult, missingIdentitySource } from './authorizer.js';
import { authorizerEvent, connectEvent } from './events.js';
import { IntegrationTimeoutError, invoke, type InvokeTarget } from './lambda.js';

export interface HandshakeDeps {
  authorizer: LambdaHandler | undefined;
  identitySource: readonly string[];
  routes: Map<string, CompiledRoute>;
  target: InvokeTarget;
  logger: GatewayLogger | undefined;
}

export type HandshakeOutcome = { ok: true; connectInvoked: boolean } | { ok: false; status: number };

/**
 * `$connect` as API Gateway runs it: identity sources, then the REQUEST authorizer, then the `$connect`
 * integration. Only when both succeed is the upgrade completed. On success `info.authorizer` is set.
 */
export async function runHandshake(
  deps: HandshakeDeps,
  info: ConnectionInfo,
  headers: ParsedHeaders,
  query: ParsedQuery,
): Promise<HandshakeOutcome> {
  if (deps.authorizer) {
    const missing = missingIdentitySource(deps.identitySource, headers, query);
    if (missing !== undefined) {
      deps.logger?.info?.(`$connect refused: identity source ${missing} missing`);
      return { ok: false, status: 401 };
    }
    const methodArn = `arn:aws:execute-api:${deps.target.region}:${deps.target.accountId}:${info.apiId}/${info.stage}/$connect`;
    const started = Date.now();
    const event = authorizerEvent(info, methodArn, headers, query, started);
    const requestId = (event.requestContext as { requestId: string }).requestId;
    const [settled] = await Promise.allSettled([
      invoke(deps.authorizer, event, `${info.apiId}-authorizer`, requestId, deps.target),
    ]);
    const outcome = evaluateAuthorizerResult(settled!, methodArn);
    if (!outcome.allowed) {
      deps.logger?.info?.(`$connect refused by the authorizer (${outcome.status}): ${outcome.reason}`);
      return { ok: false, status: outcome.status };
    }
    info.authorizer = {
      principalId: outcome.principalId,
      integrationLatency: Date.now() - started,
      ...outcome.context,
    };
  }
  const route = deps.routes.get('$connect');
  if (route === undefined || route.kind !== 'lambda') return { ok: true, connectInvoked: false };
  const event = connectEvent(info, headers, query, Date.now());
  const requestId = (event.requestContext as { requestId: string }).requestId;
  try {
    const result = (await invoke(route.handler, event, route.functionName, requestId, deps.target)) as
      { statusCode?: unknown } | null | undefined;
    const statusCode = result?.statusCode;
    if (typeof statusCode === 'number' && (statusCode < 200 || statusCode > 299)) {
      return { ok: false, status: statusCode >= 300 && statusCode <= 599 ? statusCode : 500 };
    }
    return { ok: true, connectInvoked: true };
  } catch (error) {
    deps.logger?.error?.('$connect integration failed', error);
    // As observed on AWS: a $connect Lambda that throws → 502 (wscat: "Unexpected server response: 502").
    return { ok: false, status: error instanceof IntegrationTimeoutError ? 504 : 502 };
  }
}
