/**
 * A pipeline around an inner one (derived features: engineered.ts; a target transform:
 * target-transformed.ts): it is the inner pipeline's family, with its params, task and classes,
 * and exports as a one-member solution graph, which knows how to put the wrapper's steps around
 * the inner pipeline's subgraph (onnx/member-graph.ts).
 */
import type { TaskKind } from '../../../shared/domain';
import { exportSolutionOnnx } from '../../onnx/ensemble-graph';
import type { Frame } from '../frame';
import type { Prediction } from '../prediction';
import type { FittedPipeline, InputSpec, PipelineFamily, PipelineParams } from './pipeline';

export abstract class WrappedPipeline implements FittedPipeline {
  readonly family: PipelineFamily;
  readonly params: PipelineParams;
  readonly task: TaskKind;
  readonly classes: string[] | null;
  abstract readonly inputs: InputSpec[];

  constructor(readonly inner: FittedPipeline) {
    this.family = inner.family;
    this.params = inner.params;
    this.task = inner.task;
    this.classes = inner.classes;
  }

  abstract predict(frame: Frame): Prediction;
  abstract featureImportance(): { feature: string; importance: number }[];
  abstract toJSON(): ReturnType<FittedPipeline['toJSON']>;

  toOnnx(): Uint8Array {
    return exportSolutionOnnx([this], [1]);
  }
}
