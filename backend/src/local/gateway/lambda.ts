import type { LambdaContext, LambdaHandler } from './types.js';
import { INTEGRATION_TIMEOUT_MS } from './limits.js';

/** A Lambda-style context for one invocation. */
export function lambdaContext(functionName: string, awsRequestId: string, region: string, accountId: string): LambdaContext {
  const deadline = Date.now() + INTEGRATION_TIMEOUT_MS;
  return {
    awsRequestId,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${functionName}`,
    memoryLimitInMB: '128',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

/** Calls a handler; a synchronous throw becomes a rejection. */
export function invoke(handler: LambdaHandler, event: unknown, context: LambdaContext): Promise<unknown> {
  try {
    return Promise.resolve(handler(event, context));
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Lambda function names allow letters, digits, '-' and '_'. */
export function functionNameFor(apiId: string, routeKey: string): string {
  return `${apiId}-${routeKey.replace(/[^A-Za-z0-9_-]/g, '')}`.slice(0, 64);
}
