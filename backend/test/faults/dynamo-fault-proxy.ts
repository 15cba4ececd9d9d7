/**
 * An HTTP proxy in front of dynalite that fails chosen DynamoDB requests, for fault-injection tests: the
 * stack's functions reach DynamoDB through it (`startLocalStack({ wrapDynamodbEndpoint })`), the test
 * arms a rule ("fail the next 3 PutItem calls on the messages table whose item is a message") and the
 * real AWS SDK in the function gets a real DynamoDB error response (and retries it as it would on AWS).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type DynamoFault = 'InternalServerError' | 'ProvisionedThroughputExceededException';

export interface DynamoRequest {
  /** `PutItem`, `DeleteItem`, `Query`… (from `X-Amz-Target`). */
  operation: string;
  /** The request's JSON body (wire format: `{ TableName, Item: { messageId: { S } } … }`). */
  body: Record<string, any>;
}

export interface FaultRule {
  operation: string;
  table?: string;
  match?: (request: DynamoRequest) => boolean;
  /** How many matching requests fail (default: every one until `remove()`). */
  times?: number;
  error?: DynamoFault;
  /** Instead of failing: hold the request this long, then forward it (a slow write). */
  delayMs?: number;
}

export interface ArmedRule {
  /** Requests this rule failed so far. */
  readonly hits: number;
  remove(): void;
}

export interface DynamoFaultProxy {
  endpoint: string;
  fail(rule: FaultRule): ArmedRule;
  /** Every request seen (operation and table), in order. */
  readonly seen: { operation: string; table?: string }[];
  close(): Promise<void>;
}

const STATUS: Record<DynamoFault, number> = { InternalServerError: 500, ProvisionedThroughputExceededException: 400 };

export async function startDynamoFaultProxy(target: string): Promise<DynamoFaultProxy> {
  const upstream = new URL(target);
  const rules = new Set<FaultRule & { hits: number }>();
  const seen: { operation: string; table?: string }[] = [];
  const agent = new http.Agent({ keepAlive: true });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const operation =
        String(req.headers['x-amz-target'] ?? '')
          .split('.')
          .pop() ?? '';
      let body: Record<string, any> = {};
      try {
        body = JSON.parse(raw.toString('utf8') || '{}');
      } catch {
        /* not JSON: forwarded as is */
      }
      const table = typeof body.TableName === 'string' ? body.TableName : undefined;
      seen.push({ operation, ...(table ? { table } : {}) });
      const forwardNow = () => {
        const forward = http.request(
          {
            host: upstream.hostname,
            port: upstream.port,
            method: req.method,
            path: req.url,
            headers: req.headers,
            agent,
          },
          (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
          },
        );
        forward.on('error', (error) => {
          if (!res.headersSent) res.writeHead(502);
          res.end(String(error));
        });
        forward.end(raw);
      };
      for (const rule of rules) {
        if (rule.operation !== operation || (rule.table && rule.table !== table)) continue;
        if (rule.match && !rule.match({ operation, body })) continue;
        rule.hits++;
        if (rule.times !== undefined && rule.hits >= rule.times) rules.delete(rule);
        if (rule.delayMs !== undefined) {
          setTimeout(forwardNow, rule.delayMs);
          return;
        }
        const error = rule.error ?? 'InternalServerError';
        const payload = JSON.stringify({
          __type: `com.amazonaws.dynamodb.v20120810#${error}`,
          message: `injected fault: ${error}`,
        });
        res.writeHead(STATUS[error], {
          'content-type': 'application/x-amz-json-1.0',
          'x-amzn-requestid': `fault-${seen.length}`,
        });
        res.end(payload);
        return;
      }
      forwardNow();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    seen,
    fail(rule) {
      const armed = { ...rule, hits: 0 };
      rules.add(armed);
      return {
        get hits() {
          return armed.hits;
        },
        remove: () => void rules.delete(armed),
      };
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
