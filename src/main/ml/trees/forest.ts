/**
 * Random forest and extra trees on the shared leaf-wise learner. The "gradients" are the negated
 * targets (one-hot classes or values) and the hessian is 1, so a leaf's output −G/H is the mean
 * target of its rows (class proportions) and the split gain is the variance (Gini) decrease.
 * Random forest: bootstrap rows per tree, best threshold among a random feature subset per
 * split. Extra trees: all rows (unless bootstrap is set), one random threshold per feature.
 * Leaf values are divided by the tree count, so the prediction is the sum over trees.
 */
import type { Rng } from '../rng';
import { throwIfCancelled } from '../../onnx/errors';
import type { BinnedData, BinnedFeature } from './binning';
import type { BoostOptions } from './gbdt';
import { TreeGrower, type GrowConfig } from './grower';
import { histogramLayout } from './histogram';
import type { ForestParams } from './params';
import type { Tree } from './tree';
import { thresholdOf, type TreeModel } from './tree-model';

/** Rows of one tree: a bootstrap sample (in row order, repeated rows repeated) or all rows. */
function treeRows(n: number, params: ForestParams, rng: Rng, out: Int32Array): number {
  const m = Math.max(1, Math.round(n * params.baggingFraction));
  if (!params.bootstrap) {
    if (m >= n) {
      for (let i = 0; i < n; i++) out[i] = i;
      return n;
    }
    const all = rng.shuffle(Int32Array.from({ length: n }, (_, i) => i));
    out.set(all.subarray(0, m).sort());
    return m;
  }
  const counts = new Int32Array(n);
  for (let i = 0; i < m; i++) counts[rng.int(n)]++;
  let w = 0;
  for (let r = 0; r < n; r++) for (let c = 0; c < counts[r]; c++) out[w++] = r;
  return w;
}

/**
 * Fits a forest. `classCount` > 0: classification on class indexes in `y` (K channels);
 * 0: regression on values.
 */
export async function fitForest(
  data: BinnedData,
  features: BinnedFeature[],
  y: Float64Array,
  classCount: number,
  params: ForestParams,
  extraTrees: boolean,
  options: BoostOptions,
): Promise<TreeModel> {
  const n = data.rowCount;
  const C = classCount > 0 ? classCount : 1;
  const grad = new Float64Array(n * C);
  for (let i = 0; i < n; i++) {
    if (classCount > 0) grad[i * C + y[i]] = -1;
    else grad[i] = -y[i];
  }
  const hess = new Float64Array(n).fill(1);
  const layout = histogramLayout(data, C);
  const maxRows = Math.max(n, Math.round(n * params.baggingFraction));
  const grower = new TreeGrower(layout, maxRows);
  const isCategorical = Uint8Array.from(features, (f) => (f.kind === 'categorical' ? 1 : 0));
  const F = features.length;
  const fraction = params.featureFraction > 0 ? params.featureFraction : classCount > 0 ? Math.sqrt(F) / F : 1;
  const cfg: GrowConfig = {
    numLeaves: params.numLeaves,
    maxDepth: params.maxDepth,
    minDataInLeaf: params.minDataInLeaf,
    minSumHessian: 0,
    lambdaL1: 0,
    lambdaL2: 0,
    minGainToSplit: 1e-12,
    randomThresholds: extraTrees,
    featuresPerSplit: Math.max(1, Math.min(F, Math.round(F * fraction))),
  };
  const allFeatures = Int32Array.from({ length: F }, (_, i) => i);
  const rows = new Int32Array(maxRows);
  const trees: Tree[] = [];
  const threshold = (f: number, b: number): number => thresholdOf(features, f, b);
  for (let t = 0; t < params.numIterations; t++) {
    throwIfCancelled(options.signal);
    const count = treeRows(n, params, options.rng, rows);
    const { tree } = grower.grow({ data, layout, isCategorical, thresholdOf: threshold, grad, hess, rows, rowCount: count, features: allFeatures, rng: options.rng }, cfg);
    for (let i = 0; i < tree.leafValues.length; i++) tree.leafValues[i] /= params.numIterations;
    trees.push(tree);
    options.onIteration?.({ iteration: t + 1, loss: Number.NaN });
    if (options.deadline !== undefined && Date.now() >= options.deadline) break;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  throwIfCancelled(options.signal);
  if (trees.length < params.numIterations) {
    // Stopped at the deadline: each tree was pre-divided by the planned count; average over those grown.
    const scale = params.numIterations / trees.length;
    for (const tree of trees) for (let i = 0; i < tree.leafValues.length; i++) tree.leafValues[i] *= scale;
  }
  return { features, trees, outputs: C, init: new Float64Array(C), transform: 'identity' };
}
