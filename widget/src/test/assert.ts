// A tiny assertion helper (no chai in this repo): failures throw Errors that say what was expected.

export class AssertionError extends Error {
  override name = 'AssertionError';
}

export function ok(value: unknown, message = 'expected a truthy value'): asserts value {
  if (!value) throw new AssertionError(message);
}

export function equal<T>(actual: T, expected: T, message = ''): void {
  if (!Object.is(actual, expected)) {
    throw new AssertionError(`${message ? `${message}: ` : ''}expected ${show(expected)}, got ${show(actual)}`);
  }
}

export function deepEqual(actual: unknown, expected: unknown, message = ''): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new AssertionError(`${message ? `${message}: ` : ''}expected ${e}, got ${a}`);
}

export function match(actual: string | null | undefined, pattern: RegExp, message = ''): void {
  if (typeof actual !== 'string' || !pattern.test(actual)) {
    throw new AssertionError(`${message ? `${message}: ` : ''}expected ${show(actual)} to match ${pattern}`);
  }
}

/** Waits until `predicate` is truthy (checked every animation frame), or fails after `timeout` ms. */
export async function waitFor<T>(predicate: () => T, message: string, timeout = 10_000): Promise<NonNullable<T>> {
  const deadline = performance.now() + timeout;
  for (;;) {
    const value = predicate();
    if (value) return value as NonNullable<T>;
    if (performance.now() > deadline) throw new AssertionError(`timed out after ${timeout} ms waiting for: ${message}`);
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
