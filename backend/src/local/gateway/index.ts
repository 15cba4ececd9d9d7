export { startLocalGateway } from './gateway.js';
export type {
  ConnectionsApiCall,
  GatewayLogger,
  LambdaContext,
  LambdaHandler,
  LocalGateway,
  LocalGatewayOptions,
  ManagementRateLimit,
  RouteTarget,
} from './types.js';
