import { WebSocket, type ClientOptions } from 'ws';

/** Keys whose own keys are request data (header names, query keys, authorizer context), not shape. */
const DATA_MAPS = new Set([
  'headers',
  'multiValueHeaders',
  'queryStringParameters',
  'multiValueQueryStringParameters',
  'stageVariables',
]);

/** The key structure of an event: nested objects by key, leaves as '*'; data maps as 'map'. */
export function shape(value: unknown, key = ''): unknown {
  if (DATA_MAPS.has(key)) return 'map';
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return '*';
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) out[k] = shape((value as Record<string, unknown>)[k], k);
  return out;
}

/** An async queue of everything a handler receives, so tests wait for events instead of sleeping. */
export class Recorder<T = Record<string, any>> {
  readonly items: T[] = [];
  private waiters: { n: number; resolve: () => void }[] = [];

  push(item: T): void {
    this.items.push(item);
    this.waiters = this.waiters.filter((w) => {
      if (this.items.length >= w.n) w.resolve();
      return this.items.length < w.n;
    });
  }

  /** Resolves with the n-th item (1-based) once it exists. */
  async nth(n: number, timeoutMs = 10_000): Promise<T> {
    if (this.items.length < n) {
      await withTimeout(
        new Promise<void>((resolve) => this.waiters.push({ n, resolve })),
        timeoutMs,
        `waiting for item ${n} (have ${this.items.length})`,
      );
    }
    return this.items[n - 1]!;
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out ${what}`)), ms);
    }),
  ]);
}

/** A client whose incoming messages are queued from the moment it opens. */
export interface TestClient {
  ws: WebSocket;
  messages: Recorder<string>;
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens a client; rejects with `{ status }` if the upgrade is answered with an HTTP error. */
export function connect(url: string, options: ClientOptions = {}): Promise<TestClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    const messages = new Recorder<string>();
    const closed = new Promise<{ code: number; reason: string }>((done) =>
      ws.on('close', (code, reason) => done({ code, reason: reason.toString() })),
    );
    ws.on('message', (data, isBinary) =>
      messages.push(isBinary ? `binary:${(data as Buffer).toString('base64')}` : data.toString()),
    );
    ws.once('open', () => resolve({ ws, messages, closed }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () =>
        reject(Object.assign(new Error(`upgrade refused ${res.statusCode}`), { status: res.statusCode, body })),
      );
      ws.on('error', () => {});
    });
    ws.once('error', reject);
  });
}

/** The HTTP status the upgrade got: 101 when it opened (the socket is then closed), else the refusal. */
export async function upgradeStatus(url: string, options: ClientOptions = {}): Promise<number> {
  try {
    const client = await connect(url, options);
    client.ws.close(1000);
    await client.closed;
    return 101;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === undefined) throw error;
    return status;
  }
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const allowPolicy = (principalId: string, resource: string, context: Record<string, unknown> = {}) => ({
  principalId,
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resource }],
  },
  context,
});
