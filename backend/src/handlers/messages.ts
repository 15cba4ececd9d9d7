/**
 * Routes `sendMessage`, `getHistory` and `$default` (two-way: the return value's body is the reply).
 * Every frame is parsed and validated with the protocol module; every failure is an `error` frame.
 * The sender's id, name and room come from the authorizer context, never from the frame.
 */
import { parseJsonFrame, validateClientFrame, type AckFrame, type ClientFrame } from '@chat-room/client-sdk/protocol';
import type { ConnectionsApi } from '../aws/connections-api.js';
import { ConnectionNotFoundError, InvalidRequestError, RateLimitedError } from '../errors.js';
import type { ConnectionIdentity } from '../identity.js';
import { errorFields, type Logger } from '../log.js';
import { getHistory } from '../services/history.js';
import { sendMessage } from '../services/send-message.js';
import {
  authorizerIdentity,
  type HandlerContext,
  type WebSocketEvent,
  type WebSocketRequestContext,
  type WebSocketResult,
} from './events.js';
import { ErrorCode, errorReply, reply, validClientMessageId } from './replies.js';
import { createRuntime } from './runtime.js';

const runtime = createRuntime(process.env, 'messages');

// The @connections client is only needed to broadcast a sent message: it is imported on the first send
// (a chunk of its own in the bundle), so a cold start that serves `getHistory` does not load it.
let connectionsApis: Promise<(rc: WebSocketRequestContext) => ConnectionsApi> | undefined;
async function connectionsApi(rc: WebSocketRequestContext): Promise<ConnectionsApi> {
  connectionsApis ??= import('../aws/connections-api-cache.js').then(
    ({ createConnectionsApiCache }) => createConnectionsApiCache(runtime.region, runtime.limits.managementEndpoint),
    (error: unknown) => {
      connectionsApis = undefined;
      throw error;
    },
  );
  return (await connectionsApis)(rc);
}

export async function handler(event: WebSocketEvent, context?: HandlerContext): Promise<WebSocketResult> {
  const rc: WebSocketRequestContext = event?.requestContext ?? {};
  const log = runtime.log.child({
    requestId: rc.requestId ?? context?.awsRequestId,
    connectionId: rc.connectionId,
    route: rc.routeKey,
  });

  if (event?.isBase64Encoded) return errorReply(ErrorCode.BAD_JSON, 'frames must be JSON text, not binary');
  const parsed = parseJsonFrame(event?.body);
  if (!parsed.ok) return errorReply(parsed.code, parsed.reason);
  const clientMessageId = validClientMessageId(parsed.value);
  const frame = validateClientFrame(parsed.value);
  if (!frame.ok) return errorReply(frame.code, frame.reason, clientMessageId);

  const identity = authorizerIdentity(rc);
  if (!identity || !rc.connectionId) {
    log.error('message event without the authorizer context or connection id');
    return errorReply(ErrorCode.INTERNAL, 'this connection has no identity; reconnect', clientMessageId);
  }
  const sender: ConnectionIdentity = { connectionId: rc.connectionId, ...identity };
  try {
    return await route(frame.value, sender, rc, log);
  } catch (error) {
    if (error instanceof RateLimitedError) {
      log.info('rate limited');
      return errorReply(ErrorCode.RATE_LIMITED, `${error.message}; wait and try again`, clientMessageId);
    }
    if (error instanceof InvalidRequestError)
      return errorReply(ErrorCode.INVALID_MESSAGE, error.message, clientMessageId);
    if (error instanceof ConnectionNotFoundError) {
      log.warn('message from an unregistered connection');
      return errorReply(ErrorCode.INTERNAL, 'this connection is not registered; reconnect', clientMessageId);
    }
    log.error('request failed', errorFields(error));
    return errorReply(ErrorCode.INTERNAL, 'the server could not handle this request; try again', clientMessageId);
  }
}

async function route(
  frame: ClientFrame,
  sender: ConnectionIdentity,
  rc: WebSocketRequestContext,
  log: Logger,
): Promise<WebSocketResult> {
  switch (frame.action) {
    case 'sendMessage': {
      const result = await sendMessage(
        {
          connections: runtime.connections,
          messages: runtime.messages,
          connectionsApi: await connectionsApi(rc),
          log,
          rateLimit: { limit: runtime.limits.rateLimitMessages, windowMs: runtime.limits.rateLimitWindowMs },
          broadcast: { concurrency: runtime.limits.broadcastConcurrency },
        },
        sender,
        frame,
      );
      log.info(result.duplicate ? 'duplicate send acknowledged' : 'message sent', {
        messageId: result.message.messageId,
        roomId: sender.roomId,
        ...(result.broadcast ?? {}),
      });
      if (frame.clientMessageId === undefined) return { statusCode: 200 };
      const ack: AckFrame = {
        type: 'ack',
        clientMessageId: frame.clientMessageId,
        messageId: result.message.messageId,
        timestamp: result.message.timestamp,
      };
      return reply(ack);
    }
    case 'getHistory': {
      const result = await getHistory(runtime.messages, sender.roomId, frame);
      log.debug('history', { count: result.frame.messages.length, readCapacityUnits: result.readCapacityUnits });
      return reply(result.frame);
    }
    case 'ping':
      return reply({ type: 'pong' });
  }
}
