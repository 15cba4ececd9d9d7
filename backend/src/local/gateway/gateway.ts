import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CloseCode } from '@chat-room/client-sdk/protocol';
import type { LocalGateway, LocalGatewayOptions } from './types.js';
import type { ConnectionInfo } from './events.js';
import { validateIdentitySources } from './authorizer.js';
import { GatewayConnection } from './connection.js';
import { disconnectEvent } from './events.js';
import { runHandshake, type HandshakeDeps } from './handshake.js';
import { apiIdLike, gatewayId } from './ids.js';
import { invoke, type InvokeTarget } from './lambda.js';
import {
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_CONNECTION_MS,
  FRAME_LIMIT_BYTES,
  INTEGRATION_TIMEOUT_MS,
  MESSAGE_LIMIT_BYTES,
} from './limits.js';
import { createConnectionsApiHandler } from './connections-api.js';
import { dispatchMessage, type MessageDeps } from './messages.js';
import { refuseUpgrade } from './refuse.js';
import { addHeader, parseHeaders, parseQuery, sourceIpOf } from './request-parts.js';
import { compileRoutes } from './routes.js';

/**
 * A local stand-in for an API Gateway v2 WebSocket API stage: WebSocket clients on `/{stage}`, the
 * `@connections` API on `/{stage}/@connections/{id}`, everything else to `fallback`.
 */
export async function startLocalGateway(options: LocalGatewayOptions): Promise<LocalGateway> {
  const stage = options.stage ?? 'local';
  if (!/^[A-Za-z0-9_-]+$/.test(stage)) throw new TypeError(`startLocalGateway: invalid stage "${stage}"`);
  const host = options.host ?? '127.0.0.1';
  const idleTimeoutMs = positive(options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, 'idleTimeoutMs');
  const maxConnectionMs = positive(options.maxConnectionMs ?? DEFAULT_MAX_CONNECTION_MS, 'maxConnectionMs');
  const apiId = options.apiId ?? apiIdLike();
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '000000000000';
  const identitySource = options.identitySource ?? [];
  validateIdentitySources(identitySource);
  if (options.authorizer !== undefined && typeof options.authorizer !== 'function') {
    throw new TypeError('startLocalGateway: `authorizer` must be a function');
  }
  const routes = compileRoutes(options.routes, apiId);
  const logger = options.logger;
  const integrationTimeoutMs = positive(options.integrationTimeoutMs ?? INTEGRATION_TIMEOUT_MS, 'integrationTimeoutMs');
  const target: InvokeTarget = { region, accountId, integrationTimeoutMs };
  const handshakeDeps: HandshakeDeps = { authorizer: options.authorizer, identitySource, routes, target, logger };
  const messageDeps: MessageDeps = { routes, target, logger };

  const connections = new Map<string, GatewayConnection>();
  const pending = new Set<Promise<unknown>>();
  const track = (promise: Promise<unknown>): void => {
    pending.add(promise);
    void promise.finally(() => pending.delete(promise));
  };
  let closing = false;

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MESSAGE_LIMIT_BYTES,
    perMessageDeflate: false,
    clientTracking: false,
  });
  const connectionsApi = createConnectionsApiHandler({
    connections,
    rateLimit: options.managementRateLimit,
    onCall: options.onConnectionsApiCall,
  });
  const stagePath = `/${stage}`;
  const connectionsApiPrefixes = [`${stagePath}/@connections/`, `${stagePath}/%40connections/`];

  const server = http.createServer((req, res) => {
    const path = pathOf(req.url);
    for (const prefix of connectionsApiPrefixes) {
      if (path.startsWith(prefix) && path.length > prefix.length) {
        let id: string;
        try {
          id = decodeURIComponent(path.slice(prefix.length));
        } catch {
          id = '';
        }
        return connectionsApi(req, res, id);
      }
    }
    if (options.fallback) return options.fallback(req, res);
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end('{"message":"Not Found"}');
  });

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const path = pathOf(req.url);
    if (path !== stagePath && path !== `${stagePath}/`) return refuseUpgrade(socket, 404);
    if (closing) return refuseUpgrade(socket, 503);
    // A malformed handshake is refused before any integration runs (ws would refuse it later anyway).
    if (!isWebSocketHandshake(req)) return refuseUpgrade(socket, 400);
    track(accept(req, socket, head));
  });

  async function accept(req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const now = Date.now();
    const headers = parseHeaders(req.rawHeaders);
    const sourceIp = sourceIpOf(req);
    addHeader(
      headers,
      'X-Amzn-Trace-Id',
      `Root=1-${Math.floor(now / 1000).toString(16)}-${randomBytes(12).toString('hex')}`,
    );
    addHeader(headers, 'X-Forwarded-For', sourceIp);
    addHeader(headers, 'X-Forwarded-Port', String(req.socket.localPort ?? ''));
    addHeader(headers, 'X-Forwarded-Proto', 'http');
    const query = parseQuery(searchOf(req.url));
    const info: ConnectionInfo = {
      connectionId: gatewayId(),
      connectedAt: now,
      sourceIp,
      userAgent: req.headers['user-agent'] ?? null,
      domainName: req.headers.host ?? `${host}:${port}`,
      stage,
      apiId,
      authorizer: undefined,
    };
    let outcome;
    try {
      outcome = await runHandshake(handshakeDeps, info, headers, query);
    } catch (error) {
      logger?.error?.('$connect failed', error);
      outcome = { ok: false as const, status: 500 };
    }
    if (!outcome.ok) return refuseUpgrade(socket, outcome.status);
    if (socket.destroyed || closing) {
      // $connect succeeded but the client left (or the gateway is stopping) before the upgrade.
      refuseUpgrade(socket, 503);
      track(
        runDisconnect(
          info,
          socket.destroyed ? CloseCode.ABNORMAL : CloseCode.GOING_AWAY,
          socket.destroyed ? 'Connection closed abnormally' : 'Going away',
        ),
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => open(info, ws));
  }

  function open(info: ConnectionInfo, ws: WebSocket): void {
    const connection = new GatewayConnection(info, ws, idleTimeoutMs, maxConnectionMs);
    connections.set(info.connectionId, connection);
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!connection.isOpen) return;
      if (data.length > FRAME_LIMIT_BYTES) {
        // `ws` hands over whole messages, so a message over API Gateway's 32 KB frame limit stands for it.
        connection.closeByServer(CloseCode.MESSAGE_TOO_BIG, 'Message too big');
        return;
      }
      connection.lastActiveAt = Date.now();
      dispatchMessage(messageDeps, connection, data, isBinary);
    });
    ws.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH')
        connection.markServerClose(CloseCode.MESSAGE_TOO_BIG, 'Message too big');
      else logger?.warn?.(`socket error on ${info.connectionId}`, error);
    });
    ws.on('close', (code: number, reason: Buffer) => {
      connections.delete(info.connectionId);
      const outcome = connection.finish(code, reason.toString());
      track(runDisconnect(info, outcome.code, outcome.reason));
    });
  }

  /** `$disconnect` is best effort: its result and errors are ignored. */
  async function runDisconnect(info: ConnectionInfo, code: number, reason: string): Promise<void> {
    const route = routes.get('$disconnect');
    if (route === undefined || route.kind !== 'lambda') return;
    const event = disconnectEvent(info, code, reason, Date.now());
    const requestId = (event.requestContext as { requestId: string }).requestId;
    try {
      await invoke(route.handler, event, route.functionName, requestId, target);
    } catch (error) {
      logger?.warn?.(`$disconnect failed for ${info.connectionId}`, error);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger?.info?.(`local gateway on ws://${authority}${stagePath}`);

  let closePromise: Promise<void> | undefined;
  return {
    url: `ws://${authority}${stagePath}`,
    managementEndpoint: `http://${authority}${stagePath}`,
    port,
    apiId,
    connectionCount: () => connections.size,
    close() {
      closePromise ??= (async () => {
        closing = true;
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // Handshakes in flight finish first (they are refused now), then every socket goes with 1001.
        while (pending.size > 0) await Promise.allSettled([...pending]);
        for (const connection of connections.values()) connection.closeByServer(CloseCode.GOING_AWAY, 'Going away');
        await Promise.all([...connections.values()].map((c) => c.closed));
        while (pending.size > 0) await Promise.allSettled([...pending]);
        server.closeAllConnections();
        await stopped;
        await new Promise<void>((resolve) => wss.close(() => resolve()));
      })();
      return closePromise;
    },
  };
}

function isWebSocketHandshake(req: http.IncomingMessage): boolean {
  const version = req.headers['sec-websocket-version'];
  return (
    req.method === 'GET' &&
    req.headers.upgrade?.toLowerCase() === 'websocket' &&
    /^[+/0-9A-Za-z]{22}==$/.test(req.headers['sec-websocket-key'] ?? '') &&
    (version === '13' || version === '8')
  );
}

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const q = raw.indexOf('?');
  return q === -1 ? raw : raw.slice(0, q);
}

function searchOf(url: string | undefined): string {
  const raw = url ?? '';
  const q = raw.indexOf('?');
  return q === -1 ? '' : raw.slice(q + 1);
}

function positive(value: number, name: string): number {
  if (!(Number.isFinite(value) && value > 0))
    throw new TypeError(`startLocalGateway: ${name} must be a positive number`);
  return value;
}
