/**
 * Reads settings from an environment record, collecting every problem instead of stopping at the first
 * (the caller throws one `ConfigError` listing them all).
 */
export type Env = Record<string, string | undefined>;

export class EnvReader {
  constructor(
    private readonly env: Env,
    readonly problems: string[],
  ) {}

  /** The trimmed value, or undefined when unset or blank. */
  get(key: string): string | undefined {
    const value = this.env[key]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  problem(message: string): void {
    this.problems.push(message);
  }

  /** A whole number in [min, max]; `fallback` when unset (also when invalid, after recording the problem). */
  int(key: string, fallback: number, min: number, max: number): number;
  int(key: string, fallback: undefined, min: number, max: number): number | undefined;
  int(key: string, fallback: number | undefined, min: number, max: number): number | undefined {
    const raw = this.get(key);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
      this.problem(`${key} "${raw}": expected a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  }

  /** A positive number up to `max` (requests per second may be fractional). */
  rate(key: string, fallback: number, max: number): number {
    const raw = this.get(key);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0 || value > max) {
      this.problem(`${key} "${raw}": expected requests per second, above 0 and at most ${max}`);
      return fallback;
    }
    return value;
  }

  /** One of `allowed` (compared as given). */
  oneOf<T extends string>(key: string, fallback: T, allowed: readonly T[], hint = ''): T {
    const raw = this.get(key);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problem(`${key} "${raw}": expected ${allowed.join(' or ')}${hint ? ` (${hint})` : ''}`);
    return fallback;
  }

  /** A comma-separated list, entries trimmed, blanks dropped. */
  list(key: string): string[] {
    return (this.get(key) ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
  }
}
