/** Checks and row helpers shared by the ensemble modules. */
import type { Prediction } from '../prediction';

/** Rows and, for classification, the class count of predictions that can be combined. */
export interface MemberShape {
  task: Prediction['task'];
  rows: number;
  /** Classes per row (1 for regression). */
  width: number;
  classes: string[] | null;
}

/** Throws unless all predictions share task, classes and row count; returns that shape. */
export function memberShape(members: readonly Prediction[]): MemberShape {
  if (members.length === 0) throw new RangeError('An ensemble needs at least one member.');
  const first = members[0];
  const shape: MemberShape =
    first.task === 'regression'
      ? { task: 'regression', rows: first.value.length, width: 1, classes: null }
      : { task: first.task, rows: first.proba.length / first.classes.length, width: first.classes.length, classes: first.classes };
  members.forEach((m, i) => {
    if (m.task !== shape.task) throw new TypeError(`Member ${i} predicts ${m.task}, member 0 predicts ${shape.task}.`);
    const values = m.task === 'regression' ? m.value : m.proba;
    if (values.length !== shape.rows * shape.width) throw new RangeError(`Member ${i} has ${values.length / shape.width} rows, member 0 has ${shape.rows}.`);
    if (m.task !== 'regression' && m.classes.join('\u0000') !== (shape.classes ?? []).join('\u0000')) throw new TypeError(`Member ${i} has classes ${m.classes.join(', ')}, member 0 has ${(shape.classes ?? []).join(', ')}.`);
  });
  return shape;
}

/** The flat numbers of a prediction (probabilities row-major, or values). */
export const valuesOf = (p: Prediction): Float64Array => (p.task === 'regression' ? p.value : p.proba);

/** A prediction of `shape` holding `values`. */
export function predictionOf(shape: MemberShape, values: Float64Array): Prediction {
  return shape.task === 'regression' ? { task: 'regression', value: values } : { task: shape.task, classes: shape.classes ?? [], proba: values };
}

/** The prediction restricted to `rows`, in that order. */
export function predictionRows(p: Prediction, rows: ArrayLike<number>): Prediction {
  const width = p.task === 'regression' ? 1 : p.classes.length;
  const src = valuesOf(p);
  const out = new Float64Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) for (let c = 0; c < width; c++) out[i * width + c] = src[rows[i] * width + c];
  return p.task === 'regression' ? { task: 'regression', value: out } : { task: p.task, classes: p.classes, proba: out };
}

/** `y` restricted to `rows`. */
export function takeRows(y: Float64Array, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = y[rows[i]];
  return out;
}
