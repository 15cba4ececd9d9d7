/** `$disconnect`: deletes the connection's item (best effort: API Gateway does not retry it). */
import { errorFields } from '../log.js';
import type { HandlerContext, WebSocketEvent, WebSocketResult } from './events.js';
import { createRuntime } from './runtime.js';

const runtime = createRuntime(process.env, 'disconnect');

export async function handler(event: WebSocketEvent, context?: HandlerContext): Promise<WebSocketResult> {
  const rc = event?.requestContext;
  const connectionId = rc?.connectionId;
  const log = runtime.log.child({ requestId: rc?.requestId ?? context?.awsRequestId, connectionId });
  if (!connectionId) {
    log.error('disconnect event without requestContext.connectionId');
    return { statusCode: 500 };
  }
  try {
    await runtime.connections.delete(connectionId);
  } catch (error) {
    log.error('could not delete the connection', errorFields(error));
    return { statusCode: 500 };
  }
  log.info('disconnected', { disconnectStatusCode: rc.disconnectStatusCode });
  return { statusCode: 200 };
}
