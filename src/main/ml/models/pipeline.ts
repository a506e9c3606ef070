/**
 * The contract of a fitted model pipeline (preprocessing + model), the unit the workflow
 * cross-validates, blends, serializes and exports to ONNX. Families: linear (linear.ts) and mlp
 * (mlp.ts), both trained by ONNX Runtime, and the tree families (ml/trees/tree-pipeline.ts).
 */
import type { TaskKind } from '../../../shared/domain';
import type { Frame } from '../frame';
import type { Prediction } from '../prediction';
import type { Rng } from '../rng';
import type { ForestParams, GbdtParams } from '../trees/params';
import type { LinearParams } from './linear';
import type { MlpParams } from './mlp';

export type { InputSpec } from '../preprocess/design';
import type { InputSpec } from '../preprocess/design';

/** Model families a pipeline can hold. */
export type PipelineFamily = 'linear' | 'mlp' | 'gbdt' | 'random-forest' | 'extra-trees';

/** The hyperparameters of each family. */
export interface FamilyParams {
  linear: LinearParams;
  mlp: MlpParams;
  gbdt: GbdtParams;
  'random-forest': ForestParams;
  'extra-trees': ForestParams;
}

export type PipelineParams = FamilyParams[PipelineFamily];

export interface FitOptions {
  /** Shuffling (and any other randomness) of the fit. */
  rng: Rng;
  /** Cancels the fit; it then rejects with CancelledError (name 'AbortError'). */
  signal?: AbortSignal;
  /** Called once per epoch (linear) or boosting round / tree (trees) with the current loss (NaN where none is tracked). */
  onIteration?: (info: { iteration: number; loss: number }) => void;
  /** Where ONNX Runtime trains (linear, mlp); 'cuda' falls back to CPU when CUDA is not installed. */
  executionProvider?: 'cpu' | 'cuda';
  /**
   * Epoch ms after which the fit starts no further boosting round or tree and keeps what it has
   * (tree families; the run's time budget); MLP fits start no further epoch. Linear fits are
   * short and ignore it.
   */
  deadline?: number;
}

export interface FittedPipeline {
  readonly family: PipelineFamily;
  readonly params: PipelineParams;
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
  toJSON(): { format: 'mlestar.pipeline'; version: 1; family: PipelineFamily; [k: string]: unknown };
}

export { DEFAULT_LINEAR_PARAMS, fitLinearPipeline, type LinearParams } from './linear';
export { pipelineFromJSON } from './pipeline-json';
