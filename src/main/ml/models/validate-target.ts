/**
 * Checks every model family runs on the target before fitting, so bad targets fail the same way
 * (with a message saying what to do) whatever the family.
 */
import type { TaskKind } from '../../../shared/domain';

/** Throws a plain Error for zero rows, a length mismatch, non-finite targets, bad class indexes or a single class. */
export function validateTarget(rowCount: number, y: Float64Array, task: TaskKind, classes: string[] | null): void {
  if (rowCount === 0) throw new Error('Cannot fit a model on zero rows.');
  if (y.length !== rowCount) throw new Error(`The target has ${y.length} values but the features have ${rowCount} rows.`);
  const bad = y.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0 && !Number.isNaN(y[bad])) throw new Error(`The target is infinite at row ${bad} (${y[bad]}); drop or fix that row before fitting.`);
  if (bad >= 0) throw new Error(`The target is missing or not a number at row ${bad} (${y[bad]}); drop or fill those rows before fitting.`);
  if (task === 'regression') return;
  if (!classes || classes.length < 2) throw new Error(`A ${task} model needs at least two class labels, got ${classes?.length ?? 0}.`);
  if (task === 'binary' && classes.length !== 2) throw new Error(`A binary model needs exactly two classes, got ${classes.length}.`);
  const seen = new Set<number>();
  for (const v of y) {
    if (!Number.isInteger(v) || v < 0 || v >= classes.length) throw new Error(`Class index ${v} is not one of 0..${classes.length - 1}.`);
    seen.add(v);
  }
  if (seen.size < 2) {
    const only = classes[[...seen][0]];
    throw new Error(`Only one class ('${only}') occurs in the training rows; a classifier needs at least two.`);
  }
}
