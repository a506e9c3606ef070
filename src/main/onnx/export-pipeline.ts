/**
 * Exports a fitted linear pipeline (preprocessing + model + postprocessing) as one ONNX graph
 * that takes raw columns.
 *
 * Graph I/O:
 * - Inputs: one per raw column, named exactly as the column, shape [N, 1].
 *   Numeric columns are `float` (NaN = missing); categorical columns are `string`
 *   ('' = missing; a category not seen in training encodes as all zeros, like missing).
 * - Outputs, classification (binary and multiclass):
 *   `label` string [N] (the most probable class) and `probabilities` float [N, K]
 *   (columns in the order of the pipeline's `classes`).
 * - Outputs, regression: `variable` float [N, 1].
 *
 * Inside: numeric inputs → Concat → ±Inf to NaN (IsInf, Where) → ai.onnx.ml Imputer (NaN → the
 * fitted fill: training mean, median, most frequent or constant) → Max low, Min high (outlier
 * clipping, when fitted) → Sub centre → Div scale (standard, robust or min-max); each
 * categorical input → ai.onnx.ml OneHotEncoder (zeros=1) → Squeeze (+ a LabelEncoder 0/1 "rare"
 * column), or, ordinal / target encoded, one ai.onnx.ml LabelEncoder string → float per design
 * column; missing indicators: IsNaN or IsInf → Cast; Concat of the blocks (the layout of
 * ml/preprocess/design.ts) → Cast to double → Gemm → Softmax, ArgMax
 * and LabelEncoder (classification) or · std + mean (regression, undoing the target
 * standardization) → Cast to float.
 *
 * Why double after the design matrix: the float32 design matrix is bit-identical to the in-app
 * one, and the in-app model scores it in double. Doing the same here keeps exported and in-app
 * predictions within float32 rounding of the output (~1e-7 relative) even for large targets,
 * where float32 accumulation alone would drift to a few 1e-6.
 */
import type { TaskKind } from '../../shared/domain';
import { categoricalTransforms, designInputs, indicatorTransforms, numericTransforms, type DesignSpec, type InputSpec } from '../ml/preprocess/design';
import { DATA_TYPE, GraphBuilder, ML_DOMAIN, attr, tensor } from './graph-builder';

/** Everything the graph of one linear pipeline needs. */
export interface LinearGraphSpec {
  task: TaskKind;
  /** Class labels in probability-column order; null for regression. */
  classes: string[] | null;
  design: DesignSpec;
  /** [D, K] row-major, D = design width, K = classes (1 for regression). */
  weights: Float32Array;
  bias: Float32Array;
  /** Regression only: the model predicts (y − mean) / std. */
  target: { mean: number; std: number } | null;
}

/** Output tensor names of exported graphs. */
export const OUTPUT_NAMES = { label: 'label', probabilities: 'probabilities', variable: 'variable' } as const;

/** Declares one [N,1] graph input per raw column; returns name → tensor name (the same). */
export function addRawInputs(g: GraphBuilder, inputs: readonly InputSpec[]): (name: string) => string {
  const names = new Set<string>();
  for (const input of inputs) {
    names.add(g.input(input.name, input.kind === 'numeric' ? 'float' : 'string', ['N', 1]));
  }
  return (name) => {
    if (!names.has(name)) throw new Error(`graph has no input '${name}'`);
    return name;
  };
}

function concat(g: GraphBuilder, parts: string[]): string {
  return parts.length === 1 ? parts[0] : g.op('Concat', parts, { axis: attr.int(1) });
}

/** Numeric block: impute (the mean, or the fitted fill), then standardize. [N, numerics] */
function addNumericBlock(g: GraphBuilder, design: DesignSpec, input: (name: string) => string): string | null {
  const cols = numericTransforms(design);
  if (cols.length === 0) return null;
  const means = cols.map((c) => c.mean);
  const raw = missingAsNaN(g, concat(g, cols.map((c) => input(c.name))));
  let imputed = g.op('Imputer', [raw], { imputed_value_floats: attr.floats(cols.map((c) => c.fill ?? c.mean)), replaced_value_float: attr.float(Number.NaN) }, { domain: ML_DOMAIN });
  if (cols.some((c) => c.clip)) {
    const low = cols.map((c) => c.clip?.low ?? Number.NEGATIVE_INFINITY);
    const high = cols.map((c) => c.clip?.high ?? Number.POSITIVE_INFINITY);
    imputed = g.op('Min', [g.op('Max', [imputed, g.constant(tensor.float(low, [1, low.length]), 'clip_low')]), g.constant(tensor.float(high, [1, high.length]), 'clip_high')]);
  }
  const centered = g.op('Sub', [imputed, g.constant(tensor.float(means), 'mean')]);
  return g.op('Div', [centered, g.constant(tensor.float(cols.map((c) => c.std)), 'std')]);
}

/** ±Infinity counts as missing, as in ml/preprocess/imputer.ts: → NaN. */
function missingAsNaN(g: GraphBuilder, given: string): string {
  return g.op('Where', [g.op('IsInf', [given]), g.constant(tensor.float([Number.NaN], []), 'nan'), given]);
}

/** Missing-indicator block: 1 where the value is NaN or ±Infinity. [N, indicators] */
function addIndicatorBlock(g: GraphBuilder, design: DesignSpec, input: (name: string) => string): string | null {
  const cols = indicatorTransforms(design);
  if (cols.length === 0) return null;
  const given = concat(g, cols.map((c) => input(c.name)));
  const missing = g.op('Or', [g.op('IsNaN', [given]), g.op('IsInf', [given])]);
  return g.op('Cast', [missing], { to: attr.int(DATA_TYPE.float) });
}

/** string → float lookup [N, 1] (ai.onnx.ml LabelEncoder); anything not in `keys` gives `fallback`. */
function addLookup(g: GraphBuilder, column: string, keys: string[], values: number[], fallback: number): string {
  // An empty key list is not a valid LabelEncoder: '' (missing) then stands in, mapped to the fallback.
  const k = keys.length > 0 ? keys : [''];
  const v = keys.length > 0 ? values : [fallback];
  return g.op('LabelEncoder', [column], { keys_strings: attr.strings(k), values_floats: attr.floats(v), default_float: attr.float(fallback) }, { domain: ML_DOMAIN });
}

/**
 * Categorical blocks, [N, width] each: one-hot over the kept categories (+ the "rare" column:
 * a lookup giving 0 for kept categories and '', 1 for anything else), or one lookup per column
 * for ordinal and target encoding.
 */
function addCategoricalBlocks(g: GraphBuilder, design: DesignSpec, input: (name: string) => string): string[] {
  const oneHots = categoricalTransforms(design).filter((c) => !c.lookup && c.categories.length > 0);
  const axis1 = oneHots.length > 0 ? g.constant(tensor.int64([1]), 'axis1') : '';
  return categoricalTransforms(design).map((c) => {
    if (c.lookup) return concat(g, c.lookup.values.map((values, j) => addLookup(g, input(c.name), c.categories, values, c.lookup?.fallback[j] ?? 0)));
    const parts: string[] = [];
    if (c.categories.length > 0) {
      const oneHot = g.op('OneHotEncoder', [input(c.name)], { cats_strings: attr.strings(c.categories), zeros: attr.int(1) }, { domain: ML_DOMAIN });
      parts.push(g.op('Squeeze', [oneHot, axis1]));
    }
    if (c.rare) parts.push(addLookup(g, input(c.name), [...c.categories, ''], [...c.categories.map(() => 0), 0], 1));
    return concat(g, parts);
  });
}

/** The design matrix [N, D] built from raw inputs. */
export function addDesignMatrix(g: GraphBuilder, design: DesignSpec, input: (name: string) => string): string {
  const numeric = addNumericBlock(g, design, input);
  const indicators = addIndicatorBlock(g, design, input);
  const blocks = [...(numeric ? [numeric] : []), ...addCategoricalBlocks(g, design, input), ...(indicators ? [indicators] : [])];
  if (blocks.length === 0) throw new Error('The pipeline has no features to export.');
  return concat(g, blocks);
}

/**
 * Adds one linear pipeline on top of the raw inputs. Returns a double tensor: probabilities
 * [N, K] (classification) or predictions [N, 1] in target units (regression).
 */
export function addLinearPipeline(g: GraphBuilder, spec: LinearGraphSpec, input: (name: string) => string): string {
  const k = spec.bias.length;
  const d = spec.weights.length / k;
  const x = g.op('Cast', [addDesignMatrix(g, spec.design, input)], { to: attr.int(DATA_TYPE.double) });
  const w = g.constant(tensor.double(spec.weights, [d, k]), 'W');
  const b = g.constant(tensor.double(spec.bias, [k]), 'b');
  const z = g.op('Gemm', [x, w, b]);
  if (spec.task !== 'regression') return g.op('Softmax', [z], { axis: attr.int(-1) });
  if (!spec.target) throw new Error('A regression pipeline needs its target mean and std.');
  const std = g.constant(tensor.double([spec.target.std], []), 'target_std');
  const mean = g.constant(tensor.double([spec.target.mean], []), 'target_mean');
  return g.op('Add', [g.op('Mul', [z, std]), mean]);
}

/** Declares the graph outputs from the final double tensor (probabilities or values). */
export function addPredictionOutputs(g: GraphBuilder, task: TaskKind, classes: string[] | null, final: string): void {
  const asFloat = g.op('Cast', [final], { to: attr.int(DATA_TYPE.float) });
  if (task === 'regression') {
    g.output(OUTPUT_NAMES.variable, 'float', ['N', 1], asFloat);
    return;
  }
  if (!classes || classes.length < 2) throw new Error('A classification graph needs at least two class labels.');
  const index = g.op('ArgMax', [final], { axis: attr.int(1), keepdims: attr.int(0) });
  const label = g.op(
    'LabelEncoder',
    [index],
    { keys_int64s: attr.ints(classes.map((_, i) => i)), values_strings: attr.strings(classes), default_string: attr.string('') },
    { domain: ML_DOMAIN },
  );
  g.output(OUTPUT_NAMES.label, 'string', ['N'], label);
  g.output(OUTPUT_NAMES.probabilities, 'float', ['N', classes.length], asFloat);
}

/** The whole linear pipeline as one serialized ONNX model (I/O in this file's header). */
export function exportLinearPipeline(spec: LinearGraphSpec): Uint8Array {
  const g = new GraphBuilder('mlestar_linear_pipeline');
  const input = addRawInputs(g, designInputs(spec.design));
  addPredictionOutputs(g, spec.task, spec.classes, addLinearPipeline(g, spec, input));
  return g.toBytes(`MLE-STAR Studio linear pipeline (${spec.task})`);
}
