import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../../src/local/stack.js';
import { ConnectionsRepository } from '../../src/repositories/connections.js';
import { MessagesRepository } from '../../src/repositories/messages.js';

/** The repositories on a running stack's dynalite, to check what was (not) stored. */
export function stackRepositories(stack: LocalStack) {
  const client = new DynamoDBClient({
    endpoint: stack.dynamodbEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const doc = DynamoDBDocumentClient.from(client);
  return {
    doc,
    connections: new ConnectionsRepository(doc, stack.tableNames.connections),
    messages: new MessagesRepository(doc, stack.tableNames.messages),
    stored: async (roomId: string) =>
      (await new MessagesRepository(doc, stack.tableNames.messages).latest(roomId, 100)).items,
    close: () => client.destroy(),
  };
}
