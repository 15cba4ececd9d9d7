// The local stack for benchmarks (in-memory dynalite, quiet), plus a way to wait until its
// Connections table is empty again (every `$disconnect` has run) so one phase's teardown does not
// load the next phase's measurement.
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { LOCAL_INDEX } from './paths.mjs';

export async function startBenchStack(env = {}) {
  const { startLocalStack } = await import(LOCAL_INDEX);
  const stack = await startLocalStack({ port: 0, persist: false, quiet: true, env });
  const db = new DynamoDBClient({
    endpoint: stack.dynamodbEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    stack,
    async connectionCount() {
      let count = 0;
      let ExclusiveStartKey;
      do {
        const out = await db.send(
          new ScanCommand({ TableName: stack.tableNames.connections, Select: 'COUNT', ExclusiveStartKey }),
        );
        count += out.Count ?? 0;
        ExclusiveStartKey = out.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return count;
    },
    async waitForNoConnections(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if ((await this.connectionCount()) === 0) return true;
        await new Promise((r) => setTimeout(r, 250));
      }
      return false;
    },
    async close() {
      db.destroy();
      await stack.close();
    },
  };
}
