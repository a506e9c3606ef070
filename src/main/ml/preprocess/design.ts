/**
 * The fitted preprocessing of a linear model, and the design matrix it produces.
 *
 * Layout (the exported graph builds exactly this, see onnx/export-pipeline.ts): first one column
 * per numeric input, in input order, standardized; then, per categorical input in input order,
 * one indicator column per kept category. Columns are matched by name, so a frame may carry
 * extra columns or a different order; a categorical frame column may use a different dictionary
 * (categories are matched by their text).
 */
import type { Frame } from '../frame';
import { columnByName } from '../frame';
import { DEFAULT_MAX_CATEGORIES, codeToSlot, fitOneHot, type OneHot } from './one-hot';
import { fitStandardizer, standardize, type Standardizer } from './standardizer';

export interface NumericTransform extends Standardizer {
  kind: 'numeric';
  name: string;
}

export interface CategoricalTransform extends OneHot {
  kind: 'categorical';
  name: string;
}

export type ColumnTransform = NumericTransform | CategoricalTransform;

/**
 * A raw column a fitted pipeline (and its exported graph) takes. Numeric columns are fed as
 * float (NaN = missing), categorical ones as strings ('' = missing).
 */
export interface InputSpec {
  name: string;
  kind: 'numeric' | 'categorical';
}

/** The fitted preprocessing: one transform per raw input column, in input order. */
export interface DesignSpec {
  columns: ColumnTransform[];
}

export interface DesignOptions {
  /** Most categories one-hot encoded per column (default 50). */
  maxCategories?: number;
}

/**
 * Fits the preprocessing on a frame. Categorical columns with no usable category (all missing)
 * carry no information and are left out, so they are not graph inputs either.
 */
export function fitDesign(frame: Frame, options: DesignOptions = {}): DesignSpec {
  const maxCategories = options.maxCategories ?? DEFAULT_MAX_CATEGORIES;
  const columns: ColumnTransform[] = [];
  for (const c of frame.columns) {
    if (c.kind === 'numeric') {
      columns.push({ kind: 'numeric', name: c.name, ...fitStandardizer(c.values) });
    } else {
      const enc = fitOneHot(c, maxCategories);
      if (enc.categories.length > 0) columns.push({ kind: 'categorical', name: c.name, ...enc });
    }
  }
  return { columns };
}

/** The raw inputs of a fitted design, in input order. */
export function designInputs(spec: DesignSpec): InputSpec[] {
  return spec.columns.map((c) => ({ name: c.name, kind: c.kind }));
}

export function numericTransforms(spec: DesignSpec): NumericTransform[] {
  return spec.columns.filter((c): c is NumericTransform => c.kind === 'numeric');
}

export function categoricalTransforms(spec: DesignSpec): CategoricalTransform[] {
  return spec.columns.filter((c): c is CategoricalTransform => c.kind === 'categorical');
}

/** Width D of the design matrix. */
export function designWidth(spec: DesignSpec): number {
  return numericTransforms(spec).length + categoricalTransforms(spec).reduce((a, c) => a + c.categories.length, 0);
}

/** One entry per design column, in layout order: its source column and, for indicators, the category. */
export function designFeatures(spec: DesignSpec): { column: string; category: string | null }[] {
  return [
    ...numericTransforms(spec).map((c) => ({ column: c.name, category: null })),
    ...categoricalTransforms(spec).flatMap((c) => c.categories.map((category) => ({ column: c.name, category }))),
  ];
}

function requireColumn(frame: Frame, t: ColumnTransform) {
  const column = columnByName(frame, t.name);
  if (!column) throw new Error(`Column '${t.name}' is missing: the model was trained with it.`);
  if (column.kind !== t.kind) throw new Error(`Column '${t.name}' is ${column.kind} but the model was trained on it as ${t.kind}.`);
  return column;
}

/** The design matrix of a frame, row-major Float32Array [rowCount, designWidth(spec)]. */
export function designMatrix(frame: Frame, spec: DesignSpec): Float32Array {
  const n = frame.rowCount;
  const d = designWidth(spec);
  const x = new Float32Array(n * d);
  let offset = 0;
  for (const t of numericTransforms(spec)) {
    const column = requireColumn(frame, t);
    if (column.kind !== 'numeric') continue;
    for (let i = 0; i < n; i++) x[i * d + offset] = standardize(column.values[i], t);
    offset++;
  }
  for (const t of categoricalTransforms(spec)) {
    const column = requireColumn(frame, t);
    if (column.kind !== 'categorical') continue;
    const slots = codeToSlot(t, column.categories);
    for (let i = 0; i < n; i++) {
      const code = column.codes[i];
      const slot = code >= 0 && code < slots.length ? slots[code] : -1;
      if (slot >= 0) x[i * d + offset + slot] = 1;
    }
    offset += t.categories.length;
  }
  return x;
}
