/**
 * The client of API Gateway's @connections API for one endpoint: `POST /{stage}/@connections/{id}`, signed
 * with SigV4 (service `execute-api`) and sent over a keep-alive agent with `node:http(s)`.
 *
 * Why not the AWS SDK's `ApiGatewayManagementApiClient` here: a broadcast makes one post per member, and
 * the SDK client's middleware stack costs several times the request itself. Measured by `npm run bench`
 * (BENCHMARKS.md, "Post cost"): 0.133 ms of caller CPU per post this way against 0.706 ms through
 * `PostToConnectionCommand` (same machine, same run). The SDK client stays the natural tool for the rare
 * calls off the hot path (DeleteConnection, GetConnection).
 *
 * Answers are translated as the SDK's errors were: 410 → {@link StaleConnectionError}, 429 or
 * LimitExceededException → {@link ThrottledError}, 413 → {@link PayloadTooLargeError}, anything else →
 * a {@link ConnectionApiError} with the status and `x-amzn-ErrorType`; network errors stay plain errors.
 */
import http from 'node:http';
import https from 'node:https';
import type { SignatureV4 } from '@smithy/signature-v4';
import { ConnectionApiError, PayloadTooLargeError, StaleConnectionError, ThrottledError } from '../errors.js';

export interface ConnectionsApiOptions {
  /** The management endpoint, `https://{domain}/{stage}` (or the local gateway's `http://host:port/stage`). */
  endpoint: string;
  signer: SignatureV4;
  /** Sockets kept open to the endpoint (the broadcast's concurrency). Default 50. */
  maxSockets?: number;
  /** No answer (or no socket activity) for this long fails the post. Default 10 s. */
  timeoutMs?: number;
}

/** Longest error body kept for a message. */
const MAX_ERROR_BODY = 512;

export class ConnectionsApi {
  private readonly url: URL;
  private readonly transport: typeof http | typeof https;
  private readonly agent: http.Agent;
  private readonly basePath: string;
  private readonly host: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: ConnectionsApiOptions) {
    this.url = new URL(options.endpoint);
    if (this.url.protocol !== 'https:' && this.url.protocol !== 'http:') {
      throw new Error(`management endpoint must be http(s): ${options.endpoint}`);
    }
    this.transport = this.url.protocol === 'https:' ? https : http;
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 50, scheduling: 'lifo' as const };
    this.agent = this.url.protocol === 'https:' ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    this.basePath = this.url.pathname.replace(/\/+$/, '');
    this.host = this.url.host;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async post(connectionId: string, data: string): Promise<void> {
    if (typeof connectionId !== 'string' || connectionId === '')
      throw new TypeError('connectionId must be a non-empty string');
    const body = Buffer.from(data, 'utf8');
    const path = `${this.basePath}/@connections/${encodeURIComponent(connectionId)}`;
    const signed = await this.options.signer.sign({
      method: 'POST',
      protocol: this.url.protocol,
      hostname: this.url.hostname,
      ...(this.url.port ? { port: Number(this.url.port) } : {}),
      path,
      query: {},
      headers: { host: this.host, 'content-type': 'application/octet-stream', 'content-length': String(body.length) },
      body,
    });
    const { status, errorType, detail } = await this.send(path, signed.headers, body);
    if (status >= 200 && status < 300) return;
    if (status === 410 || errorType === 'GoneException')
      throw new StaleConnectionError(connectionId, {
        cause: new ConnectionApiError(connectionId, status, errorType, detail),
      });
    if (status === 429 || errorType === 'LimitExceededException' || errorType === 'TooManyRequestsException') {
      throw new ThrottledError(`posting to ${connectionId} was throttled`, {
        cause: new ConnectionApiError(connectionId, status, errorType, detail),
      });
    }
    if (status === 413)
      throw new PayloadTooLargeError(connectionId, status, errorType || 'PayloadTooLargeException', detail);
    throw new ConnectionApiError(connectionId, status, errorType, detail);
  }

  /** Closes the kept-alive sockets (tests, shutdown). */
  close(): void {
    this.agent.destroy();
  }

  private send(
    path: string,
    headers: Record<string, string>,
    body: Buffer,
    retried = false,
  ): Promise<{ status: number; errorType: string; detail: string }> {
    return new Promise((resolve, reject) => {
      const req = this.transport.request(
        {
          protocol: this.url.protocol,
          hostname: this.url.hostname,
          port: this.url.port || undefined,
          method: 'POST',
          path,
          headers,
          agent: this.agent,
          timeout: this.timeoutMs,
        },
        (res) => {
          const status = res.statusCode ?? 0;
          const typeHeader = res.headers['x-amzn-errortype'];
          // `x-amzn-ErrorType` may carry `:http://...` or a namespace (`ns#Type`): the bare name.
          const errorType = (Array.isArray(typeHeader) ? typeHeader[0] : (typeHeader ?? ''))
            .split(':')[0]!
            .split('#')
            .pop()!
            .trim();
          const ok = status >= 200 && status < 300;
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            if (!ok && size < MAX_ERROR_BODY) chunks.push(chunk);
            size += chunk.length;
          });
          res.on('end', () =>
            resolve({
              status,
              errorType,
              detail: ok ? '' : errorDetail(Buffer.concat(chunks).subarray(0, MAX_ERROR_BODY).toString('utf8')),
            }),
          );
          res.on('error', reject);
          res.on('aborted', () => reject(new Error(`@connections answer to POST ${path} was cut off`)));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`@connections POST ${path} timed out after ${this.timeoutMs} ms`)));
      req.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive socket the server closed while idle (e.g. while the Lambda was frozen): the request
        // never reached it, so sending it once more on a fresh socket cannot duplicate the frame.
        if (!retried && req.reusedSocket && error.code === 'ECONNRESET') {
          this.send(path, headers, body, true).then(resolve, reject);
          return;
        }
        reject(new Error(`@connections POST ${path} failed: ${error.message}`, { cause: error }));
      });
      req.end(body);
    });
  }
}

/** The `message` of a JSON error body (`{"message":"..."}`), else the body's text. */
function errorDetail(text: string): string {
  if (!text) return '';
  try {
    const parsed = JSON.parse(text) as { message?: unknown; Message?: unknown };
    const message = parsed.message ?? parsed.Message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON: the text itself
  }
  return text.replace(/\s+/g, ' ').trim();
}
