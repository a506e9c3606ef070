/**
 * Exports a weighted soft-vote of fitted pipelines as one ONNX graph with the same I/O as a
 * single pipeline (export-pipeline.ts): the members share the raw-column inputs, each computes
 * its probabilities (or values), and the graph outputs Σ (wᵢ / Σw) · memberᵢ, with `label` the
 * most probable class of the blend. This mirrors workflow/blend.ts. Members may be of any family
 * (linear and tree pipelines mix): each adds its own subgraph returning double probabilities.
 *
 * A hard vote counts each member's most probable class instead: ArgMax (first of equal maxima,
 * as ml/metrics.ts argmaxRows), Equal against the class indexes, Cast to double, weighted and
 * summed, so the probabilities are the vote shares (ml/ensemble/voting.ts hardVote).
 *
 * A stacked (or blended) ensemble puts its linear meta-learner (ml/ensemble/meta-learner.ts) on
 * top of the members' outputs instead of the weighted sum: for classification the log-linear
 * pool, Softmax(b + Σ wᵢ · Log(Max(pᵢ, 1e-6))) (for two classes exactly a logistic regression
 * on the members' logits); for regression the ridge, b + Σ wᵢ · valueᵢ.
 *
 * The non-linear meta-learners read the members' outputs side by side, X = Concat(uᵢ) with uᵢ
 * = Log(Max(pᵢ, 1e-6)) or valueᵢ (ml/ensemble/meta-features.ts). The MLP adds its hidden layer
 * to the linear stack above: … + MatMul(Tanh(MatMul((X − mean) / scale, W1) + b1), W2), then
 * Softmax. The trees run the tree exporter's TreeEnsembleRegressor on X, first rounded to float
 * and back (Cast, Cast) because the in-app trees compare float32 values (ml/trees/tree.ts).
 */
import { MIN_PROBA, type StackModel } from '../ml/ensemble/meta-learner';
import { treeMetaModel } from '../ml/ensemble/tree-meta-learner';
import type { FittedPipeline } from '../ml/models/pipeline';
import type { InputSpec } from '../ml/preprocess/design';
import { addPredictionOutputs, addRawInputs } from './export-pipeline';
import { addTreeEnsemble } from './export-trees';
import { attr, DATA_TYPE, GraphBuilder, tensor } from './graph-builder';
import { addMember } from './member-graph';

/** The union of the members' raw inputs, in first-seen order. */
export function solutionInputs(models: readonly FittedPipeline[]): InputSpec[] {
  const seen = new Map<string, InputSpec>();
  for (const m of models) {
    for (const input of m.inputs) {
      const known = seen.get(input.name);
      if (known && known.kind !== input.kind) throw new Error(`Column '${input.name}' is ${known.kind} in one model and ${input.kind} in another.`);
      if (!known) seen.set(input.name, { ...input });
    }
  }
  return [...seen.values()];
}

function checkSolution(models: readonly FittedPipeline[], weights: readonly number[]): void {
  if (models.length === 0) throw new Error('An ensemble needs at least one model.');
  if (weights.length !== models.length) throw new Error(`${models.length} models but ${weights.length} weights.`);
  if (!weights.every((w) => w >= 0 && Number.isFinite(w)) || weights.reduce((a, w) => a + w, 0) <= 0) {
    throw new Error('Ensemble weights must be non-negative with a positive sum.');
  }
  const [first] = models;
  for (const m of models) {
    if (m.task !== first.task) throw new Error(`Cannot blend a ${m.task} model with a ${first.task} model.`);
    if (JSON.stringify(m.classes) !== JSON.stringify(first.classes)) throw new Error('Cannot blend models with different classes.');
  }
}

/**
 * One ONNX graph for the weighted blend of `models` (a single model exports as itself), or, with
 * `stack`, for the meta-learner over the models' outputs (`weights` are then not used); `hard`:
 * a weighted vote of the members' predicted classes (classification).
 */
export function exportSolutionOnnx(models: readonly FittedPipeline[], weights: readonly number[], stack?: StackModel, options: { hard?: boolean } = {}): Uint8Array {
  if (stack) return exportStackOnnx(models, stack);
  checkSolution(models, weights);
  const hard = options.hard === true && models.length > 1;
  const classes = models[0].classes;
  if (hard && (models[0].task === 'regression' || !classes)) throw new Error('A hard vote needs classes to count; a regression blends its values (soft vote).');
  const total = weights.reduce((a, w) => a + w, 0);
  const g = new GraphBuilder(models.length === 1 ? `mlestar_${models[0].family.replace('-', '_')}_pipeline` : hard ? 'mlestar_hard_vote' : 'mlestar_soft_vote');
  const input = addRawInputs(g, solutionInputs(models));
  const classIndexes = hard ? g.constant(tensor.int64(Array.from({ length: classes?.length ?? 0 }, (_, c) => c), [1, classes?.length ?? 0]), 'class_index') : '';
  const members = models.map((m, i) => {
    const out = addMember(g, m, input);
    if (models.length === 1) return out;
    // Hard: 1 for the member's most probable class (the first of equal maxima), 0 elsewhere.
    const vote = hard ? g.op('Cast', [g.op('Equal', [g.op('ArgMax', [out], { axis: attr.int(1), keepdims: attr.int(1) }), classIndexes])], { to: attr.int(DATA_TYPE.double) }) : out;
    return g.op('Mul', [vote, g.constant(tensor.double([weights[i] / total], []), 'weight')]);
  });
  const blended = members.length === 1 ? members[0] : g.op('Sum', members);
  addPredictionOutputs(g, models[0].task, models[0].classes, blended);
  return g.toBytes(models.length === 1 ? 'MLE-STAR Studio pipeline' : `MLE-STAR Studio ${hard ? 'hard' : 'soft'} vote of ${models.length} pipelines`);
}

function exportStackOnnx(models: readonly FittedPipeline[], stack: StackModel): Uint8Array {
  checkSolution(models, models.map(() => 1));
  const [first] = models;
  if (stack.weights.length !== models.length) throw new Error(`The meta-learner has ${stack.weights.length} member weights for ${models.length} models.`);
  if (stack.task !== first.task || JSON.stringify(stack.classes) !== JSON.stringify(first.classes)) throw new Error('The meta-learner was fitted for another task or other classes than its members.');
  const numbers = stack.kind === 'trees' ? [stack.weights] : stack.kind === 'mlp' ? [stack.weights, stack.intercepts, stack.inputMean, stack.inputScale, stack.w1, stack.b1, stack.w2] : [stack.weights, stack.intercepts];
  if (!numbers.every((list) => list.every(Number.isFinite))) throw new Error('The meta-learner has a weight that is not a finite number.');
  const g = new GraphBuilder('mlestar_stacking');
  const input = addRawInputs(g, solutionInputs(models));
  const outputs = models.map((m) => addMember(g, m, input));
  const classification = first.task !== 'regression';
  // What the meta-learner reads from each member: its clipped log-probabilities, or its value.
  let inputs = outputs;
  if (classification) {
    const floor = g.constant(tensor.double([MIN_PROBA], []), 'min_proba');
    inputs = outputs.map((out) => g.op('Log', [g.op('Max', [out, floor])]));
  }
  const side = (): string => (inputs.length === 1 ? inputs[0] : g.op('Concat', inputs, { axis: attr.int(1) }));
  let final: string;
  if (stack.kind === 'trees') {
    const x = g.op('Cast', [g.op('Cast', [side()], { to: attr.int(DATA_TYPE.float) })], { to: attr.int(DATA_TYPE.double) });
    final = addTreeEnsemble(g, treeMetaModel(stack), x);
  } else {
    const terms = inputs.map((u, i) => g.op('Mul', [u, g.constant(tensor.double([stack.weights[i]], []), 'stack_weight')]));
    let scores = g.op('Sum', [g.constant(tensor.double(stack.intercepts, [stack.intercepts.length]), 'stack_intercepts'), ...terms]);
    if (stack.kind === 'mlp') {
      const d = stack.inputMean.length;
      const h = stack.hidden;
      const standardized = g.op('Div', [g.op('Sub', [side(), g.constant(tensor.double(stack.inputMean, [d]), 'meta_mean')]), g.constant(tensor.double(stack.inputScale, [d]), 'meta_scale')]);
      const hidden = g.op('Tanh', [g.op('Add', [g.op('MatMul', [standardized, g.constant(tensor.double(stack.w1, [d, h]), 'meta_W1')]), g.constant(tensor.double(stack.b1, [h]), 'meta_b1')])]);
      scores = g.op('Add', [scores, g.op('MatMul', [hidden, g.constant(tensor.double(stack.w2, [h, stack.w2.length / h]), 'meta_W2')])]);
    }
    final = classification ? g.op('Softmax', [scores], { axis: attr.int(1) }) : scores;
  }
  addPredictionOutputs(g, first.task, first.classes, final);
  return g.toBytes(`MLE-STAR Studio stack of ${models.length} pipelines (${stack.kind} meta-learner)`);
}
