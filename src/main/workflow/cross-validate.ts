/**
 * K-fold cross-validation of one candidate on the training rows: fits one model per fold,
 * collects out-of-fold predictions, and scores them fold by fold. With a fit pool, the folds are
 * fitted on worker threads, up to the pool's size at once, on the run's training frame shared
 * once with the workers; the results are the same as in-process (each fold's fit is seeded by its
 * own fork of the rng, drawn in fold order, and folds are scored and judged in fold order).
 */
import { selectRows, type Frame } from '../ml/frame';
import type { Metric } from '../ml/metrics';
import type { Prediction } from '../ml/prediction';
import type { Rng } from '../ml/rng';
import { createRng, forkSeed } from '../ml/rng';
import { TrialPruned } from '../ml/search/study';
import { assertFoldsTrainable, kFold, type Split } from '../ml/splits';
import { CancelledError, isCancelled } from '../onnx/errors';
import { shareFrame, type FitPool, type FoldFitResult, type FoldFitTask, type TreeCandidate } from '../workers/fit-pool';
import { boostedRounds, fitCandidate } from './fit-candidate';
import type { PreparedData, Candidate, EvaluatedCandidate } from './run-state';

export function takeRows(values: Float64Array, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
  return out;
}

/** An empty prediction for n rows of the data's task, to be filled fold by fold. */
export function emptyPrediction(data: PreparedData, n: number): Prediction {
  if (data.task === 'regression') return { task: 'regression', value: new Float64Array(n) };
  const k = data.classes?.length ?? 2;
  return { task: data.task, classes: data.classes ?? [], proba: new Float64Array(n * k) };
}

/** Copies prediction rows `from[i]` into `into` at row `rows[i]`. */
export function scatterRows(into: Prediction, from: Prediction, rows: ArrayLike<number>): void {
  if (into.task === 'regression' && from.task === 'regression') {
    for (let i = 0; i < rows.length; i++) into.value[rows[i]] = from.value[i];
    return;
  }
  if (into.task !== 'regression' && from.task !== 'regression') {
    const k = into.classes.length;
    for (let i = 0; i < rows.length; i++) into.proba.set(from.proba.subarray(i * k, i * k + k), rows[i] * k);
  }
}

export function selectPredictionRows(p: Prediction, rows: ArrayLike<number>): Prediction {
  const out: Prediction = p.task === 'regression' ? { task: 'regression', value: new Float64Array(rows.length) } : { task: p.task, classes: p.classes, proba: new Float64Array(rows.length * p.classes.length) };
  if (out.task === 'regression' && p.task === 'regression') {
    for (let i = 0; i < rows.length; i++) out.value[i] = p.value[rows[i]];
  } else if (out.task !== 'regression' && p.task !== 'regression') {
    const k = p.classes.length;
    for (let i = 0; i < rows.length; i++) out.proba.set(p.proba.subarray(rows[i] * k, rows[i] * k + k), i * k);
  }
  return out;
}

export interface CrossValidateOptions {
  rng: Rng;
  signal: AbortSignal;
  onIteration?: (info: { iteration: number; loss: number }) => void;
  /** Epoch ms by which the whole cross-validation should end; each fold gets an even share of what is left. */
  deadline?: number;
  /** The folds (over the training rows) to use, e.g. the run's shared ones; drawn from `rng` when absent. */
  folds?: readonly Split[];
  /**
   * Called after each fold with the number of folds done and the mean fold score so far; returning
   * true stops the cross-validation with {@link TrialPruned} (a pruner judged it hopeless).
   */
  onFold?: (done: number, meanSoFar: number) => boolean;
  /**
   * Fit the folds of a tree candidate on this pool's workers, up to its size at once (the main
   * thread only scores). Ignored when `onIteration` is given (a callback cannot cross into a
   * worker), and for linear and MLP candidates: ONNX Runtime's binding is not safe in workers
   * (see workers/fit-worker.ts), and those fits await it, so they do not hold the event loop.
   */
  pool?: FitPool;
  /** Where ONNX Runtime trains linear and MLP folds (the run's device). */
  executionProvider?: 'cpu' | 'cuda';
}

/**
 * The run's folds: one stratified split of the training rows drawn from the run's seed alone, so
 * every candidate of a run is cross-validated on the same folds and their scores (and out-of-fold
 * predictions) compare like with like. Cached per prepared data.
 */
const runFoldCache = new WeakMap<PreparedData, Map<number, Split[]>>();
export function runFolds(data: PreparedData, seed: number): Split[] {
  let bySeed = runFoldCache.get(data);
  if (!bySeed) runFoldCache.set(data, (bySeed = new Map()));
  let folds = bySeed.get(seed);
  if (!folds) {
    folds = kFold(takeRows(data.y, data.train), data.task, data.folds, createRng((seed ^ 0x5eed_f01d) >>> 0));
    bySeed.set(seed, folds);
  }
  return folds;
}

export async function crossValidate(data: PreparedData, candidate: Candidate, options: CrossValidateOptions): Promise<EvaluatedCandidate> {
  if (options.pool && !options.onIteration && isTreeCandidate(candidate)) return crossValidateOnPool(data, candidate, options, options.pool);
  const trainFrame = selectRows(data.features, data.train);
  const yTrain = takeRows(data.y, data.train);
  const drawn = options.rng.fork(); // drawn even when folds are given, so the rest of the stream is the same
  const folds = options.folds ?? kFold(yTrain, data.task, data.folds, drawn);
  assertFoldsTrainable(folds, yTrain, data.task, data.classes);
  const oof = emptyPrediction(data, data.train.length);
  const scores: number[] = [];
  const rounds: number[] = [];
  let fitMs = 0;
  for (const [i, fold] of folds.entries()) {
    const fitStarted = Date.now();
    const deadline = options.deadline === undefined ? undefined : Date.now() + Math.max(0, options.deadline - Date.now()) / (folds.length - i);
    const model = await fitCandidate(candidate, selectRows(trainFrame, fold.train), takeRows(yTrain, fold.train), data.task, data.classes, {
      rng: options.rng.fork(),
      signal: options.signal,
      onIteration: options.onIteration,
      deadline,
      executionProvider: options.executionProvider,
    });
    fitMs += Date.now() - fitStarted;
    const kept = boostedRounds(model);
    if (kept !== null) rounds.push(kept);
    const foldPrediction = model.predict(selectRows(trainFrame, fold.test));
    scatterRows(oof, foldPrediction, fold.test);
    scores.push(scoreOn(data.metric, takeRows(yTrain, fold.test), foldPrediction));
    if (options.onFold && i + 1 < folds.length && options.onFold(i + 1, scores.reduce((a, b) => a + b, 0) / scores.length)) {
      throw new TrialPruned(`Pruned after ${i + 1} of ${folds.length} folds.`);
    }
  }
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const std = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.length);
  return { candidate, cvScore: mean, cvStd: std, oof, foldFitMs: fitMs / folds.length, ...(rounds.length > 0 ? { foldRounds: rounds } : {}) };
}

/** The training rows of a run's data, copied once into shared memory for the fit workers. */
const sharedTrain = new WeakMap<PreparedData, { features: Frame; y: Float64Array }>();
function sharedTrainOf(data: PreparedData): { features: Frame; y: Float64Array } {
  let shared = sharedTrain.get(data);
  if (!shared) sharedTrain.set(data, (shared = shareFrame(selectRows(data.features, data.train), takeRows(data.y, data.train))));
  return shared;
}

const isTreeCandidate = (candidate: Candidate): candidate is Candidate & TreeCandidate => candidate.model === 'gbdt' || candidate.model === 'random-forest' || candidate.model === 'extra-trees';

/** Fold fits side by side get one thread each (no histogram helpers): the pool's workers already use the cores. */
function singleThreaded(candidate: TreeCandidate, parallel: boolean): TreeCandidate {
  if (!parallel) return candidate;
  return { ...candidate, params: { ...candidate.params, numThreads: 1 } } as TreeCandidate;
}

async function crossValidateOnPool(data: PreparedData, candidate: Candidate & TreeCandidate, options: CrossValidateOptions, pool: FitPool): Promise<EvaluatedCandidate> {
  const { features, y: yTrain } = sharedTrainOf(data);
  const drawn = options.rng.fork(); // as in-process: drawn even when folds are given
  const folds = options.folds ?? kFold(yTrain, data.task, data.folds, drawn);
  assertFoldsTrainable(folds, yTrain, data.task, data.classes);
  // The seeds in-process fits would fork, in fold order; a pruned run draws a few more, unused.
  const seeds = folds.map(() => forkSeed(options.rng));
  const width = Math.max(1, Math.min(pool.size, folds.length));
  const fitted = singleThreaded(candidate, width > 1);
  const stop = new AbortController();
  const cancel = (): void => stop.abort();
  options.signal.addEventListener('abort', cancel, { once: true });
  if (options.signal.aborted) stop.abort();

  const oof = emptyPrediction(data, data.train.length);
  const rounds: number[] = [];
  const scores: number[] = [];
  const results: (Promise<FoldFitResult> | undefined)[] = [];
  let fitMs = 0;
  const start = (i: number): void => {
    // Each wave of `width` folds gets an even share of the time left.
    const waves = Math.ceil((folds.length - i) / width);
    const deadline = options.deadline === undefined ? undefined : Date.now() + Math.max(0, options.deadline - Date.now()) / waves;
    const fold = folds[i];
    const task: FoldFitTask = { features, y: yTrain, task: data.task, classes: data.classes, candidate: fitted, trainRows: fold.train, testRows: fold.test, seed: seeds[i], deadline };
    const running = pool.fitFold(task, stop.signal);
    running.catch(() => undefined); // awaited in fold order below; a later fold may fail first
    results[i] = running;
  };
  let next = 0;
  let failure: { error: unknown } | undefined;
  try {
    // Folds finish in any order but are scored (and shown to the pruner) in fold order; one
    // starts whenever one ends, so up to `width` run at once.
    const inFlight = new Set<number>();
    const launch = (): void => {
      while (next < folds.length && inFlight.size < width) {
        const i = next++;
        inFlight.add(i);
        start(i);
        void results[i]?.then(
          () => {
            inFlight.delete(i);
            if (!stop.signal.aborted) launch();
          },
          (error: unknown) => {
            inFlight.delete(i);
            // A fold's own failure (not one this cancel caused) stops the others and is what throws.
            if (!stop.signal.aborted) {
              failure ??= { error };
              stop.abort();
            }
          },
        );
      }
    };
    launch();
    for (const [i, fold] of folds.entries()) {
      const result = await (results[i] as Promise<FoldFitResult>);
      fitMs += result.fitMs;
      if (result.rounds !== undefined) rounds.push(result.rounds);
      scatterRows(oof, result.prediction, fold.test);
      scores.push(scoreOn(data.metric, takeRows(yTrain, fold.test), result.prediction));
      if (options.onFold && i + 1 < folds.length && options.onFold(i + 1, scores.reduce((a, b) => a + b, 0) / scores.length)) {
        throw new TrialPruned(`Pruned after ${i + 1} of ${folds.length} folds.`);
      }
    }
  } catch (error) {
    stop.abort();
    await Promise.allSettled(results.filter((r): r is Promise<FoldFitResult> => r !== undefined));
    if (options.signal.aborted && !isCancelled(error)) throw new CancelledError('Training was cancelled');
    throw failure && !options.signal.aborted ? failure.error : error;
  } finally {
    options.signal.removeEventListener('abort', cancel);
  }
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const std = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.length);
  return { candidate, cvScore: mean, cvStd: std, oof, foldFitMs: fitMs / folds.length, ...(rounds.length > 0 ? { foldRounds: rounds } : {}) };
}

export function scoreOn(metric: Metric, y: Float64Array, prediction: Prediction): number {
  return metric.score(y, prediction);
}
