export { startLocalGateway } from './gateway/index.js';
export type {
  ConnectionsApiCall,
  GatewayLogger,
  LambdaContext,
  LambdaHandler,
  LocalGateway,
  LocalGatewayOptions,
  ManagementRateLimit,
  RouteTarget,
} from './gateway/index.js';
export { startLocalStack, type LocalStack, type LocalStackOptions } from './stack.js';
export { startLocalDynamo, type LocalDynamo, type LocalDynamoOptions } from './dynamo.js';
export { startLocalFunction, type LocalFunction, type LocalFunctionOptions } from './lambda-runtime.js';
// For benchmarks and tools that inspect a running stack's tables (e.g. read units per broadcast).
export { ConnectionsRepository, type RoomQueryResult } from '../repositories/connections.js';
export { MessagesRepository } from '../repositories/messages.js';
