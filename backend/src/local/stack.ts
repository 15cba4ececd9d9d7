/**
 * The whole backend on one machine (what `npm start` runs): dynalite (persisted under `dataDir`), the
 * four built Lambda bundles each in its own Worker with the environment AWS gives them, the local
 * API Gateway in front of them, and the example pages with `/chat-room.js` on the same port.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  startLocalGateway,
  type LambdaContext,
  type LocalGateway,
  type LocalGatewayOptions,
  type ManagementRateLimit,
  type RouteTarget,
} from './gateway/index.js';
import { startLocalDynamo, type LocalDynamo } from './dynamo.js';
import { startLocalFunction, type LocalFunction } from './lambda-runtime.js';
import { createStaticHandler } from './static.js';
import { readAuthConfig, readLimitsConfig } from '../config.js';

export interface LocalStackOptions {
  /** Default `PORT` or 8080; 0 picks a free port. */
  port?: number;
  host?: string;
  /** Where dynalite keeps its data when `persist` (default `.data`, relative to the working directory). */
  dataDir?: string;
  /** false: in-memory DynamoDB (tests). */
  persist?: boolean;
  /** Extra function environment: `AUTH_MODE`, `TOKEN_SECRET`, `ALLOWED_ORIGINS`, `RATE_LIMIT_*`, `LOG_LEVEL`… */
  env?: Record<string, string>;
  /** Served at `/` (default: the repository's `examples/`). */
  staticDir?: string;
  /** Served at `/chat-room.js` (default: `widget/dist/chat-room.js`). */
  widgetScript?: string;
  /** No logs from the gateway or the functions. */
  quiet?: boolean;
  /** Gateway limits (shorten them in tests). */
  idleTimeoutMs?: number;
  maxConnectionMs?: number;
  managementRateLimit?: ManagementRateLimit;
  /** Told of every @connections request the gateway answers (see `LocalGatewayOptions`). */
  onConnectionsApiCall?: LocalGatewayOptions['onConnectionsApiCall'];
  /** Where the built bundles are (default `backend/dist/lambda`). */
  lambdaDir?: string;
  /**
   * Fault injection (tests): given dynalite's endpoint, the endpoint the functions should use instead
   * (e.g. a proxy that fails chosen requests). `dynamodbEndpoint` in the result stays dynalite's own.
   */
  wrapDynamodbEndpoint?: (endpoint: string) => string | Promise<string>;
}

export interface LocalStack {
  /** `http://host:port/`: the example pages. */
  pageUrl: string;
  /** `ws://host:port/local`. */
  wsUrl: string;
  /** `http://host:port/local`: the @connections endpoint. */
  managementEndpoint: string;
  port: number;
  /** dynalite's endpoint and the physical table names (for tests and benchmarks). */
  dynamodbEndpoint: string;
  tableNames: { connections: string; messages: string };
  /**
   * Closes only the gateway (every socket gets 1001, `$disconnect` runs for each); the functions and the
   * data stay up. With `startGateway()`, a gateway restart on the same port (tests, benchmarks).
   */
  stopGateway(): Promise<void>;
  /** Starts the gateway again on the same port (closing the running one first, if any). */
  startGateway(): Promise<void>;
  close(): Promise<void>;
}

const FUNCTIONS = ['authorizer', 'connect', 'disconnect', 'messages'] as const;
type FunctionName = (typeof FUNCTIONS)[number];
const STAGE = 'local';
const REGION = 'us-east-1';

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));
/** backend/dist/local or backend/src/local → backend/dist/lambda, repository root. */
export const DEFAULT_LAMBDA_DIR = here('../../dist/lambda');
const REPO_ROOT = here('../../../');

export function missingBundles(lambdaDir: string): string[] {
  return FUNCTIONS.map((name) => resolve(lambdaDir, name, 'index.mjs')).filter((path) => !existsSync(path));
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const {
    port = Number(process.env.PORT ?? 8080),
    host = '127.0.0.1',
    dataDir = '.data',
    persist = true,
    env = {},
    staticDir = resolve(REPO_ROOT, 'examples'),
    widgetScript = resolve(REPO_ROOT, 'widget/dist/chat-room.js'),
    quiet = false,
    lambdaDir = DEFAULT_LAMBDA_DIR,
  } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError(`startLocalStack: invalid port ${port}`);
  const missing = missingBundles(lambdaDir);
  if (missing.length) {
    throw new Error(`the Lambda bundles are not built (missing ${missing.join(', ')}): run "npm run build" first`);
  }
  // The functions would fail at init on a bad setting: refuse to start instead, naming it.
  const authMode = readAuthConfig(env).mode;
  readLimitsConfig(env);

  const dynamo: LocalDynamo = await startLocalDynamo({ ...(persist ? { dataDir: resolve(dataDir) } : {}), host });
  const functions = new Map<FunctionName, LocalFunction>();
  let gateway: LocalGateway | undefined;
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));

  const call = (name: FunctionName) => async (event: unknown, context: LambdaContext) => {
    await ready;
    const fn = functions.get(name);
    if (!fn) throw new Error(`function ${name} is not running`);
    return fn.invoke(event, context);
  };
  const routes: Record<string, RouteTarget> = {
    $connect: call('connect'),
    $disconnect: call('disconnect'),
    sendMessage: { handler: call('messages'), twoWay: true },
    getHistory: { handler: call('messages'), twoWay: true },
    $default: { handler: call('messages'), twoWay: true },
    ping: { mockResponse: '{"type":"pong"}' },
  };

  try {
    // eslint-disable-next-line prefer-const -- assigned once the build is ready, read by the handler before that
    let serveStatic: ReturnType<typeof createStaticHandler> | undefined;
    const staticHandler: ReturnType<typeof createStaticHandler> = (req, res) => {
      if (serveStatic) serveStatic(req, res);
      else res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('starting\n');
    };
    const gatewayOptions: Omit<LocalGatewayOptions, 'port'> = {
      host,
      stage: STAGE,
      region: REGION,
      routes,
      authorizer: call('authorizer'),
      identitySource:
        authMode === 'token' ? ['route.request.querystring.token'] : ['route.request.querystring.username'],
      ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
      ...(options.maxConnectionMs !== undefined ? { maxConnectionMs: options.maxConnectionMs } : {}),
      ...(options.managementRateLimit ? { managementRateLimit: options.managementRateLimit } : {}),
      ...(options.onConnectionsApiCall ? { onConnectionsApiCall: options.onConnectionsApiCall } : {}),
      fallback: staticHandler,
      ...(quiet
        ? {}
        : {
            logger: {
              info: (m: string) => console.log(`[gateway] ${m}`),
              warn: (m: string, e?: unknown) => console.warn(`[gateway] ${m}`, e ?? ''),
              error: (m: string, e?: unknown) => console.error(`[gateway] ${m}`, e ?? ''),
            },
          }),
    };
    gateway = await startLocalGateway({ ...gatewayOptions, port });
    serveStatic = createStaticHandler({ root: staticDir, widgetScript, wsUrl: gateway.url });

    const common: Record<string, string> = {
      AWS_REGION: REGION,
      AWS_DEFAULT_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      LOG_LEVEL: quiet ? 'silent' : 'info',
      AUTH_MODE: authMode,
      ...env,
    };
    const data: Record<string, string> = {
      CONNECTIONS_TABLE: dynamo.tableNames.connections,
      MESSAGES_TABLE: dynamo.tableNames.messages,
      DYNAMODB_ENDPOINT: options.wrapDynamodbEndpoint
        ? await options.wrapDynamodbEndpoint(dynamo.endpoint)
        : dynamo.endpoint,
      MANAGEMENT_ENDPOINT: gateway.managementEndpoint,
    };
    for (const name of FUNCTIONS) {
      functions.set(
        name,
        startLocalFunction({
          name,
          bundle: resolve(lambdaDir, name, 'index.mjs'),
          env: {
            ...common,
            ...(name === 'authorizer' ? {} : data),
            AWS_LAMBDA_FUNCTION_NAME: `chat-room-local-${name}`,
          },
          quiet,
        }),
      );
    }
    resolveReady();

    let closed: Promise<void> | undefined;
    const stack: LocalStack = {
      pageUrl: `http://${host}:${gateway.port}/`,
      wsUrl: gateway.url,
      managementEndpoint: gateway.managementEndpoint,
      port: gateway.port,
      dynamodbEndpoint: dynamo.endpoint,
      tableNames: dynamo.tableNames,
      stopGateway: async () => {
        await gateway?.close();
      },
      startGateway: async () => {
        await gateway?.close();
        gateway = await startLocalGateway({ ...gatewayOptions, port: stack.port });
      },
      close: () => {
        closed ??= (async () => {
          // The gateway first: closing its sockets still runs $disconnect through the functions.
          await gateway?.close();
          await Promise.all([...functions.values()].map((fn) => fn.close()));
          await dynamo.close();
        })();
        return closed;
      },
    };
    return stack;
  } catch (error) {
    resolveReady();
    await gateway?.close().catch(() => undefined);
    await Promise.all([...functions.values()].map((fn) => fn.close().catch(() => undefined)));
    await dynamo.close().catch(() => undefined);
    throw error;
  }
}
