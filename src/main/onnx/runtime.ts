/**
 * Running exported pipeline graphs with ONNX Runtime: load, feed raw columns, read predictions,
 * measure latency. Feeds follow the graph I/O of export-pipeline.ts: one [N,1] tensor per raw
 * column, float with NaN for missing numbers, string with '' for missing categories.
 */
import * as ort from 'onnxruntime-node';
import type { TaskKind } from '../../shared/domain';
import { columnByName, type Frame } from '../ml/frame';
import type { Prediction } from '../ml/prediction';
import type { InputSpec } from '../ml/preprocess/design';
import { OUTPUT_NAMES } from './export-pipeline';
import { openSession, type ExecutionProvider } from './session';

/** Raw column values by input name: numbers as Float32Array (NaN = missing), categories as strings ('' = missing). */
export type ColumnFeeds = Record<string, Float32Array | string[]>;

export interface LoadOptions {
  /** Intra-op threads (ORT's default, all cores, when omitted). */
  threads?: number;
  /** 'cuda' falls back to CPU when the CUDA provider is not installed; see `provider`. */
  executionProvider?: ExecutionProvider;
}

/** A loaded pipeline graph. Call release() when done: the native session holds memory. */
export class OnnxModel {
  readonly inputNames: string[];
  readonly outputNames: string[];

  private constructor(
    private readonly session: ort.InferenceSession,
    /** The execution provider the session really runs on. */
    readonly provider: ExecutionProvider,
  ) {
    this.inputNames = [...session.inputNames];
    this.outputNames = [...session.outputNames];
  }

  /** Loads a model from bytes or a `.onnx` file path. */
  static async load(modelBytesOrPath: Uint8Array | string, options: LoadOptions = {}): Promise<OnnxModel> {
    const { session, provider } = await openSession(modelBytesOrPath, options);
    return new OnnxModel(session, provider);
  }

  /** Runs the graph on `rowCount` rows and returns the requested outputs (all when omitted). */
  async run(feeds: ColumnFeeds, rowCount: number, outputs?: string[]): Promise<Record<string, ort.Tensor>> {
    const tensors: Record<string, ort.Tensor> = {};
    for (const name of this.inputNames) {
      const values = feeds[name];
      if (values === undefined) throw new Error(`No values for model input '${name}'.`);
      if (values.length !== rowCount) throw new Error(`Input '${name}' has ${values.length} values, expected ${rowCount}.`);
      tensors[name] = values instanceof Float32Array ? new ort.Tensor('float32', values, [rowCount, 1]) : new ort.Tensor('string', values, [rowCount, 1]);
    }
    return outputs ? this.session.run(tensors, outputs) : this.session.run(tensors);
  }

  /** Predictions in the in-app shape, read from `probabilities` or `variable`. */
  async predict(feeds: ColumnFeeds, rowCount: number, task: TaskKind, classes: string[] | null): Promise<Prediction> {
    if (task === 'regression') {
      if (rowCount === 0) return { task, value: new Float64Array(0) };
      const out = await this.run(feeds, rowCount, [OUTPUT_NAMES.variable]);
      return { task, value: Float64Array.from(out[OUTPUT_NAMES.variable].data as Float32Array) };
    }
    if (!classes) throw new Error(`A ${task} prediction needs the class labels.`);
    if (rowCount === 0) return { task, classes, proba: new Float64Array(0) };
    const out = await this.run(feeds, rowCount, [OUTPUT_NAMES.probabilities]);
    const probabilities = out[OUTPUT_NAMES.probabilities];
    const k = probabilities.dims[1];
    if (k !== classes.length) throw new Error(`The model gives ${k} probabilities per row but ${classes.length} classes were expected.`);
    return { task, classes, proba: Float64Array.from(probabilities.data as Float32Array) };
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

function missingColumn(name: string): Error {
  return new Error(`Column '${name}' is missing: the model needs it as an input.`);
}

/** Feeds for the given inputs from a frame (matched by column name; extra columns ignored). */
export function feedsFromFrame(frame: Frame, inputs: readonly InputSpec[]): ColumnFeeds {
  const feeds: ColumnFeeds = {};
  for (const input of inputs) {
    const column = columnByName(frame, input.name);
    if (!column) throw missingColumn(input.name);
    if (column.kind !== input.kind) throw new Error(`Column '${input.name}' is ${column.kind} but the model takes it as ${input.kind}.`);
    feeds[input.name] = column.kind === 'numeric' ? Float32Array.from(column.values) : Array.from(column.codes, (c) => (c >= 0 ? column.categories[c] : ''));
  }
  return feeds;
}

/** A CSV cell as a number: NaN for missing, empty or unparseable text. */
export function parseNumberCell(cell: string | null): number {
  if (cell === null) return Number.NaN;
  const text = cell.trim();
  return text === '' ? Number.NaN : Number(text);
}

/** Feeds from text cells (e.g. a CSV read as strings); null is missing. */
export function feedsFromText(columns: Record<string, (string | null)[]>, inputs: readonly InputSpec[]): ColumnFeeds {
  const feeds: ColumnFeeds = {};
  let rows: number | null = null;
  for (const input of inputs) {
    const cells = Object.hasOwn(columns, input.name) ? columns[input.name] : undefined;
    if (!cells) throw missingColumn(input.name);
    if (rows !== null && cells.length !== rows) throw new Error(`Column '${input.name}' has ${cells.length} cells but others have ${rows}.`);
    rows = cells.length;
    feeds[input.name] = input.kind === 'numeric' ? Float32Array.from(cells, parseNumberCell) : cells.map((c) => c ?? '');
  }
  return feeds;
}

/** Value at quantile q (0..1) of sorted values, nearest rank. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/**
 * Per-call latency of `model` on `feeds` (typically one row), in milliseconds, after a short
 * warm-up. Includes tensor creation and output copies, as a caller would see.
 */
export async function measureLatency(model: OnnxModel, feeds: ColumnFeeds, iterations: number): Promise<{ p50: number; p95: number; p99: number }> {
  const first = Object.values(feeds)[0];
  const rowCount = first ? first.length : 1;
  const count = Math.max(1, Math.floor(iterations));
  for (let i = 0; i < Math.min(10, count); i++) await model.run(feeds, rowCount);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await model.run(feeds, rowCount);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), p99: percentile(times, 0.99) };
}
