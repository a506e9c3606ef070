/**
 * One fitted pipeline's subgraph inside a larger graph (a single model, a vote, a stack): the
 * family's exporter, on inputs given by name. A pipeline with derived features (products,
 * ratios: ml/features/derived.ts) gets them as Mul and Div nodes on its raw float inputs, made
 * once per graph and shared by every member that uses them. A pipeline fitted on a transformed
 * target (ml/target-transform.ts) gets the inverse after its output.
 */
import { isEngineered, type DerivedFeature } from '../ml/features/derived';
import { linearGraphSpec } from '../ml/models/linear';
import { mlpGraphSpec } from '../ml/models/mlp';
import type { FittedPipeline } from '../ml/models/pipeline';
import { TreePipeline, treePipelineFromJSON } from '../ml/trees/tree-pipeline';
import { addMlpPipeline } from './export-mlp';
import { addLinearPipeline } from './export-pipeline';
import { addTreePipeline } from './export-trees';
import { tensor, type GraphBuilder } from './graph-builder';
import { isTargetTransformed, type TargetTransform } from '../ml/target-transform';

/** Derived tensors already built, per graph (members of one ensemble share them). */
const builtDerived = new WeakMap<GraphBuilder, Map<string, string>>();

/** An input accessor that also knows `derived`: each a Mul or Div of two raw inputs. */
function withDerivedInputs(g: GraphBuilder, input: (name: string) => string, derived: readonly DerivedFeature[]): (name: string) => string {
  const byName = new Map(derived.map((d) => [d.name, d]));
  const built = builtDerived.get(g) ?? new Map<string, string>();
  builtDerived.set(g, built);
  return (name) => {
    const d = byName.get(name);
    if (!d) return input(name);
    const key = `${d.op}\u0000${d.left}\u0000${d.right}`;
    let out = built.get(key);
    if (!out) {
      out = g.op(d.op === 'product' ? 'Mul' : 'Div', [input(d.left), input(d.right)]);
      built.set(key, out);
    }
    return out;
  };
}

/** The inverse of a target transform on a member's double values, as ml/target-transform.ts inverseTarget computes it. */
function addTargetInverse(g: GraphBuilder, kind: TargetTransform, values: string): string {
  const zero = g.constant(tensor.double([0], []), 'zero');
  if (kind === 'log1p') return g.op('Max', [g.op('Sub', [g.op('Exp', [values]), g.constant(tensor.double([1], []), 'one')]), zero]);
  const clipped = g.op('Max', [values, zero]);
  return g.op('Mul', [clipped, clipped]);
}

/** Adds one member's subgraph (any family); returns its double probabilities or values. */
export function addMember(g: GraphBuilder, model: FittedPipeline, input: (name: string) => string): string {
  if (isTargetTransformed(model)) return addTargetInverse(g, model.targetTransform, addMember(g, model.inner, input));
  if (isEngineered(model)) return addMember(g, model.inner, withDerivedInputs(g, input, model.derived));
  if (model.family === 'linear') return addLinearPipeline(g, linearGraphSpec(model), input);
  if (model.family === 'mlp') return addMlpPipeline(g, mlpGraphSpec(model), input);
  const tree = model instanceof TreePipeline ? model : treePipelineFromJSON(model.toJSON());
  return addTreePipeline(g, tree.graphSpec(), input);
}
