/**
 * Gradient boosting on binned data: per round, gradients of the objective, one leaf-wise tree per
 * output (one per class for softmax), leaves shrunk by the learning rate, scores updated from
 * the leaves' row segments. Row bagging (Bernoulli, per round), feature_fraction (per tree) and
 * early stopping on a held-out share of the rows, all seeded.
 */
import type { Rng } from '../rng';
import { throwIfCancelled } from '../../onnx/errors';
import type { BinnedData, BinnedFeature } from './binning';
import { TreeGrower, type GrowConfig } from './grower';
import { histogramLayout } from './histogram';
import { HistThreads, helperCount, sharedFloat64, sharedInt32 } from './hist-threads';
import type { Objective } from './objectives';
import type { GbdtParams } from './params';
import { leafOfBinned, type Tree } from './tree';
import { thresholdOf, type TreeModel } from './tree-model';

export interface BoostOptions {
  rng: Rng;
  signal?: AbortSignal;
  onIteration?: (info: { iteration: number; loss: number }) => void;
  /** Epoch ms after which no further round is started (the model so far is kept). */
  deadline?: number;
}

export interface BoostResult {
  model: TreeModel;
  /** Rounds kept (after early stopping) and the validation loss per round (empty when off). */
  bestIteration: number;
  validationLoss: number[];
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

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Boosts trees on `data`; `y` is class indexes (classification) or values. */
export async function boost(data: BinnedData, features: BinnedFeature[], y: Float64Array, objective: Objective, params: GbdtParams, options: BoostOptions): Promise<BoostResult> {
  const n = data.rowCount;
  const K = objective.outputs;
  const rng = options.rng;
  const { train, valid } = splitValidation(n, params, rng);
  // num_threads − 1 helper threads build histograms with this one (none for small data).
  const helpers = helperCount(params.numThreads, train.length, features.length);
  const shared = helpers > 0;
  const layout = histogramLayout(data, 1, shared);
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
  const init = objective.initScore(y, train);
  const scores = new Float64Array(n * K);
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) scores[i * K + k] = init[k];
  const grad = Array.from({ length: K }, () => (shared ? sharedFloat64(n) : new Float64Array(n)));
  const hess = Array.from({ length: K }, () => (shared ? sharedFloat64(n) : new Float64Array(n)));
  const rowsBuffer = shared ? sharedInt32(train.length) : new Int32Array(train.length);
  const threads = shared ? HistThreads.start({ helpers, data, layout, grads: grad, hesses: hess, rows: rowsBuffer }) : null;
  try {
    if (threads) await threads.ready;
    return await boostRounds();
  } finally {
    await threads?.close();
  }

  // The rounds, in a function so `finally` above stops the helpers however they end.
  async function boostRounds(): Promise<BoostResult> {
    const trees: Tree[] = [];
    const validationLoss: number[] = [];
    let best = { loss: Infinity, iteration: 0 };
    const threshold = (f: number, b: number): number => thresholdOf(features, f, b);
    const bagging = params.baggingFraction < 1;

    for (let iter = 0; iter < params.numIterations; iter++) {
      throwIfCancelled(options.signal);
      objective.gradients(y, scores, train, grad, hess);
      let bag = train;
      if (bagging) {
        let m = 0;
        for (let i = 0; i < train.length; i++) if (rng.next() < params.baggingFraction) rowsBuffer[m++] = train[i];
        bag = Int32Array.from(rowsBuffer.subarray(0, Math.max(m, 1)));
      }
      for (let k = 0; k < K; k++) {
        rowsBuffer.set(bag);
        const treeFeatures = sampleTreeFeatures(features.length, params.featureFraction, rng);
        const grown = grower.grow(
          { data, layout, isCategorical, thresholdOf: threshold, grad: grad[k], hess: hess[k], rows: rowsBuffer, rowCount: bag.length, features: treeFeatures, rng, parallel: threads ? { threads, gradIndex: k } : null },
          cfg,
        );
        const tree = grown.tree;
        tree.target = k;
        for (let i = 0; i < tree.leafValues.length; i++) tree.leafValues[i] *= params.learningRate;
        trees.push(tree);
        if (!bagging) {
          for (let leaf = 0; leaf < grown.leafBegin.length; leaf++) {
            const v = tree.leafValues[leaf];
            for (let i = grown.leafBegin[leaf]; i < grown.leafEnd[leaf]; i++) scores[rowsBuffer[i] * K + k] += v;
          }
        } else {
          for (let i = 0; i < train.length; i++) {
            const r = train[i];
            scores[r * K + k] += tree.leafValues[leafOfBinned(tree, data.bins, data.missingBin, r)];
          }
        }
        for (let i = 0; i < valid.length; i++) {
          const r = valid[i];
          scores[r * K + k] += tree.leafValues[leafOfBinned(tree, data.bins, data.missingBin, r)];
        }
      }
      if (valid.length > 0) {
        const loss = objective.loss(y, scores, valid);
        validationLoss.push(loss);
        if (loss < best.loss - 1e-12) best = { loss, iteration: iter + 1 };
        else if (iter + 1 - best.iteration >= params.earlyStoppingRounds) break;
      }
      if (options.onIteration) options.onIteration({ iteration: iter + 1, loss: valid.length > 0 ? validationLoss[validationLoss.length - 1] : objective.loss(y, scores, train) });
      if (options.deadline !== undefined && Date.now() >= options.deadline) break;
      await yieldToLoop();
    }
    throwIfCancelled(options.signal);
    const kept = valid.length > 0 ? best.iteration : trees.length / K;
    const transform = objective.name === 'binary' ? 'sigmoid' : objective.name === 'multiclass' ? 'softmax' : 'identity';
    return { model: { features, trees: trees.slice(0, kept * K), outputs: K, init, transform }, bestIteration: kept, validationLoss };
  }
}
