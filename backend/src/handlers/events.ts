/** The parts of API Gateway v2 WebSocket events the handlers read (see shared/fixtures/apigw-websocket). */
import type { Identity } from '../identity.js';

export interface WebSocketRequestContext {
  routeKey?: string;
  eventType?: 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
  connectionId?: string;
  requestId?: string;
  domainName?: string;
  stage?: string;
  connectedAt?: number;
  disconnectStatusCode?: number;
  identity?: { sourceIp?: string };
  /** The authorizer's `principalId` and `context` values (strings), on every event of the connection. */
  authorizer?: Record<string, unknown> | null;
}

export interface WebSocketEvent {
  requestContext?: WebSocketRequestContext;
  headers?: Record<string, string | undefined> | null;
  queryStringParameters?: Record<string, string | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
}

export interface AuthorizerEvent extends WebSocketEvent {
  type?: 'REQUEST';
  methodArn?: string;
}

export interface HandlerContext {
  awsRequestId?: string;
}

export interface WebSocketResult {
  statusCode: number;
  body?: string;
}

/** The identity the authorizer established, or undefined when the context is missing or malformed. */
export function authorizerIdentity(context: WebSocketRequestContext | undefined): Identity | undefined {
  const a = context?.authorizer;
  if (!a || typeof a !== 'object') return undefined;
  const { userId, username, roomId } = a as Record<string, unknown>;
  if (typeof userId !== 'string' || typeof username !== 'string' || typeof roomId !== 'string') return undefined;
  if (!userId || !username || !roomId) return undefined;
  return { userId, username, roomId };
}
