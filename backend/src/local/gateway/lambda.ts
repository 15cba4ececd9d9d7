import type { LambdaContext, LambdaHandler } from './types.js';

/** Where an invocation runs: the account, and API Gateway's integration timeout. */
export interface InvokeTarget {
  region: string;
  accountId: string;
  integrationTimeoutMs: number;
}

/** API Gateway stopped waiting for the integration (the Lambda itself keeps running). */
export class IntegrationTimeoutError extends Error {
  override name = 'IntegrationTimeoutError';
}

/** A Lambda-style context for one invocation. */
export function lambdaContext(functionName: string, awsRequestId: string, target: InvokeTarget): LambdaContext {
  const { region, accountId } = target;
  const deadline = Date.now() + target.integrationTimeoutMs;
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

/**
 * Calls a handler as API Gateway calls an integration: a synchronous throw becomes a rejection, and
 * past the integration timeout the call rejects with `IntegrationTimeoutError`.
 */
export function invoke(
  handler: LambdaHandler,
  event: unknown,
  functionName: string,
  awsRequestId: string,
  target: InvokeTarget,
): Promise<unknown> {
  let result: Promise<unknown>;
  try {
    result = Promise.resolve(handler(event, lambdaContext(functionName, awsRequestId, target)));
  } catch (error) {
    return Promise.reject(error);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new IntegrationTimeoutError(`${functionName} did not answer within ${target.integrationTimeoutMs} ms`)),
      target.integrationTimeoutMs,
    );
    result.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Lambda function names allow letters, digits, '-' and '_'. */
export function functionNameFor(apiId: string, routeKey: string): string {
  return `${apiId}-${routeKey.replace(/[^A-Za-z0-9_-]/g, '')}`.slice(0, 64);
}
