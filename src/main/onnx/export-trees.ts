/**
 * Exports a fitted tree pipeline as one ONNX graph with the I/O of export-pipeline.ts (raw
 * columns in; `label` + `probabilities`, or `variable`, out).
 *
 * Inside: numeric inputs go to the trees as they are (NaN = missing, routed by
 * nodes_missing_value_tracks_true); each categorical input → ai.onnx.ml LabelEncoder (string →
 * the model's category index as float, −1 for missing or unseen) so one-vs-rest category splits
 * are single nodes. They are written as BRANCH_NEQ (true → right), not BRANCH_EQ: ORT 1.30
 * rewrites chains of BRANCH_EQ nodes on one feature into a set-membership test and then routes
 * "x == a, else x == b" rows wrongly when the two true branches differ (found by the parity
 * test on extra trees). Concat → Cast to double → ai.onnx.ml TreeEnsembleRegressor (raw
 * scores, SUM of leaf weights + base values) → Cast to double → Sigmoid / Softmax / identity.
 *
 * Why double: ORT 1.30 runs TreeEnsemble with double thresholds and double accumulation only for
 * double inputs (then it reads the `*_as_tensor` double attributes); for float inputs it sums in
 * float32, which drifts by ~1e-5 relative over a few hundred trees. Casting float32 inputs to
 * double is exact, so the float32 thresholds compare exactly as Math.fround(x) ≤ t in JS and
 * the sum matches the in-app double sum.
 */
import type { TaskKind } from '../../shared/domain';
import type { InputSpec } from '../ml/preprocess/design';
import type { TreeModel } from '../ml/trees/tree-model';
import { addPredictionOutputs, addRawInputs } from './export-pipeline';
import { DATA_TYPE, GraphBuilder, ML_DOMAIN, attr, tensor } from './graph-builder';

/** Everything the graph of one tree pipeline needs. */
export interface TreeGraphSpec {
  task: TaskKind;
  classes: string[] | null;
  model: TreeModel;
}

/** Raw inputs of a tree model, in feature order. */
export function treeInputs(model: TreeModel): InputSpec[] {
  return model.features.map((f) => ({ name: f.name, kind: f.kind }));
}

/** The [N, F] float feature matrix the trees branch on. */
function addFeatureMatrix(g: GraphBuilder, model: TreeModel, input: (name: string) => string): string {
  const columns = model.features.map((f) => {
    if (f.kind === 'numeric') return input(f.name);
    const keys = f.categories.length > 0 ? f.categories : [''];
    const values = f.categories.length > 0 ? f.categories.map((_, i) => i) : [-1];
    return g.op('LabelEncoder', [input(f.name)], { keys_strings: attr.strings(keys), values_floats: attr.floats(values), default_float: attr.float(-1) }, { domain: ML_DOMAIN });
  });
  return columns.length === 1 ? columns[0] : g.op('Concat', columns, { axis: attr.int(1) });
}

/** TreeEnsembleRegressor attributes for all trees. */
function ensembleAttributes(model: TreeModel) {
  const treeIds: number[] = [];
  const nodeIds: number[] = [];
  const featureIds: number[] = [];
  const modes: string[] = [];
  const values: number[] = [];
  const trueIds: number[] = [];
  const falseIds: number[] = [];
  const missingTrue: number[] = [];
  const tTree: number[] = [];
  const tNode: number[] = [];
  const tTarget: number[] = [];
  const tWeight: number[] = [];
  model.trees.forEach((tree, t) => {
    const m = tree.feature.length;
    const ref = (r: number): number => (r >= 0 ? r : m + ~r);
    for (let i = 0; i < m; i++) {
      treeIds.push(t);
      nodeIds.push(i);
      featureIds.push(tree.feature[i]);
      // Category splits as "x ≠ c → right": see the header for why not BRANCH_EQ.
      const cat = tree.categorical[i] === 1;
      modes.push(cat ? 'BRANCH_NEQ' : 'BRANCH_LEQ');
      values.push(tree.threshold[i]);
      trueIds.push(ref(cat ? tree.right[i] : tree.left[i]));
      falseIds.push(ref(cat ? tree.left[i] : tree.right[i]));
      missingTrue.push(!tree.categorical[i] && tree.defaultLeft[i] ? 1 : 0);
    }
    const leaves = tree.leafValues.length / tree.width;
    for (let l = 0; l < leaves; l++) {
      treeIds.push(t);
      nodeIds.push(m + l);
      featureIds.push(0);
      modes.push('LEAF');
      values.push(0);
      trueIds.push(0);
      falseIds.push(0);
      missingTrue.push(0);
      for (let k = 0; k < tree.width; k++) {
        tTree.push(t);
        tNode.push(m + l);
        tTarget.push(tree.width === 1 ? tree.target : k);
        tWeight.push(tree.leafValues[l * tree.width + k]);
      }
    }
  });
  return {
    n_targets: attr.int(model.outputs),
    aggregate_function: attr.string('SUM'),
    post_transform: attr.string('NONE'),
    base_values_as_tensor: attr.tensor(tensor.double(model.init)),
    nodes_treeids: attr.ints(treeIds),
    nodes_nodeids: attr.ints(nodeIds),
    nodes_featureids: attr.ints(featureIds),
    nodes_modes: attr.strings(modes),
    nodes_values_as_tensor: attr.tensor(tensor.double(values)),
    nodes_truenodeids: attr.ints(trueIds),
    nodes_falsenodeids: attr.ints(falseIds),
    nodes_missing_value_tracks_true: attr.ints(missingTrue),
    target_treeids: attr.ints(tTree),
    target_nodeids: attr.ints(tNode),
    target_ids: attr.ints(tTarget),
    target_weights_as_tensor: attr.tensor(tensor.double(tWeight)),
  };
}

/**
 * Adds one tree pipeline on top of the raw inputs. Returns a double tensor: probabilities
 * [N, K] (classification) or values [N, 1] (regression).
 */
export function addTreePipeline(g: GraphBuilder, spec: TreeGraphSpec, input: (name: string) => string): string {
  const { model } = spec;
  return addTreeEnsemble(g, model, g.op('Cast', [addFeatureMatrix(g, model, input)], { to: attr.int(DATA_TYPE.double) }));
}

/**
 * The trees of `model` on a double [N, F] feature tensor `x` (column f = model.features[f]; a
 * categorical column holds category indexes): TreeEnsembleRegressor, then the output transform.
 * Returns double probabilities [N, K] or values [N, 1]. The stacking export runs it on the
 * members' outputs (a tree meta-learner).
 */
export function addTreeEnsemble(g: GraphBuilder, model: TreeModel, x: string): string {
  const raw = g.op('TreeEnsembleRegressor', [x], ensembleAttributes(model), { domain: ML_DOMAIN });
  const scores = g.op('Cast', [raw], { to: attr.int(DATA_TYPE.double) });
  if (model.transform === 'identity') return scores;
  if (model.transform === 'softmax') return g.op('Softmax', [scores], { axis: attr.int(-1) });
  const p = g.op('Sigmoid', [scores]);
  const q = g.op('Sub', [g.constant(tensor.double([1], []), 'one'), p]);
  return g.op('Concat', [q, p], { axis: attr.int(1) });
}

/** The whole tree pipeline as one serialized ONNX model. */
export function exportTreePipeline(spec: TreeGraphSpec): Uint8Array {
  const g = new GraphBuilder('mlestar_tree_pipeline');
  const input = addRawInputs(g, treeInputs(spec.model));
  addPredictionOutputs(g, spec.task, spec.classes, addTreePipeline(g, spec, input));
  return g.toBytes(`MLE-STAR Studio tree pipeline (${spec.task}, ${spec.model.trees.length} trees)`);
}
