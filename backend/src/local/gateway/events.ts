import type { ParsedHeaders, ParsedQuery } from './request-parts.js';
import { gatewayId, requestTime } from './ids.js';

/** What every event of one connection shares. */
export interface ConnectionInfo {
  connectionId: string;
  connectedAt: number;
  sourceIp: string;
  userAgent: string | null;
  domainName: string;
  stage: string;
  apiId: string;
  /** `{ principalId, integrationLatency, ...context }` after an authorized `$connect`. */
  authorizer: Record<string, unknown> | undefined;
}

// Key order follows events captured on AWS (fixtures/apigw-websocket).
function requestContext(
  info: ConnectionInfo,
  routeKey: string,
  eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT',
  now: number,
  extra: Record<string, unknown> | undefined,
  identity: Record<string, unknown>,
): Record<string, unknown> {
  const requestId = gatewayId();
  const context: Record<string, unknown> = { routeKey };
  if (eventType === 'MESSAGE') context.messageId = gatewayId();
  if (extra?.disconnectStatusCode !== undefined) context.disconnectStatusCode = extra.disconnectStatusCode;
  context.eventType = eventType;
  context.extendedRequestId = requestId;
  context.requestTime = requestTime(now);
  context.messageDirection = 'IN';
  if (extra?.disconnectReason !== undefined) context.disconnectReason = extra.disconnectReason;
  context.stage = info.stage;
  context.connectedAt = info.connectedAt;
  context.requestTimeEpoch = now;
  context.identity = identity;
  context.requestId = requestId;
  context.domainName = info.domainName;
  context.connectionId = info.connectionId;
  context.apiId = info.apiId;
  if (info.authorizer) context.authorizer = { ...info.authorizer };
  return context;
}

function fullIdentity(info: ConnectionInfo): Record<string, unknown> {
  return { sourceIp: info.sourceIp, userAgent: info.userAgent };
}

/** The REQUEST authorizer's input on `$connect`. */
export function authorizerEvent(
  info: ConnectionInfo,
  methodArn: string,
  headers: ParsedHeaders,
  query: ParsedQuery,
  now: number,
): Record<string, unknown> {
  return {
    type: 'REQUEST',
    methodArn,
    headers: { ...headers.single },
    multiValueHeaders: cloneMulti(headers.multi),
    queryStringParameters: { ...query.single },
    multiValueQueryStringParameters: cloneMulti(query.multi),
    stageVariables: {},
    requestContext: requestContext(info, '$connect', 'CONNECT', now, undefined, fullIdentity(info)),
  };
}

export function connectEvent(
  info: ConnectionInfo,
  headers: ParsedHeaders,
  query: ParsedQuery,
  now: number,
): Record<string, unknown> {
  const event: Record<string, unknown> = {
    headers: { ...headers.single },
    multiValueHeaders: cloneMulti(headers.multi),
  };
  if (!query.empty) {
    event.queryStringParameters = { ...query.single };
    event.multiValueQueryStringParameters = cloneMulti(query.multi);
  }
  event.requestContext = requestContext(info, '$connect', 'CONNECT', now, undefined, fullIdentity(info));
  event.isBase64Encoded = false;
  return event;
}

export function messageEvent(
  info: ConnectionInfo,
  routeKey: string,
  body: string,
  isBase64Encoded: boolean,
  now: number,
): { requestContext: Record<string, unknown>; body: string; isBase64Encoded: boolean } {
  return {
    requestContext: requestContext(info, routeKey, 'MESSAGE', now, undefined, fullIdentity(info)),
    body,
    isBase64Encoded,
  };
}

export function disconnectEvent(
  info: ConnectionInfo,
  statusCode: number,
  reason: string,
  now: number,
): Record<string, unknown> {
  // As captured: $disconnect carries the headers API Gateway itself sets, not the client's.
  const headers = { Host: info.domainName, 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' };
  const identity: Record<string, unknown> = { sourceIp: info.sourceIp };
  if (info.userAgent !== null) identity.userAgent = info.userAgent;
  return {
    headers,
    multiValueHeaders: {
      Host: [info.domainName],
      'x-api-key': [''],
      'X-Forwarded-For': [''],
      'x-restapi': [''],
    },
    requestContext: requestContext(
      info,
      '$disconnect',
      'DISCONNECT',
      now,
      { disconnectStatusCode: statusCode, disconnectReason: reason },
      identity,
    ),
    isBase64Encoded: false,
  };
}

function cloneMulti(multi: Record<string, string[]>): Record<string, string[]> {
  const copy: Record<string, string[]> = {};
  for (const key of Object.keys(multi)) copy[key] = [...multi[key]!];
  return copy;
}
