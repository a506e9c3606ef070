/**
 * Derived features (the refinement's feature-engineering block): products and ratios of numeric
 * columns, computed as float32 arithmetic on float32 inputs, so that the exported graph's Mul and
 * Div on its float inputs (engineered-graph.ts) give the very same values. A missing operand
 * makes a missing result; a ratio by zero is ±Infinity (or NaN for 0/0), which trees treat as the
 * extreme value and linear models as missing, in the app and in the graph alike.
 */
import type { Frame, NumericColumn } from '../frame';
import { columnByName } from '../frame';
import type { FittedPipeline } from '../models/pipeline';

export type DerivedOp = 'product' | 'ratio';

/** A derived numeric column: `left · right` or `left / right`. */
export interface DerivedFeature {
  name: string;
  op: DerivedOp;
  left: string;
  right: string;
}

const f32 = Math.fround;

/** The column of one derived feature over `frame` (its operands must be numeric columns there). */
export function derivedValues(frame: Frame, d: DerivedFeature): Float64Array {
  const operand = (name: string): Float64Array => {
    const c = columnByName(frame, name);
    if (!c) throw new Error(`Column '${name}' is missing: the derived feature '${d.name}' is computed from it.`);
    if (c.kind !== 'numeric') throw new Error(`Column '${name}' is ${c.kind}; the derived feature '${d.name}' needs it numeric.`);
    return c.values;
  };
  const a = operand(d.left);
  const b = operand(d.right);
  const out = new Float64Array(frame.rowCount);
  if (d.op === 'product') for (let i = 0; i < out.length; i++) out[i] = f32(f32(a[i]) * f32(b[i]));
  else for (let i = 0; i < out.length; i++) out[i] = f32(f32(a[i]) / f32(b[i]));
  return out;
}

/** `frame` with the derived columns appended (a name already in the frame is refused). */
export function withDerived(frame: Frame, derived: readonly DerivedFeature[]): Frame {
  if (derived.length === 0) return frame;
  const columns = [...frame.columns];
  for (const d of derived) {
    if (columnByName(frame, d.name)) throw new Error(`The derived feature '${d.name}' has the name of an existing column.`);
    columns.push({ kind: 'numeric', name: d.name, values: derivedValues(frame, d) } satisfies NumericColumn);
  }
  return { rowCount: frame.rowCount, columns };
}

/** Most numeric columns the products and ratios are formed from (the most important ones). */
export const MAX_BASE_COLUMNS = 4;

/**
 * The derived features of a feature-engineering choice: over the `MAX_BASE_COLUMNS` most
 * important numeric columns (`ranked`, most important first), every pairwise product
 * (interactions) and the ratio of each more important column by each less important one
 * (ratios). Names are "a × b" and "a ÷ b", made unique against `taken`.
 */
export function planDerived(ranked: readonly string[], steps: { interactions: boolean; ratios: boolean }, taken: readonly string[]): DerivedFeature[] {
  const base = ranked.slice(0, MAX_BASE_COLUMNS);
  const used = new Set(taken);
  const out: DerivedFeature[] = [];
  const add = (op: DerivedOp, left: string, right: string): void => {
    let name = `${left} ${op === 'product' ? '×' : '÷'} ${right}`;
    while (used.has(name)) name = `${name}'`;
    used.add(name);
    out.push({ name, op, left, right });
  };
  for (let i = 0; i < base.length; i++) {
    for (let j = i + 1; j < base.length; j++) {
      if (steps.interactions) add('product', base[i], base[j]);
      if (steps.ratios) add('ratio', base[i], base[j]);
    }
  }
  return out;
}

/** A pipeline fitted on derived features as well as its raw columns (ml/models/engineered.ts). */
export interface EngineeredLike extends FittedPipeline {
  readonly inner: FittedPipeline;
  readonly derived: readonly DerivedFeature[];
}

export function isEngineered(model: FittedPipeline): model is EngineeredLike {
  return 'derived' in model && 'inner' in model;
}

/** The JSON document of a pipeline with derived features around its inner pipeline's document. */
export function engineeredJSON(derived: readonly DerivedFeature[], inner: ReturnType<FittedPipeline['toJSON']>) {
  return { format: 'mlestar.pipeline' as const, version: 1 as const, family: inner.family, derived: derived.map((d) => ({ ...d })), inner };
}
