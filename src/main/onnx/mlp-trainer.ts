/**
 * Trains an MLP with ONNX Runtime: the step graph of mlp-training-graph.ts over shuffled
 * mini-batches, the same loop shape as trainer.ts (parameters and Adam moments come back as
 * output tensors and are fed straight back in; cancellation is checked before every batch).
 *
 * Initialization draws from the seeded rng: He normal (std √(2/fan_in)) for relu layers, Glorot
 * uniform (±√(6/(fan_in+fan_out))) for tanh layers and the output layer; biases start at zero.
 *
 * Early stopping: with a validation fraction, that share of the rows (drawn by the rng) is held
 * out, its loss is computed after every epoch by a loss-only graph, training stops after
 * `patience` epochs without improvement, and the weights of the best epoch are returned.
 * Without one, training stops when the training loss plateaus and the last weights are returned.
 * A deadline (the run's time budget) also ends training after the epoch that passes it.
 *
 * Determinism: one intra-op thread (the default here) makes ORT CPU bit-reproducible, so the
 * same seed gives the same weights.
 */
import * as ort from 'onnxruntime-node';
import type { Rng } from '../ml/rng';
import { throwIfCancelled } from './errors';
import { MLP_IO, buildMlpLossGraph, buildMlpTrainingStep, layerSizes, mlpLayerNames, type Activation, type MlpShape } from './mlp-training-graph';
import { openSession, type ExecutionProvider } from './session';
import { YIELD_EVERY_MS, gather, plateauDetector, scalar, yieldToEventLoop, zeros, type TrainingData } from './trainer';
import type { LossKind } from './training-graph';

export interface MlpTrainOptions {
  hidden: readonly number[];
  activation: Activation;
  loss: LossKind;
  /** Most passes over the training rows. */
  epochs: number;
  batchSize: number;
  learningRate: number;
  l2: number;
  /** Share of rows held out for early stopping (0 = none; then the training loss plateau stops). */
  validationFraction: number;
  /** Epochs without improvement before stopping. */
  patience: number;
  /** Improvement smaller than tolerance × |best loss| does not count (default 1e-4). */
  tolerance?: number;
  /** Initial weights, the validation split and the shuffles. */
  rng: Rng;
  signal?: AbortSignal;
  /** After every epoch: the mean training loss of that epoch (1-based iteration). */
  onIteration?: (info: { iteration: number; loss: number }) => void;
  executionProvider?: ExecutionProvider;
  /** Intra-op threads (default 1: deterministic, and fits often run side by side). */
  threads?: number;
  /** Epoch ms after which no further epoch starts (the first always runs); the best weights so far are kept. */
  deadline?: number;
}

/** One dense layer: W [inputs, outputs] row-major, b [outputs]. */
export interface MlpLayer {
  inputs: number;
  outputs: number;
  weights: Float32Array;
  bias: Float32Array;
}

export interface MlpTrainResult {
  layers: MlpLayer[];
  /** Mean training loss of each epoch run. */
  losses: number[];
  /** Validation loss of each epoch run (empty without a validation split). */
  validationLosses: number[];
  /** The epoch whose weights were kept (1-based). */
  bestEpoch: number;
  provider: ExecutionProvider;
  stoppedEarly: boolean;
}

type State = Record<string, ort.Tensor>;

/** Seeded initial weights (see the header) for layer widths `sizes`. */
export function initialLayers(sizes: readonly number[], activation: Activation, rng: Rng): MlpLayer[] {
  return sizes.slice(1).map((outputs, l) => {
    const inputs = sizes[l];
    const hidden = l < sizes.length - 2;
    const weights = new Float32Array(inputs * outputs);
    if (hidden && activation === 'relu') {
      const std = Math.sqrt(2 / inputs);
      for (let i = 0; i < weights.length; i++) weights[i] = rng.normal() * std;
    } else {
      const limit = Math.sqrt(6 / (inputs + outputs));
      for (let i = 0; i < weights.length; i++) weights[i] = (2 * rng.next() - 1) * limit;
    }
    return { inputs, outputs, weights, bias: new Float32Array(outputs) };
  });
}

function initialState(layers: readonly MlpLayer[]): State {
  const state: State = {};
  layers.forEach((layer, l) => {
    const n = mlpLayerNames(l);
    const wDims = [layer.inputs, layer.outputs];
    state[n.w] = new ort.Tensor('float32', Float32Array.from(layer.weights), wDims);
    state[n.b] = new ort.Tensor('float32', Float32Array.from(layer.bias), [layer.outputs]);
    state[n.mW] = zeros(wDims);
    state[n.vW] = zeros(wDims);
    state[n.mb] = zeros([layer.outputs]);
    state[n.vb] = zeros([layer.outputs]);
  });
  return state;
}

function nextState(out: ort.InferenceSession.OnnxValueMapType, layers: number): State {
  const state: State = {};
  for (let l = 0; l < layers; l++) {
    const n = mlpLayerNames(l);
    state[n.w] = out[n.outW];
    state[n.b] = out[n.outB];
    state[n.mW] = out[n.outMW];
    state[n.vW] = out[n.outVW];
    state[n.mb] = out[n.outMb];
    state[n.vb] = out[n.outVb];
  }
  return state;
}

function parameters(state: State, layers: number): State {
  const params: State = {};
  for (let l = 0; l < layers; l++) {
    const n = mlpLayerNames(l);
    params[n.w] = state[n.w];
    params[n.b] = state[n.b];
  }
  return params;
}

function validate(data: TrainingData, o: MlpTrainOptions): void {
  if (data.rows < 1) throw new Error('Training needs at least one row.');
  if (data.x.length !== data.rows * data.features) throw new Error(`x holds ${data.x.length} values, expected ${data.rows}×${data.features}.`);
  if (data.y.length !== data.rows * data.outputs) throw new Error(`y holds ${data.y.length} values, expected ${data.rows}×${data.outputs}.`);
  if (!(Number.isInteger(o.epochs) && o.epochs >= 1)) throw new Error(`epochs must be a positive integer, got ${o.epochs}.`);
  if (!(Number.isInteger(o.batchSize) && o.batchSize >= 1)) throw new Error(`batchSize must be a positive integer, got ${o.batchSize}.`);
  if (!(o.learningRate > 0 && Number.isFinite(o.learningRate))) throw new Error(`learningRate must be positive, got ${o.learningRate}.`);
  if (!(o.l2 >= 0 && Number.isFinite(o.l2))) throw new Error(`l2 must be ≥ 0, got ${o.l2}.`);
  if (!(o.validationFraction >= 0 && o.validationFraction < 1)) throw new Error(`validationFraction must be in [0, 1), got ${o.validationFraction}.`);
  if (!(Number.isInteger(o.patience) && o.patience >= 1)) throw new Error(`patience must be a positive integer, got ${o.patience}.`);
}

/** Rows copied out of x/y by index, row-major. */
function take(data: TrainingData, rows: Uint32Array): { x: Float32Array; y: Float32Array } {
  const x = new Float32Array(rows.length * data.features);
  const y = new Float32Array(rows.length * data.outputs);
  gather(data.x, data.features, rows, 0, rows.length, x);
  gather(data.y, data.outputs, rows, 0, rows.length, y);
  return { x, y };
}

/** Validation rows evaluated per session.run, so a large holdout never needs one huge activation tensor. */
const EVAL_CHUNK = 8192;

/**
 * Trains the MLP with Adam. Throws CancelledError when `signal` fires (checked before every
 * batch and after every epoch's callback) and releases the sessions in every case.
 */
export async function trainMlp(data: TrainingData, options: MlpTrainOptions): Promise<MlpTrainResult> {
  validate(data, options);
  throwIfCancelled(options.signal);
  const { rows: n, features: d, outputs: k } = data;
  const shape: MlpShape = { features: d, hidden: options.hidden, outputs: k, activation: options.activation };
  const sizes = layerSizes(shape);
  const layerCount = sizes.length - 1;
  const initial = initialLayers(sizes, options.activation, options.rng);

  // Hold out the validation rows (when there are enough rows for both parts).
  const all = options.rng.shuffle(Uint32Array.from({ length: n }, (_, i) => i));
  const held = Math.floor(n * options.validationFraction);
  const useValidation = held >= 1 && n - held >= 1;
  const validation = useValidation ? take(data, all.subarray(0, held)) : null;
  const order = useValidation ? Uint32Array.from(all.subarray(held)) : Uint32Array.from({ length: n }, (_, i) => i);
  const trainRows = order.length;

  const threads = options.threads ?? 1;
  const { session, provider } = await openSession(buildMlpTrainingStep({ ...shape, loss: options.loss }), { executionProvider: options.executionProvider, threads });
  const evaluator = validation ? await openSession(buildMlpLossGraph(shape, options.loss), { executionProvider: provider, threads }).catch(async (e: unknown) => {
    await session.release();
    throw e;
  }) : null;
  try {
    const validationLoss = async (state: State): Promise<number> => {
      if (!validation || !evaluator) return Number.NaN;
      const params = parameters(state, layerCount);
      let sum = 0;
      for (let start = 0; start < held; start += EVAL_CHUNK) {
        const m = Math.min(EVAL_CHUNK, held - start);
        const out = await evaluator.session.run({
          ...params,
          [MLP_IO.x]: new ort.Tensor('float32', validation.x.subarray(start * d, (start + m) * d), [m, d]),
          [MLP_IO.y]: new ort.Tensor('float32', validation.y.subarray(start * k, (start + m) * k), [m, k]),
        });
        sum += (out[MLP_IO.loss].data as Float32Array)[0] * m;
      }
      return sum / held;
    };

    const batch = Math.min(options.batchSize, trainRows);
    const tail = trainRows % batch;
    const full = { x: new Float32Array(batch * d), y: new Float32Array(batch * k) };
    const part = { x: new Float32Array(tail * d), y: new Float32Array(tail * k) };
    const lr = scalar(options.learningRate);
    const l2 = scalar(options.l2);
    const tolerance = options.tolerance ?? 1e-4;
    const trainingPlateau = plateauDetector(useValidation ? undefined : { patience: options.patience, tolerance });
    let state = initialState(initial);
    let best = { loss: Number.POSITIVE_INFINITY, epoch: 0, state };
    let stale = 0;
    let t = 0;
    const losses: number[] = [];
    const validationLosses: number[] = [];
    let stoppedEarly = false;
    let lastYield = performance.now();

    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      options.rng.shuffle(order);
      let lossSum = 0;
      for (let start = 0; start < trainRows; start += batch) {
        if (performance.now() - lastYield > YIELD_EVERY_MS) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
        throwIfCancelled(options.signal);
        const m = Math.min(batch, trainRows - start);
        const buf = m === batch ? full : part;
        gather(data.x, d, order, start, m, buf.x);
        gather(data.y, k, order, start, m, buf.y);
        t++;
        const out = await session.run({
          ...state,
          [MLP_IO.x]: new ort.Tensor('float32', buf.x, [m, d]),
          [MLP_IO.y]: new ort.Tensor('float32', buf.y, [m, k]),
          [MLP_IO.t]: scalar(t),
          [MLP_IO.lr]: lr,
          [MLP_IO.l2]: l2,
        });
        state = nextState(out, layerCount);
        lossSum += (out[MLP_IO.loss].data as Float32Array)[0] * m;
      }
      const loss = lossSum / trainRows;
      if (!Number.isFinite(loss)) throw new Error(`Training diverged at epoch ${epoch} (loss ${loss}); try a smaller learning rate.`);
      losses.push(loss);

      let stop: boolean;
      if (useValidation) {
        const vLoss = await validationLoss(state);
        validationLosses.push(vLoss);
        if (Number.isFinite(vLoss) && vLoss < best.loss - tolerance * Math.abs(best.loss === Number.POSITIVE_INFINITY ? vLoss : best.loss)) {
          best = { loss: vLoss, epoch, state };
          stale = 0;
        } else {
          stale++;
        }
        stop = stale >= options.patience;
      } else {
        best = { loss, epoch, state };
        stop = trainingPlateau(loss);
      }
      options.onIteration?.({ iteration: epoch, loss });
      // Let timers and abort listeners run even if session.run never yields to the macrotask queue.
      await yieldToEventLoop();
      lastYield = performance.now();
      throwIfCancelled(options.signal);
      if (stop || (options.deadline !== undefined && Date.now() >= options.deadline)) {
        stoppedEarly = epoch < options.epochs;
        break;
      }
    }
    // No finite validation loss at all (cannot happen with finite training loss, but be safe): keep the last weights.
    const kept = best.epoch === 0 ? { epoch: losses.length, state } : best;
    const layers = initial.map((layer, l) => {
      const names = mlpLayerNames(l);
      return { ...layer, weights: Float32Array.from(kept.state[names.w].data as Float32Array), bias: Float32Array.from(kept.state[names.b].data as Float32Array) };
    });
    return { layers, losses, validationLosses, bestEpoch: kept.epoch, provider, stoppedEarly };
  } finally {
    // Release both even if one release fails; a failed release must not hide the fit's outcome.
    await Promise.allSettled([session.release(), evaluator?.session.release()]);
  }
}
