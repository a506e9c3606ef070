/**
 * Turns a chosen target column into what models train on: the task (given or inferred), `y`
 * (class indexes or values), the class labels, and the feature frame, after dropping the rows
 * whose target is missing.
 *
 * Class labels are sorted (numerically for numeric targets, by code unit otherwise, never by
 * locale) so the same data gives the same class order on every machine; for binary tasks class
 * index 1 is the "positive" class that ROC AUC scores.
 */
import type { TaskKind } from '../../shared/domain';
import { DataError, listNames, quote } from './data-error';
import type { Column, Frame } from './frame';
import { dropColumns, selectRows } from './frame';

/** A target ready for training. */
export interface PreparedTarget {
  task: TaskKind;
  /** Class index 0..k-1 per kept row (classification), or the value (regression). */
  y: Float64Array;
  /** Class labels in index order (classification), or null (regression). */
  classes: string[] | null;
  /** The kept rows without the target column. Shares the input's arrays when no row was dropped. */
  features: Frame;
  /** For each kept row, its row number in the input frame. */
  rowIndex: Int32Array;
  /** Rows dropped because their target was missing. */
  droppedMissing: number;
  /**
   * What was done to the data, one sentence each, for the run log and report (e.g. the rows
   * dropped for a missing target, with the first few row numbers). Empty when nothing was.
   */
  notes: string[];
}

/** Most classes a classification target may have. */
export const MAX_CLASSES = 200;
/** Integer numeric targets with at most this many values (and enough rows) are read as classes. */
export const MAX_INFERRED_CLASSES = 20;
/** ...and more than this many rows per value. */
export const ROWS_PER_INFERRED_CLASS = 50;

/**
 * Prepares `target` for training. When `task` is omitted it is inferred: a categorical target is
 * binary (2 classes) or multiclass; a numeric one with at most 2 values is binary, an integer one
 * with at most 20 values and more than 50 rows per value is multiclass, anything else regression.
 * Throws a {@link DataError} for an unknown column, a single-valued target, an impossible task or
 * a target with no values.
 */
export function prepareTarget(frame: Frame, target: string, task?: TaskKind, fileName?: string): PreparedTarget {
  const where = fileName ? ` in ${quote(fileName)}` : '';
  const column = frame.columns.find((c) => c.name === target);
  if (!column) throw unknownColumn(frame, target, where, fileName);

  const { rowIndex, dropped } = keptRows(column, frame.rowCount);
  const loc = { file: fileName, column: target };
  if (rowIndex.length === 0) {
    throw new DataError(
      'NO_ROWS',
      `Every value of the target column ${quote(target)}${where} is missing, so there is nothing to learn from. Choose another target, or fill in its values.`,
      loc,
    );
  }
  if (column.kind === 'numeric') {
    for (let i = 0; i < rowIndex.length; i++) {
      const v = column.values[rowIndex[i]];
      if (!Number.isFinite(v)) {
        throw new DataError(
          'BAD_TARGET',
          `The target column ${quote(target)}${where} holds ${v > 0 ? 'infinity' : '-infinity'} at data row ${rowIndex[i] + 1}, which no model can learn from. Fix or remove that value.`,
          loc,
        );
      }
    }
  }
  const features = dropped === 0 ? dropColumns(frame, [target]) : selectRows(dropColumns(frame, [target]), rowIndex);
  const notes = dropped === 0 ? [] : [droppedNote(target, dropped, rowIndex, frame.rowCount)];
  const base = { features, rowIndex, droppedMissing: dropped, notes };

  if (column.kind === 'categorical') {
    if (task === 'regression') {
      throw new DataError(
        'BAD_TARGET',
        `The target column ${quote(target)}${where} holds text categories (such as ${quote(column.categories[column.codes[rowIndex[0]]])}), so it cannot be predicted by regression. Choose binary or multiclass classification, or a numeric target.`,
        loc,
      );
    }
    const { y, classes } = categoricalClasses(column.codes, column.categories, rowIndex);
    return { task: checkClassTask(task, classes, target, where, loc), y, classes, ...base };
  }

  const values = column.values;
  const counts = countValues(values, rowIndex, MAX_CLASSES);
  if (counts.size === 1) throw singleValue(target, String(values[rowIndex[0]]), where, loc);
  const inferred = task ?? inferNumericTask(values, rowIndex, counts);
  if (inferred === 'regression') {
    const y = new Float64Array(rowIndex.length);
    for (let i = 0; i < rowIndex.length; i++) y[i] = values[rowIndex[i]];
    return { task: 'regression', y, classes: null, ...base };
  }
  if (counts.size > MAX_CLASSES) throw tooManyClasses(target, `more than ${MAX_CLASSES}`, where, loc);
  const sorted = [...counts.keys()].sort((a, b) => a - b);
  const index = new Map(sorted.map((v, i) => [v, i]));
  const y = new Float64Array(rowIndex.length);
  for (let i = 0; i < rowIndex.length; i++) y[i] = index.get(values[rowIndex[i]])!;
  const classes = sorted.map((v) => String(v));
  return { task: checkClassTask(inferred, classes, target, where, loc), y, classes, ...base };
}

/** The sentence saying which rows were dropped for a missing target (1-based data rows, the first five). */
function droppedNote(target: string, dropped: number, kept: Int32Array, rowCount: number): string {
  const first: number[] = [];
  for (let i = 0, k = 0; i < rowCount && first.length < 5; i++) {
    if (k < kept.length && kept[k] === i) k++;
    else first.push(i + 1);
  }
  const rows = `${first.join(', ')}${dropped > first.length ? ', …' : ''}`;
  return `Dropped ${dropped} row${dropped === 1 ? '' : 's'} whose target ${quote(target)} is missing (data row${dropped === 1 ? '' : 's'} ${rows}).`;
}

/** Rows whose target is present. */
function keptRows(column: Column, rowCount: number): { rowIndex: Int32Array; dropped: number } {
  const keep = new Int32Array(rowCount);
  let n = 0;
  if (column.kind === 'numeric') {
    const v = column.values;
    for (let i = 0; i < rowCount; i++) if (!Number.isNaN(v[i])) keep[n++] = i;
  } else {
    const c = column.codes;
    for (let i = 0; i < rowCount; i++) if (c[i] >= 0) keep[n++] = i;
  }
  return { rowIndex: n === rowCount ? keep : keep.slice(0, n), dropped: rowCount - n };
}

/** Distinct values and their counts, stopping once there are more than `cap`. */
function countValues(values: Float64Array, rows: Int32Array, cap: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < rows.length; i++) {
    const v = values[rows[i]];
    const c = counts.get(v);
    if (c !== undefined) counts.set(v, c + 1);
    else {
      counts.set(v, 1);
      if (counts.size > cap) break;
    }
  }
  return counts;
}

function inferNumericTask(values: Float64Array, rows: Int32Array, counts: Map<number, number>): TaskKind {
  let integers = true;
  if (counts.size <= MAX_INFERRED_CLASSES) for (const v of counts.keys()) if (!Number.isInteger(v)) integers = false;
  return numericTargetTask(counts.size, rows.length, integers);
}

/**
 * The task a numeric target implies (the rule {@link prepareTarget} infers by, shared with the
 * target analysis): at most 2 distinct values → binary; whole numbers with at most 20 distinct
 * values and more than 50 rows per value → multiclass; anything else → regression.
 */
export function numericTargetTask(distinct: number, rows: number, integers: boolean): TaskKind {
  if (distinct <= 2) return 'binary';
  if (distinct <= MAX_INFERRED_CLASSES && rows > ROWS_PER_INFERRED_CLASS * distinct && integers) return 'multiclass';
  return 'regression';
}

function categoricalClasses(codes: Int32Array, categories: readonly string[], rows: Int32Array): { y: Float64Array; classes: string[] } {
  const used = new Uint8Array(categories.length);
  for (let i = 0; i < rows.length; i++) used[codes[rows[i]]] = 1;
  const present: number[] = [];
  for (let c = 0; c < used.length; c++) if (used[c]) present.push(c);
  const classes = present.map((c) => categories[c]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rank = new Map(classes.map((label, i) => [label, i]));
  const codeToClass = new Int32Array(categories.length).fill(-1);
  for (const c of present) codeToClass[c] = rank.get(categories[c])!;
  const y = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) y[i] = codeToClass[codes[rows[i]]];
  return { y, classes };
}

/** The classification task for these classes, checking a requested one against them. */
function checkClassTask(task: TaskKind | undefined, classes: readonly string[], target: string, where: string, loc: { file?: string; column: string }): TaskKind {
  if (classes.length === 1) throw singleValue(target, classes[0], where, loc);
  if (classes.length > MAX_CLASSES) throw tooManyClasses(target, String(classes.length), where, loc);
  if (task === 'binary' && classes.length > 2) {
    throw new DataError(
      'BAD_TARGET',
      `The target column ${quote(target)}${where} has ${classes.length} classes (${listNames(classes, 5)}), so it cannot be a binary task. Choose multiclass classification instead.`,
      loc,
    );
  }
  return task ?? (classes.length === 2 ? 'binary' : 'multiclass');
}

function unknownColumn(frame: Frame, target: string, where: string, file: string | undefined): DataError {
  const names = frame.columns.map((c) => c.name);
  const near = names.find((n) => n.trim().toLowerCase() === target.trim().toLowerCase());
  const hint = near !== undefined ? ` Did you mean ${quote(near)}?` : '';
  return new DataError(
    'UNKNOWN_COLUMN',
    `There is no column named ${quote(target)}${where}.${hint} Choose one of its columns: ${listNames(names, 8)}.`,
    { file, column: target },
  );
}

function singleValue(target: string, value: string, where: string, loc: { file?: string; column: string }): DataError {
  return new DataError(
    'SINGLE_VALUE_TARGET',
    `The target column ${quote(target)}${where} has only one value, ${quote(value)}, in every row where it is present, so there is nothing to predict. Choose another target.`,
    loc,
  );
}

function tooManyClasses(target: string, count: string, where: string, loc: { file?: string; column: string }): DataError {
  return new DataError(
    'BAD_TARGET',
    `The target column ${quote(target)}${where} has ${count} distinct values, more than the ${MAX_CLASSES} classes classification supports. Choose regression for a numeric target, or another target.`,
    loc,
  );
}
