import { ConnectionGateway } from '../repositories/connection-gateway.js';
import { managementEndpoint, type ManagementRequestContext } from './management-client.js';
import { createExecuteApiSigner } from './sigv4.js';

/** Sockets kept per endpoint: the broadcast's concurrency (`BROADCAST_CONCURRENCY`, 50). */
const MAX_SOCKETS = 50;

/**
 * The {@link ConnectionGateway} for an event: its @connections endpoint (`MANAGEMENT_ENDPOINT`, else the
 * event's domain and stage), one per endpoint (its keep-alive sockets) for the life of the container,
 * signing with the environment's credentials (Lambda's execution role).
 */
export function createConnectionGateways(
  region: string,
  endpointOverride: string | undefined,
): (context: ManagementRequestContext) => ConnectionGateway {
  const signer = createExecuteApiSigner(region);
  const gateways = new Map<string, ConnectionGateway>();
  return (context) => {
    const endpoint = managementEndpoint(endpointOverride, context);
    let gateway = gateways.get(endpoint);
    if (!gateway) {
      gateway = new ConnectionGateway({ endpoint, signer, maxSockets: MAX_SOCKETS });
      gateways.set(endpoint, gateway);
    }
    return gateway;
  };
}
