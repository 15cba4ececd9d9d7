// The local stack's pieces wired as backend/src/local/stack.ts wires them (in-memory dynalite, the four
// built Lambda bundles each in its own Worker, the local gateway in front), but with a gateway that
// can be closed and started again on the same port while the functions and the data stay up: a
// gateway restart, which drops every WebSocket at once.
import { resolve } from 'node:path';
import { LAMBDA_DIR, LOCAL_INDEX } from './paths.mjs';

const FUNCTIONS = ['authorizer', 'connect', 'disconnect', 'messages'];

export async function startRestartableStack(env = {}) {
  const { startLocalDynamo, startLocalFunction, startLocalGateway } = await import(LOCAL_INDEX);
  const dynamo = await startLocalDynamo({ ttlSweepIntervalMs: 0 });
  const functions = new Map();
  const call = (name) => (event, context) => functions.get(name).invoke(event, context);
  const gatewayOptions = {
    host: '127.0.0.1',
    stage: 'local',
    region: 'us-east-1',
    routes: {
      $connect: call('connect'),
      $disconnect: call('disconnect'),
      sendMessage: { handler: call('messages'), twoWay: true },
      getHistory: { handler: call('messages'), twoWay: true },
      $default: { handler: call('messages'), twoWay: true },
      ping: { mockResponse: '{"type":"pong"}' },
    },
    authorizer: call('authorizer'),
    identitySource: ['route.request.querystring.username'],
  };
  let gateway = await startLocalGateway({ ...gatewayOptions, port: 0 });
  const port = gateway.port;
  const common = {
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    LOG_LEVEL: 'silent',
    AUTH_MODE: 'guest',
    ...env,
  };
  const data = {
    CONNECTIONS_TABLE: dynamo.tableNames.connections,
    MESSAGES_TABLE: dynamo.tableNames.messages,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    MANAGEMENT_ENDPOINT: gateway.managementEndpoint,
  };
  for (const name of FUNCTIONS) {
    functions.set(
      name,
      startLocalFunction({
        name,
        bundle: resolve(LAMBDA_DIR, name, 'index.mjs'),
        env: { ...common, ...(name === 'authorizer' ? {} : data), AWS_LAMBDA_FUNCTION_NAME: `chat-room-bench-${name}` },
        quiet: true,
      }),
    );
  }
  return {
    url: gateway.url,
    port,
    dynamo,
    /** Closes the gateway (every socket gets 1001, $disconnect runs for each). */
    stopGateway: () => gateway.close(),
    /** Starts a new gateway on the same port. */
    async startGateway() {
      gateway = await startLocalGateway({ ...gatewayOptions, port });
      return gateway;
    },
    async close() {
      await gateway.close();
      await Promise.all([...functions.values()].map((fn) => fn.close()));
      await dynamo.close();
    },
  };
}
