import type { ErrorCode } from './codes.js';

/** The outcome of a validation: the typed value, or the error code and a precise reason. */
export type Validation<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; reason: string };

// The checks return the valid value or throw a `ValidationFailure` (through `reject`); `run` turns that back
// into a `Validation`. Throwing keeps each check straight-line, without passing results up by hand.

/** A check of one value: `name` is the field's path, used in the reason. Returns the value to keep. */
export type Check<T = unknown> = (value: unknown, name: string) => T;

export type JsonObject = Record<string, unknown>;

class ValidationFailure {
  constructor(
    readonly code: ErrorCode,
    readonly reason: string,
  ) {}
}

export function reject(reason: string, code: ErrorCode = 'INVALID_MESSAGE'): never {
  throw new ValidationFailure(code, reason);
}

/** Runs `check`; a failure it rejects with becomes `{ ok: false, code, reason }`. Anything else thrown is a bug and is rethrown. */
export function run<T>(check: () => T): Validation<T> {
  try {
    return { ok: true, value: check() };
  } catch (failure) {
    if (failure instanceof ValidationFailure) return { ok: false, code: failure.code, reason: failure.reason };
    throw failure;
  }
}

/** `value` when `valid`; otherwise fails with the reason "<name> must be <what>". */
export function must<T>(valid: boolean, value: unknown, name: string, what: string): T {
  return valid ? (value as T) : reject(`${name} must be ${what}`);
}

export const isString = (value: unknown): value is string => typeof value === 'string';

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Own property only: keys such as `__proto__` or `constructor` never come from the prototype. */
export const own = (object: JsonObject, key: string): unknown => (Object.hasOwn(object, key) ? object[key] : undefined);
