import type { GatewayConnection } from './connection.js';
import type { CompiledRoute } from './routes.js';
import type { GatewayLogger } from './types.js';
import { messageEvent } from './events.js';
import { gatewayId } from './ids.js';
import { IntegrationTimeoutError, invoke, type InvokeTarget } from './lambda.js';
import { selectRoute } from './routes.js';

export interface MessageDeps {
  routes: Map<string, CompiledRoute>;
  target: InvokeTarget;
  logger: GatewayLogger | undefined;
}

/** API Gateway's error frames, byte for byte (note the space after the first colon only). */
function errorFrame(message: string, connectionId: string, requestId: string): string {
  return `{"message": "${message}", "connectionId":"${connectionId}", "requestId":"${requestId}"}`;
}

/** Routes one client message and runs its integration. Invocations of one connection may overlap. */
export function dispatchMessage(
  deps: MessageDeps,
  connection: GatewayConnection,
  data: Buffer,
  isBinary: boolean,
): void {
  const now = Date.now();
  const body = isBinary ? data.toString('base64') : data.toString('utf8');
  const routeKey = isBinary ? '$default' : selectRoute(body, deps.routes);
  const route = deps.routes.get(routeKey);
  const { info, ws } = connection;
  if (route === undefined) {
    ws.send(errorFrame('Forbidden', info.connectionId, gatewayId()));
    return;
  }
  if (route.kind === 'mock') {
    ws.send(route.response);
    connection.lastActiveAt = now;
    return;
  }
  const event = messageEvent(info, routeKey, body, isBinary, now);
  const requestId = event.requestContext.requestId as string;
  invoke(route.handler, event, route.functionName, requestId, deps.target).then(
    (result) => {
      if (!route.twoWay || ws.readyState !== 1) return;
      const reply = (result as { body?: unknown } | null | undefined)?.body;
      if (typeof reply === 'string') {
        ws.send(reply);
        connection.lastActiveAt = Date.now();
      }
    },
    (error: unknown) => {
      deps.logger?.error?.(`route ${routeKey} failed for ${info.connectionId}`, error);
      const message = error instanceof IntegrationTimeoutError ? 'Endpoint request timed out' : 'Internal server error';
      if (ws.readyState === 1) ws.send(errorFrame(message, info.connectionId, requestId));
    },
  );
}
