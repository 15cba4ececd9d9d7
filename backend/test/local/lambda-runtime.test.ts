import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalFunction, type LocalFunction } from '../../src/local/lambda-runtime.js';

let dir: string;
const started: LocalFunction[] = [];
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'chat-room-fn-'));
  writeFileSync(
    join(dir, 'env.mjs'),
    `let calls = 0;
export const handler = async (event, context) => ({ who: process.env.WHO, calls: ++calls, event, requestId: context.awsRequestId, remaining: context.getRemainingTimeInMillis() });`,
  );
  writeFileSync(
    join(dir, 'throws.mjs'),
    `class Custom extends Error { name = 'CustomError' }
export const handler = async (event) => { if (event.unauthorized) throw new Error('Unauthorized'); throw new Custom('went wrong'); };`,
  );
  writeFileSync(
    join(dir, 'init-fails.mjs'),
    `throw new Error('environment variable CONNECTIONS_TABLE is required but not set');`,
  );
  writeFileSync(join(dir, 'slow.mjs'), `export const handler = () => new Promise(() => {});`);
  writeFileSync(join(dir, 'nohandler.mjs'), `export const other = 1;`);
});
after(async () => {
  await Promise.all(started.map((f) => f.close()));
  rmSync(dir, { recursive: true, force: true });
});

const fn = (name: string, env: Record<string, string> = {}, timeoutMs?: number) => {
  const f = startLocalFunction({
    name,
    bundle: join(dir, `${name}.mjs`),
    env,
    quiet: true,
    ...(timeoutMs ? { timeoutMs } : {}),
  });
  started.push(f);
  return f;
};
const context = { awsRequestId: 'req-1', functionName: 'f', getRemainingTimeInMillis: () => 5000 } as never;

test('each function has its own process.env and module scope', async () => {
  delete process.env.WHO;
  const a = startLocalFunction({ name: 'a', bundle: join(dir, 'env.mjs'), env: { WHO: 'a' }, quiet: true });
  const b = startLocalFunction({ name: 'b', bundle: join(dir, 'env.mjs'), env: { WHO: 'b' }, quiet: true });
  started.push(a, b);
  const ra = await a.invoke({ n: 1 }, context);
  const rb = await b.invoke({ n: 2 }, context);
  const ra2 = await a.invoke({ n: 3 }, context);
  assert.deepEqual([ra.who, rb.who, ra2.who], ['a', 'b', 'a']);
  assert.deepEqual([ra.calls, rb.calls, ra2.calls], [1, 1, 2]);
  assert.deepEqual(ra.event, { n: 1 });
  assert.equal(ra.requestId, 'req-1');
  assert.ok(ra.remaining > 0 && ra.remaining <= 5000);
  assert.equal(process.env.WHO, undefined);
});

test('handler errors reject with the same name and message (Unauthorized stays Unauthorized)', async () => {
  const f = fn('throws');
  await assert.rejects(
    f.invoke({}, context),
    (e: unknown) => e instanceof Error && e.name === 'CustomError' && e.message === 'went wrong',
  );
  await assert.rejects(
    f.invoke({ unauthorized: true }, context),
    (e: unknown) => e instanceof Error && e.message === 'Unauthorized',
  );
});

test('an init error fails every invocation with that error', async () => {
  const f = fn('init-fails');
  await assert.rejects(f.invoke({}, context), /CONNECTIONS_TABLE is required/);
  await assert.rejects(f.invoke({}, context), /CONNECTIONS_TABLE is required/);
  await assert.rejects(fn('nohandler').invoke({}, context), /does not export a handler/);
});

test('an invocation over the timeout rejects like Lambda', async () => {
  await assert.rejects(fn('slow', {}, 200).invoke({}, context), /Task timed out after 0.20 seconds/);
});

test('close terminates the worker and refuses later calls', async () => {
  const f = startLocalFunction({ name: 'closing', bundle: join(dir, 'slow.mjs'), env: {}, quiet: true });
  const pending = assert.rejects(f.invoke({}, context), /shut down/);
  await f.close();
  await pending;
  await assert.rejects(f.invoke({}, context), /shut down/);
});

test('a crashed function fails its in-flight calls and comes back fresh on the next call', async () => {
  writeFileSync(
    join(dir, 'crash.mjs'),
    `let calls = 0;
export const handler = async (event) => {
  calls++;
  if (event.crash) setImmediate(() => { throw new Error('uncaught in the background'); });
  if (event.crash) return new Promise(() => {});
  return { calls };
};`,
  );
  const f = fn('crash');
  assert.deepEqual(await f.invoke({}, context), { calls: 1 });
  await assert.rejects(f.invoke({ crash: true }, context), /uncaught in the background/);
  assert.deepEqual(await f.invoke({}, context), { calls: 1 }, 'a new module scope');
});
