import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startLocalDynamo, type LocalDynamo } from '../../src/local/dynamo.js';
import { ConnectionsRepository } from '../../src/repositories/connections.js';
import { MessagesRepository } from '../../src/repositories/messages.js';
import { createLogger, type Logger } from '../../src/log.js';

export interface TestDb {
  dynamo: LocalDynamo;
  doc: DynamoDBDocumentClient;
  connections: ConnectionsRepository;
  messages: MessagesRepository;
  close(): Promise<void>;
}

/** An in-memory dynalite with the project's tables, and the real repositories on it. */
export async function startTestDb(): Promise<TestDb> {
  const dynamo = await startLocalDynamo({ ttlSweepIntervalMs: 0 });
  const doc = DynamoDBDocumentClient.from(dynamo.client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    dynamo,
    doc,
    connections: new ConnectionsRepository(doc, dynamo.tableNames.connections),
    messages: new MessagesRepository(doc, dynamo.tableNames.messages),
    close: () => dynamo.close(),
  };
}

/** A logger that keeps its lines for assertions. */
export function memoryLogger(): Logger & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger('debug', {}, (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  return Object.assign(log, { lines });
}
