import type http from 'node:http';
import { CloseCode } from '@chat-room/client-sdk/protocol';
import type { GatewayConnection } from './connection.js';
import type { ConnectionsApiCall, ManagementRateLimit } from './types.js';
import { gatewayId } from './ids.js';
import { MESSAGE_LIMIT_BYTES } from './limits.js';

export interface ConnectionsApiDeps {
  connections: Map<string, GatewayConnection>;
  rateLimit: ManagementRateLimit | undefined;
  onCall?: ((call: ConnectionsApiCall) => void) | undefined;
}

export type ConnectionsApiHandler = (req: http.IncomingMessage, res: http.ServerResponse, connectionId: string) => void;

/**
 * The `@connections` API (POST/GET/DELETE `/{stage}/@connections/{connectionId}`), answering as
 * API Gateway does: errors carry `x-amzn-ErrorType`, which the AWS SDK (restJson1) reads first to pick
 * the exception class (`GoneException` 410, `PayloadTooLargeException` 413, `LimitExceededException` 429).
 */
export function createConnectionsApiHandler({
  connections,
  rateLimit,
  onCall,
}: ConnectionsApiDeps): ConnectionsApiHandler {
  const bucket = rateLimit ? tokenBucket(rateLimit) : undefined;

  return (req, res, connectionId) => {
    if (onCall) res.once('finish', () => onCall({ method: req.method ?? '', connectionId, status: res.statusCode }));
    if (bucket && !bucket()) {
      drain(req);
      return error(res, 429, 'LimitExceededException', '{"message":"Rate exceeded"}');
    }
    switch (req.method) {
      case 'POST':
        return post(req, res, connectionId);
      case 'GET': {
        drain(req);
        const connection = connections.get(connectionId);
        if (!connection?.isOpen) return gone(res);
        const { info } = connection;
        const body = JSON.stringify({
          connectedAt: new Date(info.connectedAt).toISOString(),
          identity: { sourceIp: info.sourceIp, userAgent: info.userAgent },
          lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
        });
        res.writeHead(200, {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          'x-amzn-RequestId': gatewayId(),
        });
        return void res.end(body);
      }
      case 'DELETE': {
        drain(req);
        const connection = connections.get(connectionId);
        if (!connection?.isOpen) return gone(res);
        connection.closeByServer(CloseCode.NORMAL, 'Connection deleted');
        res.writeHead(204, { 'x-amzn-RequestId': gatewayId() });
        return void res.end();
      }
      default:
        drain(req);
        return error(res, 404, 'NotFoundException', '{"message":"Not Found"}');
    }
  };

  function post(req: http.IncomingMessage, res: http.ServerResponse, connectionId: string): void {
    const declared = Number(req.headers['content-length']);
    if (declared > MESSAGE_LIMIT_BYTES) {
      drain(req);
      return tooLarge(res);
    }
    if (!connections.get(connectionId)?.isOpen) {
      drain(req);
      return gone(res);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MESSAGE_LIMIT_BYTES) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (over) return tooLarge(res);
      const connection = connections.get(connectionId);
      if (!connection?.isOpen) return gone(res);
      const data = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      connection.ws.send(data, { binary: false });
      connection.lastActiveAt = Date.now();
      res.writeHead(200, { 'Content-Length': 0, 'x-amzn-RequestId': gatewayId() });
      res.end();
    });
    req.on('error', () => res.destroy());
  }
}

/** 410 with no body, as API Gateway answers for an unknown or closed connection. */
function gone(res: http.ServerResponse): void {
  error(res, 410, 'GoneException', '');
}

function tooLarge(res: http.ServerResponse): void {
  error(res, 413, 'PayloadTooLargeException', '{"message":"Message too long"}');
}

function error(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': gatewayId(),
    'x-amzn-ErrorType': type,
  });
  res.end(body);
}

function drain(req: http.IncomingMessage): void {
  req.resume();
}

function tokenBucket({ requestsPerSecond, burst }: ManagementRateLimit): () => boolean {
  if (!(requestsPerSecond > 0)) throw new TypeError('managementRateLimit.requestsPerSecond must be > 0');
  const capacity = burst ?? requestsPerSecond;
  let tokens = capacity;
  let last = Date.now();
  return () => {
    const now = Date.now();
    tokens = Math.min(capacity, tokens + ((now - last) / 1000) * requestsPerSecond);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}
