// The shape every benchmark returns, and helpers to build it:
// { id, title, rows: [{ metric, value, unit, baseline?: { label, value }, ratio?, note? }],
//   budgets: [{ name, limit, value, unit, pass, detail }], notes: [string], config: {...} }
import { round } from './stats.mjs';

export function createResult(id, title) {
  return { id, title, rows: [], budgets: [], notes: [], config: {} };
}

/** Adds a figure; with a baseline, the ratio value / baseline is computed. */
export function addRow(result, metric, value, unit, baseline, note) {
  const row = { metric, value: typeof value === 'number' ? round(value, 3) : value, unit };
  if (baseline && typeof baseline.value === 'number') {
    row.baseline = { label: baseline.label, value: round(baseline.value, 3) };
    if (typeof value === 'number' && baseline.value > 0) row.ratio = round(value / baseline.value, 2);
  }
  if (note) row.note = note;
  result.rows.push(row);
  return row;
}

/** A budget verdict: value ≤ limit passes; `detail` says by how much either way. */
export function addBudget(result, name, value, limit, unit, extra = '') {
  const pass = value <= limit;
  const diff = Math.abs(limit - value);
  const pct = limit ? ((diff / limit) * 100).toFixed(1) : '∞';
  const detail = pass ? `${round(diff, 2)} ${unit} (${pct} %) under` : `${round(diff, 2)} ${unit} (${pct} %) over`;
  result.budgets.push({
    name,
    value: round(value, 3),
    limit,
    unit,
    pass,
    detail: extra ? `${detail}; ${extra}` : detail,
  });
}

/** A budget that is a condition rather than a number (e.g. 0 lost, 0 duplicated). */
export function addCheck(result, name, pass, detail) {
  result.budgets.push({ name, pass, detail });
}
