import type http from 'node:http';

/** The subset of the Lambda context object our handlers use, plus the fields Lambda always sets. */
export interface LambdaContext {
  awsRequestId: string;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LambdaHandler = (event: any, context: LambdaContext) => Promise<any>;

/**
 * What a route key maps to: a Lambda proxy integration (one-way unless `twoWay`, i.e. a `$default`
 * route response), or a MOCK integration whose route response is `mockResponse`.
 */
export type RouteTarget = LambdaHandler | { handler: LambdaHandler; twoWay?: boolean } | { mockResponse: string };

export interface GatewayLogger {
  info?(message: string): void;
  warn?(message: string, error?: unknown): void;
  error?(message: string, error?: unknown): void;
}

/** Token bucket for the @connections API; over it, 429 LimitExceededException. */
export interface ManagementRateLimit {
  /** Requests refilled per second. */
  requestsPerSecond: number;
  /** Bucket size (defaults to `requestsPerSecond`). */
  burst?: number;
}

/** One answered @connections request, as `onConnectionsApiCall` reports it. */
export interface ConnectionsApiCall {
  method: string;
  connectionId: string;
  /** The HTTP status answered: 200/204, 410 gone, 413 too large, 429 throttled… */
  status: number;
}

export interface LocalGatewayOptions {
  port?: number;
  host?: string;
  stage?: string;
  routes: Record<string, RouteTarget>;
  /** A REQUEST authorizer for `$connect`. */
  authorizer?: LambdaHandler;
  /** e.g. `['route.request.querystring.room', 'route.request.header.Authorization']`. */
  identitySource?: string[];
  /** Default 10 minutes without a data message either way; then close 1001. */
  idleTimeoutMs?: number;
  /** Default 2 hours; then close 1001. */
  maxConnectionMs?: number;
  /** API Gateway's integration timeout (default 29 s): the client then gets "Endpoint request timed out". */
  integrationTimeoutMs?: number;
  /** Other HTTP requests (static files, ...); 404 when absent. */
  fallback?: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  /** Quiet when absent. */
  logger?: GatewayLogger;
  region?: string;
  accountId?: string;
  apiId?: string;
  /** Off by default. */
  managementRateLimit?: ManagementRateLimit;
  /** Told of every @connections request once answered (tests: count throttles and the retries after them). */
  onConnectionsApiCall?: (call: ConnectionsApiCall) => void;
}

export interface LocalGateway {
  /** `ws://host:port/stage` */
  url: string;
  /** `http://host:port/stage`, the @connections endpoint for `ApiGatewayManagementApiClient`. */
  managementEndpoint: string;
  port: number;
  apiId: string;
  /** Number of open (connected) WebSocket connections. */
  connectionCount(): number;
  close(): Promise<void>;
}
