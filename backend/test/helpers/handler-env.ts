import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestDb, type TestDb } from './dynamo.js';

export interface FakeConnectionsApi {
  endpoint: string;
  /** POSTed frames by connection id. */
  posts: Map<string, string[]>;
  /** Connection ids answered 410 Gone. */
  gone: Set<string>;
  close(): Promise<void>;
}

/**
 * A stand-in for the @connections API (POST /{stage}/@connections/{id}): records posts, answers 410 for
 * ids in `gone`. The messages handler's ConnectionsApi posts to it.
 */
export async function startFakeConnectionsApi(): Promise<FakeConnectionsApi> {
  const posts = new Map<string, string[]>();
  const gone = new Set<string>();
  const server = http.createServer((req, res) => {
    const match = /^\/test\/@connections\/([^/?]+)$/.exec(req.url ?? '');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (!match || req.method !== 'POST') return void res.writeHead(404).end();
      const id = decodeURIComponent(match[1]!);
      if (gone.has(id)) {
        res.writeHead(410, { 'content-type': 'application/json', 'x-amzn-errortype': 'GoneException' });
        return void res.end('{"message":"gone"}');
      }
      posts.set(id, [...(posts.get(id) ?? []), Buffer.concat(chunks).toString('utf8')]);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/test`,
    posts,
    gone,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** dynalite + a fake @connections API, and the environment a handler module reads at import time. */
export async function handlerEnvironment(
  extra: Record<string, string> = {},
): Promise<{ db: TestDb; api: FakeConnectionsApi; close(): Promise<void> }> {
  const db = await startTestDb();
  const api = await startFakeConnectionsApi();
  Object.assign(process.env, {
    CONNECTIONS_TABLE: db.dynamo.tableNames.connections,
    MESSAGES_TABLE: db.dynamo.tableNames.messages,
    DYNAMODB_ENDPOINT: db.dynamo.endpoint,
    MANAGEMENT_ENDPOINT: api.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    LOG_LEVEL: 'silent',
    ...extra,
  });
  return { db, api, close: async () => void (await Promise.all([db.close(), api.close()])) };
}
