export { buildApp, synthesizeApp } from './app.js';
export type { BuildOptions, BuiltApp, Synthesized } from './app.js';
export { ALARM_PERIOD_SECONDS, ALARM_THRESHOLDS, ChatAlarms } from './alarms.js';
export { ChatApi, ACCESS_LOG_FORMAT, EXECUTION_LOGGING_LEVEL } from './api.js';
export { apiGatewayLogRoleName, BootstrapStack, bootstrapStackName } from './bootstrap-stack.js';
export { BROADCAST_DIMENSION, BROADCAST_METRICS, BROADCAST_NAMESPACE } from './broadcast-metrics.js';
export { defaultBundlesDir, resolveBundlesDir } from './bundles.js';
export { ConfigError, loadConfig, LOG_RETENTION_VALUES } from './config.js';
export type { StackConfig, StateBackendConfig } from './config.js';
export type { AuthMode } from '@chat-room/backend';
export { CustomDomain } from './custom-domain.js';
export { ChatDashboard } from './dashboard.js';
export {
  APPLICATION_LOG_LEVELS,
  ChatFunction,
  LAMBDA_ARCHITECTURE,
  LAMBDA_HANDLER,
  LAMBDA_RUNTIME,
  SYSTEM_LOG_LEVEL,
} from './function.js';
export { ChatFunctions, FUNCTION_NAMES } from './functions.js';
export type { FunctionName } from './functions.js';
export { PingRoute, PONG_FRAME } from './ping-route.js';
export { CONNECT_THROTTLE_DEFAULT, PING_THROTTLE_DEFAULT } from './production-config.js';
export type { CustomDomainConfig, ProductionConfig, RouteThrottle } from './production-config.js';
export { LOCKS_DIR, shippedLockFile, writeProviderLock } from './provider-lock.js';
export { ChatRoutes, IDENTITY_SOURCES, MESSAGE_ROUTES } from './routes.js';
export { ChatRoomStack } from './stack.js';
export { ChatTables } from './tables.js';
export {
  BINDINGS_AWS_PROVIDER_VERSION,
  DEFAULT_AWS_PROVIDER_VERSION,
  DEFAULT_LAMBDA_RUNTIME,
  LAMBDA_RUNTIMES,
  TERRAFORM_VERSION_S3_LOCKFILE,
} from './versions.js';
export type { LambdaRuntime } from './versions.js';
