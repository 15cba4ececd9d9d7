/**
 * `$connect`: checks the connection again (defense in depth: the same origin and credential checks as the
 * authorizer, and the authorizer's context must agree with them), then stores the connection.
 * 200 accepts the upgrade; 401/403/500 refuse it.
 */
import { AuthError, ForbiddenOriginError } from '../errors.js';
import { sameIdentity } from '../identity.js';
import { errorFields } from '../log.js';
import { ConnectionsRepository } from '../repositories/connections.js';
import { authenticate } from '../services/authenticate.js';
import { createAuthRuntime } from './auth-runtime.js';
import { authorizerIdentity, type HandlerContext, type WebSocketEvent, type WebSocketResult } from './events.js';
import { createRuntime } from './runtime.js';

const runtime = createRuntime(process.env, 'connect');
const { auth, getSecret } = createAuthRuntime(process.env, runtime.log);

export async function handler(event: WebSocketEvent, context?: HandlerContext): Promise<WebSocketResult> {
  const rc = event?.requestContext;
  const connectionId = rc?.connectionId;
  const log = runtime.log.child({ requestId: rc?.requestId ?? context?.awsRequestId, connectionId });
  if (!connectionId) {
    log.error('connect event without requestContext.connectionId');
    return { statusCode: 500 };
  }
  let identity;
  try {
    identity = await authenticate(event, auth, getSecret);
  } catch (error) {
    if (error instanceof ForbiddenOriginError) {
      log.warn('connect refused: origin not allowed');
      return { statusCode: 403 };
    }
    if (error instanceof AuthError) {
      log.warn('connect refused: unauthorized', { reason: error.message });
      return { statusCode: 401 };
    }
    log.error('connect check failed', errorFields(error));
    return { statusCode: 500 };
  }
  const fromAuthorizer = authorizerIdentity(rc);
  if (fromAuthorizer && !sameIdentity(fromAuthorizer, identity)) {
    log.warn('connect refused: authorizer context disagrees with the request');
    return { statusCode: 403 };
  }
  try {
    const connectedAt = typeof rc.connectedAt === 'number' ? rc.connectedAt : Date.now();
    await runtime.connections.put(ConnectionsRepository.item({ connectionId, ...identity, connectedAt }));
  } catch (error) {
    log.error('could not store the connection', errorFields(error));
    return { statusCode: 500 };
  }
  log.info('connected', { userId: identity.userId, roomId: identity.roomId });
  return { statusCode: 200 };
}
