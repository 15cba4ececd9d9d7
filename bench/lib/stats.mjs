// Small statistics helpers: medians and percentiles over plain number arrays (nearest-rank).

/** Sorted copy, ascending. */
export function sorted(values) {
  return Float64Array.from(values).sort();
}

/** Nearest-rank percentile, p in [0, 100]. NaN for an empty list. */
export function percentile(values, p) {
  const s = values instanceof Float64Array && isSortedAscending(values) ? values : sorted(values);
  if (s.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))];
}

export const median = (values) => percentile(values, 50);

export function mean(values) {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length ? sum / values.length : NaN;
}

function isSortedAscending(a) {
  for (let i = 1; i < a.length; i++) if (a[i] < a[i - 1]) return false;
  return true;
}

/** Rounds to `digits` significant-ish decimals for display and JSON. */
export function round(value, digits = 2) {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
