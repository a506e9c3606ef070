/**
 * Runs the linear training-step graph (training-graph.ts) with ONNX Runtime over shuffled
 * mini-batches.
 *
 * Why the loop lives in JS and not in an ONNX `Loop`: a session.run costs ~40 µs of fixed
 * overhead (DESIGN.md §9), so with batches of a few hundred rows or more the overhead is a small
 * share, and a JS loop keeps cancellation, progress and early stopping simple. Parameters and
 * Adam moments come back as output tensors and are fed straight back in, so nothing is copied
 * between steps except the batch itself.
 */
import * as ort from 'onnxruntime-node';
import type { Rng } from '../ml/rng';
import { throwIfCancelled } from './errors';
import { openSession, type ExecutionProvider } from './session';
import { LINEAR_STEP_IO as IO, buildLinearTrainingStep, type LossKind } from './training-graph';

/** Row-major training data: x [rows, features], y [rows, outputs] (one-hot or targets). */
export interface TrainingData {
  x: Float32Array;
  y: Float32Array;
  rows: number;
  features: number;
  outputs: number;
}

export interface EarlyStopping {
  /** Epochs without improvement before stopping. */
  patience: number;
  /** Improvement smaller than tolerance × |best loss| does not count. */
  tolerance: number;
}

export interface TrainOptions {
  loss: LossKind;
  epochs: number;
  batchSize: number;
  learningRate: number;
  l2: number;
  /** Shuffles the rows each epoch. */
  rng: Rng;
  signal?: AbortSignal;
  /** Called after every epoch with the mean training loss of that epoch (1-based iteration). */
  onIteration?: (info: { iteration: number; loss: number }) => void;
  executionProvider?: ExecutionProvider;
  threads?: number;
  /** Stop when the epoch loss plateaus; off when omitted. */
  earlyStopping?: EarlyStopping;
  /**
   * 'inverse-sqrt' uses learningRate / √epoch, so late epochs settle instead of bouncing around
   * the optimum (which also makes plateau detection meaningful). Default 'none'.
   */
  schedule?: 'none' | 'inverse-sqrt';
}

export interface TrainResult {
  /** [features, outputs], row-major. */
  weights: Float32Array;
  bias: Float32Array;
  /** Mean data loss of each epoch run. */
  losses: number[];
  provider: ExecutionProvider;
  stoppedEarly: boolean;
}

/** Parameters and Adam state as the tensors the step graph consumes and produces. */
interface StepState {
  [IO.w]: ort.Tensor;
  [IO.b]: ort.Tensor;
  [IO.mW]: ort.Tensor;
  [IO.vW]: ort.Tensor;
  [IO.mb]: ort.Tensor;
  [IO.vb]: ort.Tensor;
}

export function zeros(dims: number[]): ort.Tensor {
  return new ort.Tensor('float32', new Float32Array(dims.reduce((a, d) => a * d, 1)), dims);
}

function initialState(d: number, k: number): StepState {
  return { [IO.w]: zeros([d, k]), [IO.b]: zeros([k]), [IO.mW]: zeros([d, k]), [IO.vW]: zeros([d, k]), [IO.mb]: zeros([k]), [IO.vb]: zeros([k]) };
}

export function scalar(v: number): ort.Tensor {
  return new ort.Tensor('float32', Float32Array.of(v), []);
}

/** Copies the rows `order[start..start+m)` into the batch buffers. */
export function gather(src: Float32Array, width: number, order: Uint32Array, start: number, m: number, dst: Float32Array): void {
  for (let i = 0; i < m; i++) {
    const r = order[start + i];
    dst.set(src.subarray(r * width, (r + 1) * width), i * width);
  }
}

/** Longest stretch of batches without letting timers (and AbortSignal listeners) run. */
export const YIELD_EVERY_MS = 50;
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function validate(data: TrainingData, o: TrainOptions): void {
  if (data.rows < 1) throw new Error('Training needs at least one row.');
  if (data.x.length !== data.rows * data.features) throw new Error(`x holds ${data.x.length} values, expected ${data.rows}×${data.features}.`);
  if (data.y.length !== data.rows * data.outputs) throw new Error(`y holds ${data.y.length} values, expected ${data.rows}×${data.outputs}.`);
  if (!(Number.isInteger(o.epochs) && o.epochs >= 1)) throw new Error(`epochs must be a positive integer, got ${o.epochs}.`);
  if (!(Number.isInteger(o.batchSize) && o.batchSize >= 1)) throw new Error(`batchSize must be a positive integer, got ${o.batchSize}.`);
  if (!(o.learningRate > 0 && Number.isFinite(o.learningRate))) throw new Error(`learningRate must be positive, got ${o.learningRate}.`);
  if (!(o.l2 >= 0 && Number.isFinite(o.l2))) throw new Error(`l2 must be ≥ 0, got ${o.l2}.`);
}

/** Tracks the best epoch loss and says when it stopped improving. */
export function plateauDetector(rule: EarlyStopping | undefined): (loss: number) => boolean {
  let best = Number.POSITIVE_INFINITY;
  let stale = 0;
  return (loss) => {
    if (!rule) return false;
    if (loss < best - rule.tolerance * Math.abs(best === Number.POSITIVE_INFINITY ? loss : best)) {
      best = loss;
      stale = 0;
    } else {
      stale++;
    }
    return stale >= rule.patience;
  };
}

/**
 * Trains a linear model (zero-initialized W, b) with Adam. Throws CancelledError when `signal`
 * fires (checked before every batch) and releases the session in every case.
 */
export async function trainLinear(data: TrainingData, options: TrainOptions): Promise<TrainResult> {
  validate(data, options);
  throwIfCancelled(options.signal);
  const { rows: n, features: d, outputs: k } = data;
  const step = buildLinearTrainingStep({ features: d, outputs: k, loss: options.loss });
  const { session, provider } = await openSession(step, { executionProvider: options.executionProvider, threads: options.threads });
  try {
    const batch = Math.min(options.batchSize, n);
    const tail = n % batch;
    const full = { x: new Float32Array(batch * d), y: new Float32Array(batch * k) };
    const part = { x: new Float32Array(tail * d), y: new Float32Array(tail * k) };
    const l2 = scalar(options.l2);
    const order = Uint32Array.from({ length: n }, (_, i) => i);
    const plateaued = plateauDetector(options.earlyStopping);
    let state = initialState(d, k);
    let t = 0;
    const losses: number[] = [];
    let stoppedEarly = false;
    let lastYield = performance.now();

    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      options.rng.shuffle(order);
      const lr = scalar(options.schedule === 'inverse-sqrt' ? options.learningRate / Math.sqrt(epoch) : options.learningRate);
      let lossSum = 0;
      for (let start = 0; start < n; start += batch) {
        if (performance.now() - lastYield > YIELD_EVERY_MS) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
        throwIfCancelled(options.signal);
        const m = Math.min(batch, n - start);
        const buf = m === batch ? full : part;
        gather(data.x, d, order, start, m, buf.x);
        gather(data.y, k, order, start, m, buf.y);
        t++;
        const out = await session.run({
          ...state,
          [IO.x]: new ort.Tensor('float32', buf.x, [m, d]),
          [IO.y]: new ort.Tensor('float32', buf.y, [m, k]),
          [IO.t]: scalar(t),
          [IO.lr]: lr,
          [IO.l2]: l2,
        });
        state = { [IO.w]: out[IO.outW], [IO.b]: out[IO.outB], [IO.mW]: out[IO.outMW], [IO.vW]: out[IO.outVW], [IO.mb]: out[IO.outMb], [IO.vb]: out[IO.outVb] };
        lossSum += (out[IO.loss].data as Float32Array)[0] * m;
      }
      const loss = lossSum / n;
      if (!Number.isFinite(loss)) throw new Error(`Training diverged at epoch ${epoch} (loss ${loss}); try a smaller learning rate.`);
      losses.push(loss);
      options.onIteration?.({ iteration: epoch, loss });
      // Let timers and abort listeners run even if session.run never yields to the macrotask queue.
      await yieldToEventLoop();
      lastYield = performance.now();
      if (plateaued(loss)) {
        stoppedEarly = epoch < options.epochs;
        break;
      }
    }
    return {
      weights: Float32Array.from(state[IO.w].data as Float32Array),
      bias: Float32Array.from(state[IO.b].data as Float32Array),
      losses,
      provider,
      stoppedEarly,
    };
  } finally {
    await session.release();
  }
}
