/**
 * What the data handlers share at module scope: config from the environment (fail fast), the logger,
 * the DynamoDB Document client and the repositories.
 */
import { readLimitsConfig, readTablesConfig, type Env } from '../config.js';
import { createDocumentClient } from '../aws/dynamo-client.js';
import { createLogger, parseLogLevel, type Logger } from '../log.js';
import { ConnectionsRepository } from '../repositories/connections.js';
import { MessagesRepository } from '../repositories/messages.js';

export interface Runtime {
  log: Logger;
  connections: ConnectionsRepository;
  messages: MessagesRepository;
  limits: ReturnType<typeof readLimitsConfig>;
  region: string;
}

export function createRuntime(env: Env, fn: string): Runtime {
  const tables = readTablesConfig(env);
  const limits = readLimitsConfig(env);
  const db = createDocumentClient(tables);
  return {
    log: createLogger(parseLogLevel(env.LOG_LEVEL), { fn }),
    connections: new ConnectionsRepository(db, tables.connectionsTable),
    messages: new MessagesRepository(db, tables.messagesTable),
    limits,
    region: tables.region,
  };
}
