import { ConnectionGateway } from '../repositories/connection-gateway.js';
import { createManagementClientCache, managementEndpoint, type ManagementRequestContext } from './management-client.js';

/**
 * The {@link ConnectionGateway} for an event: its @connections endpoint (`MANAGEMENT_ENDPOINT`, else the
 * event's domain and stage), one client per endpoint for the life of the container.
 */
export function createConnectionGateways(region: string, endpointOverride: string | undefined): (context: ManagementRequestContext) => ConnectionGateway {
  const clientFor = createManagementClientCache(region);
  return (context) => new ConnectionGateway(clientFor(managementEndpoint(endpointOverride, context)));
}
