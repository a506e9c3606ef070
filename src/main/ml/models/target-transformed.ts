/**
 * A regression pipeline fitted on a transformed target (ml/target-transform.ts): it predicts on
 * the transformed scale and hands back values on the target's own scale, in the app and in its
 * graph (onnx/member-graph.ts appends the inverse), so the exported model stays one graph whose
 * output is the price, not its logarithm.
 */
import type { TaskKind } from '../../../shared/domain';
import { exportSolutionOnnx } from '../../onnx/ensemble-graph';
import type { Frame } from '../frame';
import type { Prediction } from '../prediction';
import { inverseTarget, targetTransformedJSON, type TargetTransform, type TargetTransformedLike } from '../target-transform';
import type { FittedPipeline, InputSpec, PipelineFamily, PipelineParams } from './pipeline';

export class TargetTransformedPipeline implements TargetTransformedLike {
  readonly family: PipelineFamily;
  readonly params: PipelineParams;
  readonly task: TaskKind;
  readonly classes: string[] | null;
  readonly inputs: InputSpec[];

  constructor(
    readonly inner: FittedPipeline,
    readonly targetTransform: TargetTransform,
  ) {
    if (inner.task !== 'regression') throw new Error(`A target transform is for regression; this pipeline does ${inner.task}.`);
    this.family = inner.family;
    this.params = inner.params;
    this.task = inner.task;
    this.classes = inner.classes;
    this.inputs = inner.inputs;
  }

  predict(frame: Frame): Prediction {
    const p = this.inner.predict(frame);
    if (p.task !== 'regression') throw new Error('The inner pipeline of a target transform must predict values.');
    return { task: 'regression', value: p.value.map((v) => inverseTarget(this.targetTransform, v)) };
  }

  featureImportance(): { feature: string; importance: number }[] {
    return this.inner.featureImportance();
  }

  toOnnx(): Uint8Array {
    return exportSolutionOnnx([this], [1]);
  }

  toJSON() {
    return targetTransformedJSON(this.targetTransform, this.inner.toJSON());
  }
}
