/**
 * A regression pipeline fitted on a transformed target (ml/target-transform.ts): it predicts on
 * the transformed scale and hands back values on the target's own scale, in the app and in its
 * graph (onnx/member-graph.ts appends the inverse), so the exported model stays one graph whose
 * output is the price, not its logarithm.
 */
import type { Frame } from '../frame';
import type { Prediction } from '../prediction';
import { inverseTarget, targetTransformedJSON, type TargetTransform, type TargetTransformedLike } from '../target-transform';
import type { FittedPipeline, InputSpec } from './pipeline';
import { WrappedPipeline } from './wrapped';

export class TargetTransformedPipeline extends WrappedPipeline implements TargetTransformedLike {
  readonly inputs: InputSpec[];

  constructor(
    inner: FittedPipeline,
    readonly targetTransform: TargetTransform,
  ) {
    if (inner.task !== 'regression') throw new Error(`A target transform is for regression; this pipeline does ${inner.task}.`);
    super(inner);
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

  toJSON() {
    return targetTransformedJSON(this.targetTransform, this.inner.toJSON());
  }
}
