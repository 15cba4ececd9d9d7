import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';

export interface ManagementRequestContext {
  domainName?: string;
  stage?: string;
}

/**
 * The @connections endpoint: `MANAGEMENT_ENDPOINT` when set, else `https://{domainName}/{stage}` from
 * the event (what API Gateway's own endpoint is; a custom domain would need the override).
 */
export function managementEndpoint(override: string | undefined, context: ManagementRequestContext): string {
  if (override) return override;
  if (!context.domainName || !context.stage) {
    throw new Error(
      'cannot derive the management endpoint: requestContext.domainName/stage missing and MANAGEMENT_ENDPOINT unset',
    );
  }
  return `https://${context.domainName}/${context.stage}`;
}

/** One client per endpoint, kept for the life of the container. */
export function createManagementClientCache(region: string): (endpoint: string) => ApiGatewayManagementApiClient {
  const clients = new Map<string, ApiGatewayManagementApiClient>();
  return (endpoint) => {
    let client = clients.get(endpoint);
    if (!client) {
      // Retries of throttled posts are ours (jittered, bounded): the SDK's own retry stays off.
      client = new ApiGatewayManagementApiClient({ region, endpoint, maxAttempts: 1 });
      clients.set(endpoint, client);
    }
    return client;
  };
}
