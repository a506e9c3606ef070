/**
 * The fitted preprocessing of a linear model, and the design matrix it produces.
 *
 * Layout (the exported graph builds exactly this, see onnx/export-pipeline.ts): first one column
 * per numeric input, in input order, imputed, clipped (when asked) and scaled; then, per categorical input in
 * input order, its encoded columns (one-hot: one indicator per kept category, then the shared
 * "rare" column where there is one; ordinal and frequency: one column; target: one column, or one per class
 * for multiclass); last, one missing indicator per numeric input that has one, in input order.
 * With the default options there are no rare or indicator columns and every categorical is
 * one-hot. Columns are matched by name, so a frame may carry extra columns or a different order;
 * a categorical frame column may use a different dictionary (categories are matched by text).
 */
import type { TaskKind } from '../../../shared/domain';
import type { Frame } from '../frame';
import { columnByName } from '../frame';
import type { Rng } from '../rng';
import { fitImputation, isMissingNumber, missingShare, type ImputationStrategy } from './imputer';
import { lookupSlots, lookupValue } from './lookup';
import { DEFAULT_MAX_CATEGORIES, codeToSlot, fitOneHot, type OneHot } from './one-hot';
import { fitFrequency } from './frequency';
import { fitOrdinal } from './ordinal';
import { fitClip, fitScaler, fitStandardizer, standardize, type Scaling, type Standardizer } from './standardizer';
import { fitTargetEncoder } from './target-encoder';

export interface NumericTransform extends Standardizer {
  kind: 'numeric';
  name: string;
  /** A missing-indicator column (1 where the value is missing or infinite), with its training share. */
  indicator?: { share: number };
}

/** How categorical columns are encoded. */
export const CATEGORICAL_ENCODINGS = ['one-hot', 'ordinal', 'target', 'frequency'] as const;
export type CategoricalEncoding = (typeof CATEGORICAL_ENCODINGS)[number];

export interface CategoricalTransform extends OneHot {
  kind: 'categorical';
  name: string;
  /** 'one-hot' when absent. */
  encoding?: CategoricalEncoding;
  /**
   * One-hot only: a shared "rare" column, 1 for any present value outside `categories` (seen
   * fewer than the minimum count in training, beyond the cap, or unseen), with its training share.
   */
  rare?: { share: number };
  /**
   * Ordinal, frequency and target only: per design column, the float32 value of each of `categories`, and
   * of anything else (missing, '' or unseen). See lookup.ts.
   */
  lookup?: { values: number[][]; fallback: number[] };
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
  /** How missing (and infinite) numeric values are filled (default 'mean'). */
  imputation?: ImputationStrategy;
  /** The fill of 'constant' imputation (default 0). */
  fillValue?: number;
  /** Adds a missing-indicator column per numeric column that has missing values in training. */
  missingIndicators?: boolean;
  /** Encoding of categorical columns (default 'one-hot'). 'target' needs fitDesignForTraining. */
  encoding?: CategoricalEncoding;
  /**
   * One-hot only: when set, categories seen fewer than this many times are not encoded on their
   * own but share one "rare" column (with categories beyond the cap and unseen ones).
   */
  rareMinCount?: number;
  /** Target encoding: weight of the prior in rows (default 10). */
  targetSmoothing?: number;
  /** Target encoding: folds of the out-of-fold training encoding (default 5). */
  targetFolds?: number;
  /** How numeric columns are centred and scaled (default 'standard'). */
  scaling?: Scaling;
  /** Clips numeric values to their [q, 1 − q] training quantiles after imputation (q in (0, 0.5)); off when absent. */
  clipQuantile?: number;
}

/** The target the design is fitted with (for target encoding). */
export interface DesignTarget {
  y: Float64Array;
  task: TaskKind;
  /** Number of classes (1 for regression). */
  classCount: number;
  /** Fold assignment of the out-of-fold target encoding. */
  rng: Rng;
}

/**
 * Fits the preprocessing on a frame. Categorical columns with no usable category (all missing)
 * carry no information and are left out, so they are not graph inputs either. Target encoding
 * needs the target: use {@link fitDesignForTraining}.
 */
export function fitDesign(frame: Frame, options: DesignOptions = {}): DesignSpec {
  if (options.encoding === 'target') throw new Error('Target encoding is fitted with the target: use fitDesignForTraining.');
  return fitColumns(frame, options, null).design;
}

/**
 * Fits the preprocessing and returns the design matrix to train on: the design matrix of
 * `frame`, except that target-encoded columns hold their out-of-fold encoding (the exported and
 * in-app predictions use the full-data encoding). Without target encoding, `x` equals
 * designMatrix(frame, design).
 */
export function fitDesignForTraining(frame: Frame, options: DesignOptions, target: DesignTarget | null): { design: DesignSpec; x: Float32Array } {
  if (options.encoding === 'target' && !target) throw new Error('Target encoding needs the target.');
  const { design, training } = fitColumns(frame, options, target);
  const x = designMatrix(frame, design);
  if (training.size > 0) {
    const d = designWidth(design);
    const offsets = designOffsets(design);
    design.columns.forEach((t, i) => {
      const oof = training.get(t.name);
      if (!oof) return;
      oof.forEach((values, j) => {
        for (let r = 0; r < frame.rowCount; r++) x[r * d + offsets[i] + j] = values[r];
      });
    });
  }
  return { design, x };
}

function fitColumns(frame: Frame, options: DesignOptions, target: DesignTarget | null): { design: DesignSpec; training: Map<string, Float32Array[]> } {
  const maxCategories = options.maxCategories ?? DEFAULT_MAX_CATEGORIES;
  const encoding = options.encoding ?? 'one-hot';
  const imputation = options.imputation ?? 'mean';
  const columns: ColumnTransform[] = [];
  const training = new Map<string, Float32Array[]>();
  for (const c of frame.columns) {
    if (c.kind === 'numeric') {
      const standard = fitStandardizer(c.values);
      const scaling = options.scaling ?? 'standard';
      const s = scaling === 'standard' ? standard : fitScaler(c.values, scaling);
      const t: NumericTransform = { kind: 'numeric', name: c.name, ...s };
      // Mean imputation fills the mean, which is the centre only under standard scaling.
      if (imputation !== 'mean') t.fill = fitImputation(c.values, imputation, standard.mean, options.fillValue);
      else if (scaling !== 'standard') t.fill = standard.mean;
      if (options.clipQuantile !== undefined) t.clip = fitClip(c.values, options.clipQuantile);
      const share = options.missingIndicators ? missingShare(c.values) : 0;
      if (share > 0) t.indicator = { share };
      columns.push(t);
    } else if (encoding === 'one-hot') {
      const enc = fitOneHot(c, maxCategories, options.rareMinCount ?? 1);
      const t: CategoricalTransform = { kind: 'categorical', name: c.name, ...enc };
      if (options.rareMinCount !== undefined) {
        const slots = codeToSlot(enc, c.categories);
        let rare = 0;
        for (const code of c.codes) if (code >= 0 && code < slots.length && slots[code] < 0 && c.categories[code] !== '') rare++;
        if (rare > 0) t.rare = { share: rare / Math.max(1, c.codes.length) };
      }
      if (t.categories.length > 0 || t.rare) columns.push(t);
    } else if (encoding === 'ordinal' || encoding === 'frequency') {
      const enc = encoding === 'ordinal' ? fitOrdinal(c) : fitFrequency(c);
      if (enc.categories.length > 0) columns.push({ kind: 'categorical', name: c.name, encoding, categories: enc.categories, frequencies: enc.frequencies, lookup: { values: enc.values, fallback: enc.fallback } });
    } else {
      if (!target) throw new Error('Target encoding needs the target.');
      const fitted = fitTargetEncoder(c, target.y, target.task, target.classCount, { smoothing: options.targetSmoothing, folds: options.targetFolds, rng: target.rng });
      const enc = fitted.encoding;
      if (enc.categories.length === 0) continue;
      columns.push({ kind: 'categorical', name: c.name, encoding, categories: enc.categories, frequencies: enc.frequencies, lookup: { values: enc.values, fallback: enc.fallback } });
      training.set(c.name, fitted.training);
    }
  }
  return { design: { columns }, training };
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

/** Numeric transforms that carry a missing indicator, in input order (the last block of the layout). */
export function indicatorTransforms(spec: DesignSpec): NumericTransform[] {
  return numericTransforms(spec).filter((c) => c.indicator !== undefined);
}

/** Design columns one categorical transform produces. */
export function categoricalWidth(t: CategoricalTransform): number {
  if (t.lookup) return t.lookup.values.length;
  return t.categories.length + (t.rare ? 1 : 0);
}

/** Width D of the design matrix. */
export function designWidth(spec: DesignSpec): number {
  return numericTransforms(spec).length + categoricalTransforms(spec).reduce((a, c) => a + categoricalWidth(c), 0) + indicatorTransforms(spec).length;
}

/** Offset of each transform's first design column (parallel to spec.columns; numerics only: their standardized column). */
function designOffsets(spec: DesignSpec): number[] {
  const offsets = new Array<number>(spec.columns.length).fill(0);
  let offset = 0;
  spec.columns.forEach((c, i) => {
    if (c.kind === 'numeric') offsets[i] = offset++;
  });
  spec.columns.forEach((c, i) => {
    if (c.kind === 'categorical') {
      offsets[i] = offset;
      offset += categoricalWidth(c);
    }
  });
  return offsets;
}

/** One design column: its source column; for one-hot indicators the category; what else it is. */
export interface DesignFeature {
  column: string;
  category: string | null;
  /** Absent for standardized numerics and one-hot indicators. */
  role?: 'rare' | 'missing' | 'ordinal' | 'target' | 'frequency';
  /** Training share of rows where a 0/1 column ('rare', 'missing') is 1. */
  share?: number;
}

/** One entry per design column, in layout order. */
export function designFeatures(spec: DesignSpec): DesignFeature[] {
  const out: DesignFeature[] = numericTransforms(spec).map((c) => ({ column: c.name, category: null }));
  for (const c of categoricalTransforms(spec)) {
    if (c.lookup) {
      for (let j = 0; j < c.lookup.values.length; j++) out.push({ column: c.name, category: null, role: c.encoding === 'ordinal' || c.encoding === 'frequency' ? c.encoding : 'target' });
      continue;
    }
    for (const category of c.categories) out.push({ column: c.name, category });
    if (c.rare) out.push({ column: c.name, category: null, role: 'rare', share: c.rare.share });
  }
  for (const c of indicatorTransforms(spec)) out.push({ column: c.name, category: null, role: 'missing', share: c.indicator?.share ?? 0 });
  return out;
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
    if (t.lookup) {
      const lookup = { categories: t.categories, ...t.lookup };
      const slots = lookupSlots(lookup, column.categories);
      for (let j = 0; j < t.lookup.values.length; j++) for (let i = 0; i < n; i++) x[i * d + offset + j] = lookupValue(lookup, slots, column.codes[i], j);
      offset += t.lookup.values.length;
      continue;
    }
    const slots = codeToSlot(t, column.categories);
    const rare = t.rare ? t.categories.length : -1;
    for (let i = 0; i < n; i++) {
      const code = column.codes[i];
      const slot = code >= 0 && code < slots.length ? slots[code] : -1;
      if (slot >= 0) x[i * d + offset + slot] = 1;
      else if (rare >= 0 && code >= 0 && code < slots.length && column.categories[code] !== '') x[i * d + offset + rare] = 1;
    }
    offset += categoricalWidth(t);
  }
  for (const t of indicatorTransforms(spec)) {
    const column = requireColumn(frame, t);
    if (column.kind !== 'numeric') continue;
    for (let i = 0; i < n; i++) x[i * d + offset] = isMissingNumber(column.values[i]) ? 1 : 0;
    offset++;
  }
  return x;
}
