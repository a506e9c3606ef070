/**
 * Gradient boosting on binned data: per round, gradients of the objective, one leaf-wise tree per
 * output (one per class for softmax), leaves shrunk by the learning rate, scores updated from
 * the leaves' row segments. Row bagging (Bernoulli, per round), feature_fraction (per tree) and
 * early stopping on a held-out share of the rows, all seeded. Splits are chosen on quantised
 * gradients unless use_quantized_grad is off or the data is too large to pack (quantize.ts).
 * Training rows that repeat (equal bins in every feature) are fitted once, weighted (row-groups.ts).
 */
import type { Rng } from '../rng';
import { throwIfCancelled } from '../../onnx/errors';
import type { BinnedData, BinnedFeature } from './binning';
import { TreeGrower, type GrowConfig, type GrowInput } from './grower';
import { histogramLayout } from './histogram';
import { HistThreads, helperCount, sharedFloat64, sharedInt32 } from './hist-threads';
import type { Objective } from './objectives';
import { OrderedRows } from './ordered-rows';
import { quantizationLevels, type QuantScale } from './quantize';
import { Command } from './hist-protocol';
import { ROW_PARTS } from './histogram';
import { publishLeaves, quantScale, renewedLeafValues, rowPassPart, type RowPassArrays, type RowPassJob } from './row-passes';
import type { GbdtParams } from './params';
import { leafOfBinned, type Tree } from './tree';
import { thresholdOf, type TreeModel } from './tree-model';
import { classWeights } from '../class-weights';
import { bagGroups, groupable, groupedLoss, groupRows, groupWeightsAndLabels, selectBinnedRows, type RowGroups } from './row-groups';

export interface BoostOptions {
  rng: Rng;
  signal?: AbortSignal;
  onIteration?: (info: { iteration: number; loss: number }) => void;
  /** Epoch ms after which no further round is started (the model so far is kept). */
  deadline?: number;
  /** Row-major bin bytes from which rows are kept in leaf order (default ORDERED_MIN_BYTES; tests lower it). */
  leafOrderFromBytes?: number;
  /** false: fit every row even where duplicate rows could be grouped (row-groups.ts; tests compare the two). */
  groupDuplicateRows?: boolean;
}

export interface BoostResult {
  model: TreeModel;
  /** Rounds kept (after early stopping) and the validation loss per round (empty when off). */
  bestIteration: number;
  validationLoss: number[];
  /** The deadline stopped the rounds before early stopping or numIterations did: bestIteration says what time allowed, not what the data wanted. */
  cutByDeadline: boolean;
}

/** Features a tree may use under feature_fraction (at least one, sorted). */
export function sampleTreeFeatures(featureCount: number, fraction: number, rng: Rng): Int32Array {
  const all = Int32Array.from({ length: featureCount }, (_, i) => i);
  if (fraction >= 1) return all;
  const k = Math.max(1, Math.round(featureCount * fraction));
  rng.shuffle(all);
  return all.subarray(0, k).sort();
}

function splitValidation(n: number, params: GbdtParams, rng: Rng): { train: Int32Array; valid: Int32Array } {
  const all = Int32Array.from({ length: n }, (_, i) => i);
  if (params.earlyStoppingRounds <= 0) return { train: all, valid: new Int32Array(0) };
  rng.shuffle(all);
  const v = Math.max(1, Math.min(n - 1, Math.round(n * params.validationFraction)));
  return { train: all.subarray(v).sort(), valid: all.subarray(0, v).sort() };
}

/**
 * Fits on fewer training rows choose splits on exact gradients whatever use_quantized_grad says:
 * there quantising saved no time (spam, 3.7k rows: 1.38 s quantised against 1.28 s exact; telco,
 * 5.6k: 0.37 against 0.36 s), and it only added rounding noise. LightGBM leaves it off by default.
 */
export const QUANTIZE_MIN_ROWS = 20_000;

/**
 * Row-major bins from this size on make a fit keep its rows in leaf order. Measured (200 trees,
 * 2 threads): on 800k × 20 (32 MB of bins) scattered leaf rows cost cache misses and leaf order
 * was 10–20% faster; on fertility (204k × 7, 3 MB) and diamonds (43k × 9), whose bins stay in
 * cache, moving 48 bytes per row per split made it 25–40% slower than moving row indexes.
 */
export const ORDERED_MIN_BYTES = 16 * 1024 * 1024;

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A fit's data as row groups (row-groups.ts): one weighted row per group (positions 0..G), then
 * the validation rows unchanged (positions G..G+V), with the labels each is fitted with and the
 * mean training loss over the original rows.
 */
function groupedFit(binned: BinnedData, labels: Float64Array, valid: Int32Array, groups: RowGroups, objective: Objective, classWeights: Float64Array | null) {
  const G = groups.representative.length;
  const rows = new Int32Array(G + valid.length);
  rows.set(groups.representative, 0);
  rows.set(valid, G);
  const { weight, label } = groupWeightsAndLabels(groups, objective.name, classWeights);
  const y = new Float64Array(rows.length);
  y.set(label, 0);
  for (let i = 0; i < valid.length; i++) y[G + i] = labels[valid[i]];
  const weights = new Float64Array(rows.length).fill(1);
  weights.set(weight, 0);
  const counts = new Float64Array(rows.length).fill(1);
  counts.set(groups.count, 0);
  return {
    data: selectBinnedRows(binned, rows),
    y,
    /** Gradient weights: the group sizes, times the class weights where there are some. */
    weights,
    /** Rows each position stands for (min_data_in_leaf counts them). */
    counts,
    train: Int32Array.from({ length: G }, (_, i) => i),
    valid: Int32Array.from({ length: valid.length }, (_, i) => G + i),
    groups,
    loss: (scores: Float64Array): number => groupedLoss(groups, objective.name, (g) => scores[g]),
  };
}

/** Boosts trees on `binned`; `labels` are class indexes (classification) or values. */
export async function boost(binned: BinnedData, features: BinnedFeature[], labels: Float64Array, objective: Objective, params: GbdtParams, options: BoostOptions): Promise<BoostResult> {
  const K = objective.outputs;
  const rng = options.rng;
  const split = splitValidation(binned.rowCount, params, rng);
  const init = objective.initScore(labels, split.train);
  const weightOfClass = objective.name === 'binary' || objective.name === 'multiclass' ? classWeights(labels, split.train, Math.max(2, K), params.classWeight) : null;
  // Duplicate rows fitted once, weighted (row-groups.ts): the training rows become one row per
  // group, followed by the validation rows as they are.
  const groups = options.groupDuplicateRows !== false && groupable(objective.name, params.baggingFraction) ? groupRows(binned, split.train, labels) : null;
  const grouped = groups ? groupedFit(binned, labels, split.valid, groups, objective, weightOfClass) : null;
  const data = grouped?.data ?? binned;
  const y = grouped?.y ?? labels;
  const train = grouped?.train ?? split.train;
  const valid = grouped?.valid ?? split.valid;
  const rowWeights = grouped?.weights ?? null;
  const n = data.rowCount;
  // num_threads − 1 helper threads build histograms with this one (none for small data).
  const helpers = helperCount(params.numThreads, train.length, features.length);
  const shared = helpers > 0;
  const levels = params.useQuantizedGrad && train.length >= QUANTIZE_MIN_ROWS ? quantizationLevels(train.length) : 0;
  const layout = histogramLayout(data, 1, shared, levels > 0);
  const grower = new TreeGrower(layout, train.length);
  const isCategorical = Uint8Array.from(features, (f) => (f.kind === 'categorical' ? 1 : 0));
  const cfg: GrowConfig = {
    numLeaves: params.numLeaves,
    maxDepth: params.maxDepth,
    minDataInLeaf: params.minDataInLeaf,
    minSumHessian: params.minSumHessianInLeaf,
    lambdaL1: params.lambdaL1,
    lambdaL2: params.lambdaL2,
    minGainToSplit: params.minGainToSplit,
    randomThresholds: false,
    featuresPerSplit: 0,
  };
  const f64 = (length: number): Float64Array => (shared ? sharedFloat64(length) : new Float64Array(length));
  const scores = f64(n * K);
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) scores[i * K + k] = init[k];
  const rowsBuffer = shared ? sharedInt32(train.length) : new Int32Array(train.length);
  // Quantised single-output fits whose row-major bins outgrow the caches keep their rows in leaf
  // order (ordered-rows.ts), gradients included; other quantised fits pack by row index.
  const ordered = levels > 0 && !grouped && layout.rowMajor && K === 1 && layout.rowMajor.global.byteLength >= (options.leafOrderFromBytes ?? ORDERED_MIN_BYTES) ? new OrderedRows(layout, data, train, y, init[0], shared) : null;
  const grad = ordered ? [ordered.grad] : Array.from({ length: K }, () => f64(n));
  const hess = ordered ? [ordered.hess] : Array.from({ length: K }, () => f64(n));
  const packed = levels > 0 && !ordered ? Array.from({ length: K }, () => f64(n)) : [];
  const passes = rowPassArrays();
  const threads = shared ? HistThreads.start({ helpers, data, layout, grads: grad, hesses: hess, rows: rowsBuffer, packed, ordered, rowPass: objective.spec ? { objective, arrays: passes } : null }) : null;
  const passesShared = threads !== null && objective.spec !== undefined;
  const threshold = (f: number, b: number): number => thresholdOf(features, f, b);
  const bagging = params.baggingFraction < 1;
  const trees: Tree[] = [];
  try {
    if (threads) await threads.ready;
    return await boostRounds();
  } finally {
    await threads?.close();
  }

  /** The arrays of the round's row passes (row-passes.ts): by row index, or by leaf-ordered position. */
  function rowPassArrays(): RowPassArrays {
    const copy = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      if (!shared) return a;
      const c = make(a.length);
      c.set(a);
      return c;
    };
    const common = {
      grads: grad,
      hesses: hess,
      // A grouped fit has the class weights folded into its row weights.
      classWeights: weightOfClass && !grouped ? copy(weightOfClass, f64) : null,
      rowWeights: rowWeights ? copy(rowWeights, f64) : null,
      partMax: f64(K * ROW_PARTS * 2),
      leaves: f64(1 + 3 * Math.max(2, params.numLeaves)),
      leafSums: f64(ROW_PARTS * Math.max(2, params.numLeaves) * 2),
    };
    if (ordered) return { ...common, y: ordered.y, scores: ordered.score, rows: copy(ordered.identity, sharedInt32), packed: [ordered.arrays[0].packed] };
    return { ...common, y: copy(y, f64), scores, rows: rowsBuffer, packed };
  }

  /** Runs a row pass by parts: on the helpers too when they share the passes, else here, part by part (the same result). */
  function pass(job: RowPassJob): void {
    if (passesShared && threads) threads.rowPass(job);
    else for (let i = 0; i < ROW_PARTS; i++) rowPassPart(objective, passes, job, i);
  }

  /** Gradients of every output for rows[0..count), with each part's maxima when the fit quantises. */
  function gradientsOf(count: number): void {
    pass({ command: Command.gradients, begin: 0, end: count, k: 0, seed: 0, levels, outputs: K });
  }
  /** Packs output k's gradients of rows[0..count) and returns their scales. */
  function quantizeOf(k: number, count: number, seed: number): QuantScale {
    pass({ command: Command.quantize, begin: 0, end: count, k, seed, levels, outputs: K });
    return quantScale(passes, k, levels);
  }
  /** Renews output k's leaf values of a grown tree from the exact gradients of rows at positions [0..count) (row-passes.ts). */
  function renewLeaves(tree: Tree, k: number, count: number, leafBegin: Int32Array, leafEnd: Int32Array): void {
    publishLeaves(passes, leafBegin, leafEnd, tree.leafValues);
    pass({ command: Command.renew, begin: 0, end: count, k, seed: 0, levels: 0, outputs: K });
    renewedLeafValues(passes, tree, cfg.lambdaL1, cfg.lambdaL2);
  }

  /** Adds a grown tree's leaf values to output k of the scores of the rows at positions [0..count). */
  function scoreLeaves(k: number, count: number, leafBegin: Int32Array, leafEnd: Int32Array, values: Float64Array): void {
    publishLeaves(passes, leafBegin, leafEnd, values);
    pass({ command: Command.scores, begin: 0, end: count, k, seed: 0, levels: 0, outputs: K });
  }

  /** What every tree is grown with, whatever the mode. */
  function growInput(k: number, rows: Int32Array, rowCount: number): GrowInput {
    const treeFeatures = sampleTreeFeatures(features.length, params.featureFraction, rng);
    return { data, layout, isCategorical, thresholdOf: threshold, grad: grad[k], hess: hess[k], rows, rowCount, rowCounts: grouped?.counts ?? null, features: treeFeatures, rng, parallel: threads ? { threads, gradIndex: k } : null };
  }

  /** Shrinks a grown tree, keeps it, and adds it to the validation rows' scores. */
  function keep(tree: Tree, k: number): void {
    tree.target = k;
    for (let i = 0; i < tree.leafValues.length; i++) tree.leafValues[i] *= params.learningRate;
    trees.push(tree);
    for (let i = 0; i < valid.length; i++) {
      const r = valid[i];
      scores[r * K + k] += tree.leafValues[leafOfBinned(tree, data.bins, data.missingBin, r)];
    }
  }

  /** One round on leaf-ordered rows: positions, not row indexes, everywhere. */
  function orderedRound(o: OrderedRows): void {
    const count = bagging ? o.bag(params.baggingFraction, rng.next) : o.rowCount;
    gradientsOf(count);
    const input = growInput(0, o.rows, count);
    const seed = rng.int(0x7fffffff) + 1;
    const grown = grower.grow({ ...input, quantized: { packed: o.arrays[0].packed, scale: quantizeOf(0, count, seed) }, ordered: o }, cfg);
    // The rows' exact gradients moved with them: the leaf values are renewed from them.
    renewLeaves(grown.tree, 0, count, grown.leafBegin, grown.leafEnd);
    keep(grown.tree, 0);
    scoreLeaves(0, count, grown.leafBegin, grown.leafEnd, grown.tree.leafValues);
    for (let i = count; i < o.rowCount; i++) o.score[i] += grown.tree.leafValues[leafOfBinned(grown.tree, data.bins, data.missingBin, o.rows[i])];
  }

  /**
   * One round through row indexes (every output; gradients packed by row when quantising). Only
   * the bagged rows' gradients are computed: no other row's are read.
   */
  function indexedRound(): void {
    let bag = train;
    if (bagging && grouped && passes.rowWeights) {
      // Each group keeps a binomial share of its rows: its weight, label and row count for this round.
      const m = bagGroups(grouped.groups, params.baggingFraction, weightOfClass, rng, { bag: rowsBuffer, weight: passes.rowWeights, label: passes.y, count: grouped.counts });
      bag = Int32Array.from(rowsBuffer.subarray(0, m));
    } else if (bagging) {
      let m = 0;
      for (let i = 0; i < train.length; i++) if (rng.next() < params.baggingFraction) rowsBuffer[m++] = train[i];
      bag = Int32Array.from(rowsBuffer.subarray(0, Math.max(m, 1)));
    }
    rowsBuffer.set(bag);
    gradientsOf(bag.length);
    for (let k = 0; k < K; k++) {
      if (k > 0) rowsBuffer.set(bag);
      const input = growInput(k, rowsBuffer, bag.length);
      const seed = rng.int(0x7fffffff) + 1;
      const quantized = levels > 0 ? { packed: packed[k], scale: quantizeOf(k, bag.length, seed) } : null;
      const grown = grower.grow({ ...input, quantized }, cfg);
      const tree = grown.tree;
      if (quantized) renewLeaves(tree, k, bag.length, grown.leafBegin, grown.leafEnd);
      keep(tree, k);
      if (!bagging) scoreLeaves(k, bag.length, grown.leafBegin, grown.leafEnd, tree.leafValues);
      else {
        for (let i = 0; i < train.length; i++) {
          const r = train[i];
          scores[r * K + k] += tree.leafValues[leafOfBinned(tree, data.bins, data.missingBin, r)];
        }
      }
    }
  }

  // The rounds, in a function so `finally` above stops the helpers however they end.
  async function boostRounds(): Promise<BoostResult> {
    const validationLoss: number[] = [];
    let best = { loss: Infinity, iteration: 0 };
    let cutByDeadline = false;
    for (let iter = 0; iter < params.numIterations; iter++) {
      throwIfCancelled(options.signal);
      if (ordered) orderedRound(ordered);
      else indexedRound();
      if (valid.length > 0) {
        const loss = objective.loss(y, scores, valid);
        validationLoss.push(loss);
        if (loss < best.loss - 1e-12) best = { loss, iteration: iter + 1 };
        else if (iter + 1 - best.iteration >= params.earlyStoppingRounds) break;
      }
      if (options.onIteration) {
        const trainLoss = (): number =>
          grouped ? grouped.loss(scores) : ordered ? objective.loss(ordered.y, ordered.score, ordered.identity) : objective.loss(y, scores, train);
        options.onIteration({ iteration: iter + 1, loss: valid.length > 0 ? validationLoss[validationLoss.length - 1] : trainLoss() });
      }
      if (options.deadline !== undefined && Date.now() >= options.deadline) {
        cutByDeadline = iter + 1 < params.numIterations;
        break;
      }
      await yieldToLoop();
    }
    throwIfCancelled(options.signal);
    const kept = valid.length > 0 ? best.iteration : trees.length / K;
    const transform = objective.name === 'binary' ? 'sigmoid' : objective.name === 'multiclass' ? 'softmax' : 'identity';
    return { model: { features, trees: trees.slice(0, kept * K), outputs: K, init, transform }, bestIteration: kept, validationLoss, cutByDeadline };
  }
}
