import { ConnectionsApi } from './connections-api.js';
import { createExecuteApiSigner } from './sigv4.js';

/** Sockets kept per endpoint: the broadcast's concurrency (`BROADCAST_CONCURRENCY`, 50). */
const MAX_SOCKETS = 50;

/** The parts of an event's `requestContext` that name its @connections endpoint. */
export interface EndpointContext {
  domainName?: string;
  stage?: string;
}

/**
 * The @connections endpoint: `MANAGEMENT_ENDPOINT` when set, else `https://{domainName}/{stage}` from
 * the event (what API Gateway's own endpoint is; a custom domain would need the override).
 */
export function managementEndpoint(override: string | undefined, context: EndpointContext): string {
  if (override) return override;
  if (!context.domainName || !context.stage) {
    throw new Error(
      'cannot derive the management endpoint: requestContext.domainName/stage missing and MANAGEMENT_ENDPOINT unset',
    );
  }
  return `https://${context.domainName}/${context.stage}`;
}

/**
 * The {@link ConnectionsApi} for an event: its endpoint (see {@link managementEndpoint}), one per endpoint
 * (its keep-alive sockets) for the life of the container, signing with the environment's credentials
 * (Lambda's execution role).
 */
export function createConnectionsApiCache(
  region: string,
  endpointOverride: string | undefined,
): (context: EndpointContext) => ConnectionsApi {
  const signer = createExecuteApiSigner(region);
  const apis = new Map<string, ConnectionsApi>();
  return (context) => {
    const endpoint = managementEndpoint(endpointOverride, context);
    let api = apis.get(endpoint);
    if (!api) {
      api = new ConnectionsApi({ endpoint, signer, maxSockets: MAX_SOCKETS });
      apis.set(endpoint, api);
    }
    return api;
  };
}
