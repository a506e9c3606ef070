/**
 * Hyperparameter importance for the Trials explorer: for each parameter, the share of the score's
 * variance explained by that parameter alone — the correlation ratio η² = SS_between / SS_total
 * of the score grouped by the parameter's value (categories and booleans as they are; numbers in
 * up to `bins` quantile bins). It is a one-parameter-at-a-time, fANOVA-like main effect: cheap,
 * honest about what it is (interactions and correlated parameters are not separated), and 0 for
 * a parameter with one value. A small-sample correction (adjusted η², like adjusted R²) keeps a
 * parameter with many distinct values from looking important by chance.
 */
import type { TrialInfo } from '../../shared/domain';

export interface ParamImportance {
  param: string;
  /** Adjusted η² in [0, 1]. */
  importance: number;
  /** Trials that had this parameter and a score. */
  trials: number;
  /** Groups (bins or categories) the trials fell into. */
  groups: number;
}

type Value = number | string | boolean;

/** Parameter names of the trials, in first-seen order. */
export function paramNames(trials: readonly TrialInfo[]): string[] {
  const names = new Set<string>();
  for (const t of trials) for (const k of Object.keys(t.params)) names.add(k);
  return [...names];
}

/** Group keys for one parameter's values: numbers into ≤ `bins` quantile bins, the rest by value. */
export function groupKeys(values: readonly Value[], bins: number): string[] {
  const numbers = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const distinct = new Set(numbers).size;
  if (numbers.length === 0 || distinct <= bins) return values.map((v) => String(v));
  const sorted = [...numbers].sort((a, b) => a - b);
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) edges.push(sorted[Math.floor((b * sorted.length) / bins)]);
  return values.map((v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return String(v);
    let i = 0;
    while (i < edges.length && v >= edges[i]) i++;
    return `bin${i}`;
  });
}

/** η² (adjusted) of `scores` grouped by `keys`. */
export function correlationRatio(keys: readonly string[], scores: readonly number[]): { eta2: number; groups: number } {
  const n = scores.length;
  const groups = new Map<string, { sum: number; count: number }>();
  let total = 0;
  for (let i = 0; i < n; i++) {
    const g = groups.get(keys[i]) ?? { sum: 0, count: 0 };
    g.sum += scores[i];
    g.count++;
    groups.set(keys[i], g);
    total += scores[i];
  }
  const k = groups.size;
  if (n < 3 || k < 2) return { eta2: 0, groups: k };
  const mean = total / n;
  let ssTotal = 0;
  for (const s of scores) ssTotal += (s - mean) ** 2;
  if (ssTotal <= 0) return { eta2: 0, groups: k };
  let ssBetween = 0;
  for (const g of groups.values()) ssBetween += g.count * (g.sum / g.count - mean) ** 2;
  const raw = ssBetween / ssTotal;
  // Adjusted for the k − 1 degrees of freedom the grouping spends (0 when n ≤ k).
  const adjusted = n > k ? 1 - ((1 - raw) * (n - 1)) / (n - k) : 0;
  return { eta2: Math.max(0, Math.min(1, adjusted)), groups: k };
}

/** Importance of every parameter over the trials with a finite score, largest first. */
export function paramImportance(trials: readonly TrialInfo[], bins = 6): ParamImportance[] {
  const scored = trials.filter((t) => t.score !== null && Number.isFinite(t.score));
  return paramNames(scored)
    .map((param) => {
      const withParam = scored.filter((t) => param in t.params);
      const { eta2, groups } = correlationRatio(
        groupKeys(withParam.map((t) => t.params[param]), bins),
        withParam.map((t) => t.score as number),
      );
      return { param, importance: eta2, trials: withParam.length, groups };
    })
    .sort((a, b) => b.importance - a.importance || a.param.localeCompare(b.param));
}
