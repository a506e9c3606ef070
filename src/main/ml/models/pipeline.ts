/**
 * The contract of a fitted model pipeline (preprocessing + model), the unit the workflow
 * cross-validates, blends, serializes and exports to ONNX. Only the linear family exists so far;
 * its implementation is in linear.ts, re-exported here so either module can be imported.
 */
import type { TaskKind } from '../../../shared/domain';
import type { Frame } from '../frame';
import type { Prediction } from '../prediction';
import type { Rng } from '../rng';
import type { LinearParams } from './linear';

export type { InputSpec } from '../preprocess/design';
import type { InputSpec } from '../preprocess/design';

export interface FitOptions {
  /** Shuffling (and any other randomness) of the fit. */
  rng: Rng;
  /** Cancels the fit; it then rejects with CancelledError (name 'AbortError'). */
  signal?: AbortSignal;
  /** Called once per epoch with the mean training loss. */
  onIteration?: (info: { iteration: number; loss: number }) => void;
  /** Where ONNX Runtime trains; 'cuda' falls back to CPU when CUDA is not installed. */
  executionProvider?: 'cpu' | 'cuda';
}

export interface FittedPipeline {
  readonly family: 'linear';
  readonly params: LinearParams;
  readonly task: TaskKind;
  /** Class labels in probability-column order; null for regression. */
  readonly classes: string[] | null;
  /** Raw columns the graph takes, in order. */
  readonly inputs: InputSpec[];
  /** Pure JS prediction; the frame may have extra columns; columns are matched by name. */
  predict(frame: Frame): Prediction;
  /** Per raw input column, normalized to sum to 1, largest first. */
  featureImportance(): { feature: string; importance: number }[];
  /** The whole pipeline as one ONNX graph (I/O documented in onnx/export-pipeline.ts). */
  toOnnx(): Uint8Array;
  toJSON(): { format: 'mlestar.pipeline'; version: 1; [k: string]: unknown };
}

export { DEFAULT_LINEAR_PARAMS, fitLinearPipeline, pipelineFromJSON, type LinearParams } from './linear';
