/**
 * Runs a built Lambda bundle as a local "function": its own `worker_threads` Worker (its own module
 * scope and its own `process.env`, as a separate Lambda function has), behind a Lambda-style
 * `(event, context) => Promise`. A handler's error (or an init error) rejects the call with an Error of
 * the same name and message; a call over `timeoutMs` rejects with Lambda's "Task timed out" message.
 * A worker that crashes fails its in-flight calls and is replaced by a fresh one on the next call.
 */
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { randomUUID } from 'node:crypto';
import type { LambdaContext, LambdaHandler } from './gateway/index.js';

export interface LocalFunctionOptions {
  name: string;
  /** Path of the bundle (an ES module exporting `handler`). */
  bundle: string;
  env: Record<string, string>;
  /** Lambda's timeout for one invocation. */
  timeoutMs?: number;
  /** Discard the function's stdout/stderr (its logs). */
  quiet?: boolean;
}

export interface LocalFunction {
  name: string;
  invoke: LambdaHandler;
  close(): Promise<void>;
}

// Runs inside the worker (CommonJS eval code). The AWS SDK warns once per process that Node < 22 will
// lose support; the deployed functions run Node 22, so that one warning is dropped locally.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  const text = typeof warning === 'string' ? warning : warning && warning.message;
  if (typeof text === 'string' && text.includes('NodeVersionSupportWarning')) return;
  emitWarning(warning, ...rest);
};
const loaded = import(workerData.bundleUrl).then((m) => {
  if (typeof m.handler !== 'function') throw new Error('bundle ' + workerData.bundleUrl + ' does not export a handler function');
  return m.handler;
});
loaded.catch(() => {});
const serialise = (error) => error instanceof Error
  ? { name: error.name, message: error.message, stack: error.stack }
  : { name: 'Error', message: String(error) };
parentPort.on('message', async ({ id, event, context }) => {
  const deadline = Date.now() + context.remainingMs;
  const ctx = { ...context, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
  delete ctx.remainingMs;
  try {
    const handler = await loaded;
    const result = await handler(event, ctx);
    parentPort.postMessage({ id, ok: true, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: serialise(error) });
  }
});
`;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

function toError(data: { name?: string; message?: string }): Error {
  const error = new Error(data.message ?? 'function failed');
  if (data.name) error.name = data.name;
  return error;
}

export function startLocalFunction(options: LocalFunctionOptions): LocalFunction {
  const { name, bundle, env, timeoutMs = 30_000, quiet = false } = options;
  const pending = new Map<string, Pending>();
  let closing = false;

  const failAll = (error: Error) => {
    for (const [id, call] of pending) {
      clearTimeout(call.timer);
      call.reject(error);
      pending.delete(id);
    }
  };

  /** A fresh "container". One that crashes is replaced on the next invocation, as Lambda would. */
  const spawn = (): Worker => {
    const w = new Worker(WORKER_SOURCE, {
      eval: true,
      env: { ...env },
      workerData: { bundleUrl: pathToFileURL(bundle).href },
      stdout: quiet,
      stderr: quiet,
      name: `lambda:${name}`,
    });
    if (quiet) {
      w.stdout.resume();
      w.stderr.resume();
    }
    w.on(
      'message',
      (message: { id: string; ok: boolean; result?: unknown; error?: { name?: string; message?: string } }) => {
        const call = pending.get(message.id);
        if (!call) return;
        pending.delete(message.id);
        clearTimeout(call.timer);
        if (message.ok) call.resolve(message.result ?? undefined);
        else call.reject(toError(message.error ?? {}));
      },
    );
    const crashed = (error: Error) => {
      if (worker !== w) return;
      worker = undefined;
      if (!closing) failAll(error);
    };
    w.on('error', (error) => crashed(error instanceof Error ? error : new Error(String(error))));
    w.on('exit', (code) => crashed(new Error(`function ${name} exited (code ${code})`)));
    return w;
  };
  let worker: Worker | undefined = spawn();

  const invoke: LambdaHandler = (event: unknown, context: LambdaContext) => {
    if (closing) return Promise.reject(new Error(`function ${name} is shut down`));
    const target = (worker ??= spawn());
    const id = randomUUID();
    const plainContext = {
      awsRequestId: context?.awsRequestId ?? id,
      functionName: context?.functionName ?? name,
      functionVersion: context?.functionVersion ?? '$LATEST',
      invokedFunctionArn: context?.invokedFunctionArn ?? `arn:aws:lambda:local:000000000000:function:${name}`,
      memoryLimitInMB: context?.memoryLimitInMB ?? '128',
      logGroupName: context?.logGroupName ?? `/aws/lambda/${name}`,
      logStreamName: context?.logStreamName ?? 'local',
      callbackWaitsForEmptyEventLoop: true,
      remainingMs: Math.min(timeoutMs, context?.getRemainingTimeInMillis?.() ?? timeoutMs),
    };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`));
      }, timeoutMs);
      pending.set(id, { resolve, reject, timer });
      target.postMessage({ id, event, context: plainContext });
    });
  };

  return {
    name,
    invoke,
    close: async () => {
      if (closing) return;
      closing = true;
      failAll(new Error(`function ${name} is shut down`));
      const w = worker;
      worker = undefined;
      await w?.terminate();
    },
  };
}
