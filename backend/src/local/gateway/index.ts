export { startLocalGateway } from './gateway.js';
export type {
  GatewayLogger,
  LambdaContext,
  LambdaHandler,
  LocalGateway,
  LocalGatewayOptions,
  ManagementRateLimit,
  RouteTarget,
} from './types.js';
