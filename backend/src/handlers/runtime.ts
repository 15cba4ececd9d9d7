/**
 * What the data handlers share at module scope: config from the environment (fail fast), the logger,
 * the DynamoDB Document client and the repositories, and a management-API client cache.
 */
import { readLimitsConfig, readTablesConfig, type Env } from '../config.js';
import { createDocumentClient } from '../aws/dynamo-client.js';
import { createManagementClientCache, managementEndpoint, type ManagementRequestContext } from '../aws/management-client.js';
import { createLogger, parseLogLevel, type Logger } from '../log.js';
import { ConnectionGateway } from '../repositories/connection-gateway.js';
import { ConnectionsRepository } from '../repositories/connections.js';
import { MessagesRepository } from '../repositories/messages.js';

export interface Runtime {
  log: Logger;
  connections: ConnectionsRepository;
  messages: MessagesRepository;
  limits: ReturnType<typeof readLimitsConfig>;
  gatewayFor(context: ManagementRequestContext): ConnectionGateway;
}

export function createRuntime(env: Env, fn: string): Runtime {
  const tables = readTablesConfig(env);
  const limits = readLimitsConfig(env);
  const db = createDocumentClient(tables);
  const clientFor = createManagementClientCache(tables.region);
  return {
    log: createLogger(parseLogLevel(env.LOG_LEVEL), { fn }),
    connections: new ConnectionsRepository(db, tables.connectionsTable),
    messages: new MessagesRepository(db, tables.messagesTable),
    limits,
    gatewayFor: (context) => new ConnectionGateway(clientFor(managementEndpoint(limits.managementEndpoint, context))),
  };
}
