/**
 * A pipeline fitted on derived features (products, ratios: ml/features/derived.ts) as well as on
 * raw columns. It takes raw columns only, in the app and in its graph: prediction derives the
 * features first, and the graph computes them with Mul and Div in front of the inner pipeline
 * (onnx/member-graph.ts), so the exported model stays one self-contained graph.
 */
import type { Frame } from '../frame';
import { engineeredJSON, withDerived, type DerivedFeature, type EngineeredLike } from '../features/derived';
import type { Prediction } from '../prediction';
import type { FittedPipeline, InputSpec } from './pipeline';
import { WrappedPipeline } from './wrapped';

export class EngineeredPipeline extends WrappedPipeline implements EngineeredLike {
  readonly inputs: InputSpec[];

  constructor(
    inner: FittedPipeline,
    readonly derived: readonly DerivedFeature[],
  ) {
    super(inner);
    // The inner inputs without the derived ones, then any operand the inner pipeline does not take itself.
    const names = new Set(derived.map((d) => d.name));
    this.inputs = inner.inputs.filter((i) => !names.has(i.name));
    for (const d of derived) {
      for (const operand of [d.left, d.right]) if (!this.inputs.some((i) => i.name === operand)) this.inputs.push({ name: operand, kind: 'numeric' });
    }
  }

  predict(frame: Frame): Prediction {
    return this.inner.predict(withDerived(frame, this.derived));
  }

  /** Raw columns only: a derived feature's importance is shared equally by its two operands. */
  featureImportance(): { feature: string; importance: number }[] {
    const byName = new Map(this.derived.map((d) => [d.name, d]));
    const total = new Map<string, number>(this.inputs.map((i) => [i.name, 0]));
    for (const { feature, importance } of this.inner.featureImportance()) {
      const d = byName.get(feature);
      const owners = d ? [d.left, d.right] : [feature];
      for (const o of owners) total.set(o, (total.get(o) ?? 0) + importance / owners.length);
    }
    return [...total].map(([feature, importance]) => ({ feature, importance })).sort((a, b) => b.importance - a.importance);
  }

  toJSON() {
    return engineeredJSON(this.derived, this.inner.toJSON());
  }
}
