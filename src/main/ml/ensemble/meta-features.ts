/**
 * What the non-linear meta-learners (mlp-meta-learner.ts, tree-meta-learner.ts) read: the
 * members' outputs side by side, one row per predicted row. Classification: each member's
 * clipped log-probabilities, member-major (member 0's k classes, then member 1's…), the same
 * numbers the log-linear pool weighs; regression: each member's value. The ONNX export builds
 * the same matrix as Concat(Log(Max(p, MIN_PROBA))…) or Concat(value…) (onnx/ensemble-graph.ts).
 */
import type { Prediction } from '../prediction';
import { memberShape, valuesOf } from './members';

/** Probabilities are clipped before the log so a member's hard 0 does not dominate. */
export const MIN_PROBA = 1e-6;

export interface MetaFeatures {
  rows: number;
  /** Columns: members × classes (classification) or members (regression). */
  width: number;
  /** Row-major rows × width. */
  values: Float64Array;
}

/** Row-major [rows, members × width] matrix of the members' (log-)outputs. */
export function metaFeatures(members: readonly Prediction[]): MetaFeatures {
  const shape = memberShape(members);
  const k = shape.width;
  const m = members.length;
  const width = m * k;
  const n = shape.rows;
  const values = new Float64Array(n * width);
  const log = shape.task !== 'regression';
  members.forEach((member, j) => {
    const v = valuesOf(member);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) {
        const x = v[i * k + c];
        values[i * width + j * k + c] = log ? Math.log(Math.max(x, MIN_PROBA)) : x;
      }
    }
  });
  return { rows: n, width, values };
}

/** Name of meta column `j` of `members` members of `k` outputs each: `m<member>_c<class>` (or `m<member>`). */
export function metaColumnName(j: number, k: number, task: Prediction['task']): string {
  return task === 'regression' ? `m${j}` : `m${Math.floor(j / k)}_c${j % k}`;
}

/** In-place softmax over each row of a row-major n × k matrix. */
export function softmaxRows(s: Float64Array, n: number, k: number): void {
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, s[i * k + c]);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += s[i * k + c] = Math.exp(s[i * k + c] - max);
    for (let c = 0; c < k; c++) s[i * k + c] /= sum;
  }
}
