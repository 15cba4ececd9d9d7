/**
 * REQUEST authorizer for `$connect`. Allow → the connection proceeds with `principalId` = user id and
 * `context` = `{ userId, username, roomId }`. A browser from an origin outside `ALLOWED_ORIGINS` gets a
 * Deny policy (API Gateway answers 403); missing or invalid credentials throw `Error('Unauthorized')`
 * (API Gateway answers 401); any other failure (e.g. SSM unreachable) is a 500.
 */
import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { AuthError, ForbiddenOriginError } from '../errors.js';
import { createLogger, errorFields, parseLogLevel } from '../log.js';
import { authenticate } from '../services/authenticate.js';
import { createAuthRuntime } from './auth-runtime.js';
import type { AuthorizerEvent, HandlerContext } from './events.js';

const log = createLogger(parseLogLevel(process.env.LOG_LEVEL), { fn: 'authorizer' });
const { auth, getSecret } = createAuthRuntime(process.env, log);

function policy(principalId: string, effect: 'Allow' | 'Deny', resource: string): APIGatewayAuthorizerResult {
  return {
    principalId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
    },
  };
}

export async function handler(event: AuthorizerEvent, context?: HandlerContext): Promise<APIGatewayAuthorizerResult> {
  const rc = event?.requestContext;
  const requestLog = log.child({ requestId: rc?.requestId ?? context?.awsRequestId, connectionId: rc?.connectionId });
  const resource = typeof event?.methodArn === 'string' ? event.methodArn : '*';
  try {
    const identity = await authenticate(event ?? {}, auth, getSecret);
    requestLog.info('connect allowed', { userId: identity.userId, roomId: identity.roomId, mode: auth.mode });
    return { ...policy(identity.userId, 'Allow', resource), context: { ...identity } };
  } catch (error) {
    if (error instanceof ForbiddenOriginError) {
      requestLog.warn('connect denied: origin not allowed');
      return policy('anonymous', 'Deny', resource);
    }
    if (error instanceof AuthError) {
      requestLog.warn('connect unauthorized', { reason: error.message });
      throw new Error('Unauthorized', { cause: error });
    }
    requestLog.error('authorizer failed', errorFields(error));
    throw new Error('authorizer failed', { cause: error });
  }
}
