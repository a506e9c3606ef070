/**
 * What choosing a target implies, shown on the dataset screen before any run: the task (with the
 * rule that chose it, the same rule {@link prepareTarget} trains by), the class balance, and the
 * columns that may leak the target.
 *
 * The leakage look is deliberately cheap (it runs each time the user picks a target): on at most
 * 20,000 evenly spaced rows, each used feature alone predicts the target with a one-feature rule
 * fitted in sample —
 * - classification: a categorical feature (or a number cut at ~20 quantiles, for several
 *   classes) predicts the majority class of its group, scored by accuracy against the majority
 *   baseline; a number predicts a binary target by its value, scored by ROC AUC (either way);
 * - regression: the mean of the feature's group (categories, or ~20 quantile bins of a number),
 *   scored by R²; for numbers also the squared correlation.
 * A feature is a suspect when nearly perfect: AUC ≥ 0.99, R² ≥ 0.99, or accuracy ≥ 0.99 with at
 * most a fifth of the baseline's errors. Groups seen once predict the majority (or the mean):
 * otherwise a column with a value unique to each row would "predict" every row it memorised.
 * Identifier columns are listed as suspects of their own kind (they let a model memorise rows).
 * The validation phase re-checks leakage out of fold on the training rows (workflow/checks).
 */
import type { ColumnProfile, LeakageSuspect, TargetAnalysis, TaskKind } from '../../shared/domain';
import { DataError, listNames, quote } from './data-error';
import type { Column, Frame } from './frame';
import { squaredCorrelation } from './metrics';
import { quantileGroups } from './quantile-groups';
import { MAX_CLASSES, MAX_INFERRED_CLASSES, numericTargetTask, ROWS_PER_INFERRED_CLASS } from './target';

/** Rows the leakage look uses at most. */
export const LEAKAGE_SAMPLE_ROWS = 20_000;
/** Labels listed in the class balance before the rest are folded into "other". */
const MAX_BALANCE_LABELS = 50;
const QUANTILE_BINS = 20;
const AUC_THRESHOLD = 0.99;
const R2_THRESHOLD = 0.99;
const ACCURACY_THRESHOLD = 0.99;
/** A suspect's errors must be at most this share of the majority baseline's. */
const ERROR_RATIO = 0.2;
const IDENTIFIER_REASON = 'an identifier: unique per row, it can let a model memorise rows';

/**
 * The task, class balance and leakage suspects of `target` in `frame`, given the columns'
 * profiles (their types, user overrides and exclusions). A target typed `categorical` or
 * `boolean` is classification even when stored as numbers; one the user typed `numeric` is
 * regression. Throws a {@link DataError} for an unknown column, or a target with fewer than two
 * distinct values.
 */
export function analyzeTarget(frame: Frame, columns: readonly ColumnProfile[], target: string): TargetAnalysis {
  const column = frame.columns.find((c) => c.name === target);
  if (!column) {
    const names = frame.columns.map((c) => c.name);
    throw new DataError('UNKNOWN_COLUMN', `There is no column named ${quote(target)}. Choose one of its columns: ${listNames(names, 8)}.`, { column: target });
  }
  const profile = columns.find((c) => c.name === target);
  const kept = presentRows(column, frame.rowCount);
  const labelled = labelTarget(column, kept, profile, target);
  const sample = evenlySpaced(kept, LEAKAGE_SAMPLE_ROWS);
  const suspects = leakageSuspects(frame, columns, target, labelled, sample);
  return { target, task: labelled.task, taskReason: labelled.reason, classBalance: labelled.balance, leakageSuspects: suspects };
}

/** The target as numbers per present row: class index (classification) or value (regression). */
interface LabelledTarget {
  task: TaskKind;
  reason: string;
  /** Class index or value, one per frame row (NaN where the target is missing). */
  y: Float64Array;
  classes: number;
  balance: { label: string; count: number }[];
}

function presentRows(column: Column, rowCount: number): Int32Array {
  const keep = new Int32Array(rowCount);
  let n = 0;
  if (column.kind === 'numeric') {
    const v = column.values;
    for (let i = 0; i < rowCount; i++) if (v[i] === v[i]) keep[n++] = i;
  } else {
    const c = column.codes;
    for (let i = 0; i < rowCount; i++) if (c[i] >= 0) keep[n++] = i;
  }
  return keep.subarray(0, n);
}

function singleValue(target: string, distinct: number): DataError {
  const what = distinct === 0 ? 'no values' : 'only one value';
  return new DataError('SINGLE_VALUE_TARGET', `The target column ${quote(target)} has ${what}, so there is nothing to predict. Choose another target.`, { column: target });
}

function labelTarget(column: Column, kept: Int32Array, profile: ColumnProfile | undefined, target: string): LabelledTarget {
  const rowCount = column.kind === 'numeric' ? column.values.length : column.codes.length;
  const y = new Float64Array(rowCount).fill(Number.NaN);
  const type = profile?.type;
  if (column.kind === 'categorical') {
    const counts = new Float64Array(column.categories.length);
    for (let i = 0; i < kept.length; i++) counts[column.codes[kept[i]]]++;
    const used: number[] = [];
    for (let c = 0; c < counts.length; c++) if (counts[c] > 0) used.push(c);
    if (used.length < 2) throw singleValue(target, used.length);
    const index = new Int32Array(counts.length).fill(-1);
    used.forEach((c, k) => (index[c] = k));
    for (let i = 0; i < kept.length; i++) y[kept[i]] = index[column.codes[kept[i]]];
    const task: TaskKind = used.length === 2 ? 'binary' : 'multiclass';
    const labels = used.map((c) => ({ label: column.categories[c], count: counts[c] }));
    const reason = task === 'binary' ? `${quote(target)} holds two labels, ${listNames(labels.map((l) => l.label), 2)}.` : `${quote(target)} holds ${used.length} labels${type === 'text' || type === 'identifier' ? ` (it is typed ${type}: check that it is the column you mean)` : ''}.`;
    return { task, reason, y, classes: used.length, balance: balance(labels) };
  }

  const values = column.values;
  const distinctValues = new Map<number, number>();
  let integers = true;
  let distinct = 0;
  for (let i = 0; i < kept.length; i++) {
    const v = values[kept[i]] + 0;
    if (integers && v !== Math.floor(v)) integers = false;
    if (distinct <= MAX_CLASSES) {
      const c = distinctValues.get(v);
      if (c === undefined) {
        distinctValues.set(v, 1);
        distinct++;
      } else distinctValues.set(v, c + 1);
    }
  }
  if (distinct < 2) throw singleValue(target, distinct);
  const many = distinct > MAX_CLASSES;
  const distinctText = many ? `more than ${MAX_CLASSES}` : String(distinct);
  let task: TaskKind;
  let reason: string;
  if (type === 'categorical' || type === 'boolean') {
    if (many) {
      task = 'regression';
      reason = `${quote(target)} is typed ${type} but has ${distinctText} distinct numbers, too many classes: it is read as regression.`;
    } else {
      task = distinct === 2 ? 'binary' : 'multiclass';
      reason = `${quote(target)} is typed ${type}, so its ${distinct} values are classes.`;
    }
  } else if (type === 'numeric' && profile && profile.inferredType !== 'numeric') {
    task = 'regression';
    reason = `${quote(target)} is typed numeric, so it is predicted as a quantity (regression).`;
  } else {
    task = numericTargetTask(distinct, kept.length, integers);
    if (task === 'binary') reason = `${quote(target)} has two values, ${listNames([...distinctValues.keys()].sort((a, b) => a - b).map(String), 2)}.`;
    else if (task === 'multiclass') reason = `${quote(target)} holds whole numbers with ${distinct} distinct values (at most ${MAX_INFERRED_CLASSES}, with more than ${ROWS_PER_INFERRED_CLASS} rows each), read as classes.`;
    else reason = `${quote(target)} holds ${integers ? 'whole numbers' : 'numbers'} with ${distinctText} distinct values, so it is predicted as a quantity (regression).`;
  }
  if (task === 'regression') {
    for (let i = 0; i < kept.length; i++) y[kept[i]] = values[kept[i]];
    return { task, reason, y, classes: 0, balance: [] };
  }
  const sorted = [...distinctValues.keys()].sort((a, b) => a - b);
  const index = new Map(sorted.map((v, k) => [v, k]));
  for (let i = 0; i < kept.length; i++) y[kept[i]] = index.get(values[kept[i]] + 0)!;
  return { task, reason, y, classes: sorted.length, balance: balance(sorted.map((v) => ({ label: String(v), count: distinctValues.get(v)! }))) };
}

function balance(labels: { label: string; count: number }[]): { label: string; count: number }[] {
  const sorted = [...labels].sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  if (sorted.length <= MAX_BALANCE_LABELS) return sorted;
  const rest = sorted.slice(MAX_BALANCE_LABELS).reduce((s, l) => s + l.count, 0);
  const taken = new Set(sorted.slice(0, MAX_BALANCE_LABELS).map((l) => l.label));
  return [...sorted.slice(0, MAX_BALANCE_LABELS), { label: taken.has('other') ? '(other)' : 'other', count: rest }];
}

/** At most `max` of `rows`, evenly spaced. */
function evenlySpaced(rows: Int32Array, max: number): Int32Array {
  if (rows.length <= max) return rows;
  const out = new Int32Array(max);
  for (let k = 0; k < max; k++) out[k] = rows[Math.floor((k * rows.length) / max)];
  return out;
}

function leakageSuspects(frame: Frame, profiles: readonly ColumnProfile[], target: string, labelled: LabelledTarget, sample: Int32Array): LeakageSuspect[] {
  const byName = new Map(profiles.map((p) => [p.name, p]));
  const y = Float64Array.from(sample, (r) => labelled.y[r]);
  const suspects: LeakageSuspect[] = [];
  const identifiers: LeakageSuspect[] = [];
  for (const column of frame.columns) {
    if (column.name === target) continue;
    const profile = byName.get(column.name);
    if (profile?.type === 'identifier') {
      const present = frame.rowCount - profile.missing;
      identifiers.push({ column: column.name, reason: `${quote(column.name)} is ${IDENTIFIER_REASON}.`, score: present > 0 ? profile.distinct / present : 0, measure: 'distinct share' });
      continue;
    }
    if (profile?.excluded) continue;
    const suspect = oneFeatureSuspect(column, sample, y, labelled, target);
    if (suspect) suspects.push(suspect);
  }
  suspects.sort((a, b) => b.score - a.score);
  return [...suspects, ...identifiers];
}

function leakSentence(column: string, target: string, what: string, task: TaskKind): string {
  const why = task === 'regression' ? 'it may be computed from the target, or recorded after it' : 'it may be recorded after the outcome';
  return `${quote(column)} alone predicts ${quote(target)} with ${what}: ${why}.`;
}

/** The suspect entry for one feature, or null when it does not predict the target nearly perfectly. */
function oneFeatureSuspect(column: Column, sample: Int32Array, y: Float64Array, labelled: LabelledTarget, target: string): LeakageSuspect | null {
  const { task } = labelled;
  if (task === 'binary' && column.kind === 'numeric') {
    const score = new Float64Array(sample.length);
    for (let i = 0; i < sample.length; i++) {
      const v = column.values[sample[i]];
      score[i] = v === v ? v : -Infinity; // missing ranks lowest: missingness that tracks the target counts
    }
    const raw = aucByRanks(y, score);
    const auc = Number.isNaN(raw) ? 0.5 : Math.max(raw, 1 - raw);
    if (auc < AUC_THRESHOLD) return null;
    return { column: column.name, reason: leakSentence(column.name, target, `AUC ${auc.toFixed(3)}`, task), score: auc, measure: 'AUC' };
  }
  const group = groupsOf(column, sample);
  if (task === 'regression') {
    let r2 = groupMeanR2(group, y);
    if (column.kind === 'numeric') r2 = Math.max(r2, squaredCorrelation(Float64Array.from(sample, (r) => column.values[r]), y));
    if (r2 < R2_THRESHOLD) return null;
    return { column: column.name, reason: leakSentence(column.name, target, `R² ${r2.toFixed(3)}`, task), score: r2, measure: 'R²' };
  }
  const { accuracy, baseline } = groupMajorityAccuracy(group, y, labelled.classes);
  if (accuracy < ACCURACY_THRESHOLD || 1 - accuracy > ERROR_RATIO * (1 - baseline)) return null;
  return {
    column: column.name,
    reason: leakSentence(column.name, target, `accuracy ${accuracy.toFixed(3)} (the majority class alone: ${baseline.toFixed(3)})`, task),
    score: accuracy,
    measure: 'accuracy',
  };
}

/** Dense group ids (0..count-1) per sampled row, and the sampled rows ordered by group. */
interface Groups {
  group: Int32Array;
  count: number;
}

/**
 * A group per sampled row: the category (missing is a group of its own), or for numbers one of
 * up to 20 quantile bins (missing is one more).
 */
function groupsOf(column: Column, sample: Int32Array): Groups {
  const n = sample.length;
  const group = new Int32Array(n);
  if (column.kind === 'categorical') {
    // Codes (-1 for missing) to dense ids in order of first appearance in the sample.
    const dense = new Int32Array(column.categories.length + 1).fill(-1);
    let count = 0;
    for (let i = 0; i < n; i++) {
      const key = column.codes[sample[i]] + 1;
      let id = dense[key];
      if (id < 0) id = dense[key] = count++;
      group[i] = id;
    }
    return { group, count };
  }
  const numeric = quantileGroups(column, sample, QUANTILE_BINS);
  return { group: numeric.group, count: numeric.groups };
}

/** Sample positions ordered by group (a counting sort), so each group is a run. */
function byGroup({ group, count }: Groups): Uint32Array {
  const start = new Int32Array(count + 1);
  for (let i = 0; i < group.length; i++) start[group[i] + 1]++;
  for (let g = 0; g < count; g++) start[g + 1] += start[g];
  const order = new Uint32Array(group.length);
  for (let i = 0; i < group.length; i++) order[start[group[i]]++] = i;
  return order;
}

/**
 * In-sample accuracy of predicting each group's majority class (groups of one row predict the
 * overall majority), and the accuracy of the overall majority alone.
 */
function groupMajorityAccuracy(groups: Groups, y: Float64Array, classes: number): { accuracy: number; baseline: number } {
  const group = groups.group;
  const n = y.length;
  const overall = new Float64Array(classes);
  for (let i = 0; i < n; i++) overall[y[i]]++;
  let majority = 0;
  for (let c = 1; c < classes; c++) if (overall[c] > overall[majority]) majority = c;
  const order = byGroup(groups);
  const scratch = new Float64Array(classes);
  let correct = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && group[order[end]] === group[order[start]]) end++;
    if (end - start === 1) {
      if (y[order[start]] === majority) correct++;
    } else {
      let best = 0;
      for (let k = start; k < end; k++) {
        const c = ++scratch[y[order[k]]];
        if (c > best) best = c;
      }
      correct += best;
      for (let k = start; k < end; k++) scratch[y[order[k]]] = 0;
    }
    start = end;
  }
  return { accuracy: n ? correct / n : 0, baseline: n ? overall[majority] / n : 0 };
}

/** In-sample R² of predicting each group's mean (groups of one row predict the overall mean). */
function groupMeanR2(groups: Groups, y: Float64Array): number {
  const group = groups.group;
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean /= n || 1;
  let ssTot = 0;
  for (let i = 0; i < n; i++) ssTot += (y[i] - mean) ** 2;
  if (ssTot === 0) return 0;
  const order = byGroup(groups);
  let ssRes = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && group[order[end]] === group[order[start]]) end++;
    let m = mean;
    if (end - start > 1) {
      m = 0;
      for (let k = start; k < end; k++) m += y[order[k]];
      m /= end - start;
    }
    for (let k = start; k < end; k++) ssRes += (y[order[k]] - m) ** 2;
    start = end;
  }
  return Math.max(0, 1 - ssRes / ssTot);
}

/**
 * ROC AUC of `score` for 0/1 labels `y01` (ties count half, as `rocAuc` in metrics.ts does),
 * from the positives' average ranks in a sorted copy of the scores: a native numeric sort
 * instead of sorting indexes with a comparator, several times faster. NaN when a class is absent.
 */
function aucByRanks(y01: Float64Array, score: Float64Array): number {
  const sorted = Float64Array.from(score).sort();
  const n = sorted.length;
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n; i++) {
    if (y01[i] <= 0.5) continue;
    positives++;
    const s = score[i];
    // First index >= s and first index > s.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < s) lo = mid + 1;
      else hi = mid;
    }
    const first = lo;
    hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] <= s) lo = mid + 1;
      else hi = mid;
    }
    rankSum += (first + lo + 1) / 2; // average of the 1-based ranks first+1..lo
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
