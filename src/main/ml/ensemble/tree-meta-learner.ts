/**
 * The tree meta-learner for stacking: a small gradient-boosted ensemble (the app's own GBDT,
 * ml/trees/) over the members' outputs side by side (meta-features.ts: m·k clipped
 * log-probabilities, or m values). Like the MLP meta-learner it can trust members differently
 * where their outputs differ ("member A when member C says x, member B otherwise"), which a
 * weighted average cannot; unlike it, it needs no scaling and fits step functions, so it suits
 * members whose usefulness changes sharply with their output.
 *
 * Kept small on purpose (DEFAULT_TREE_META_PARAMS: 50 rounds of 7-leaf trees, learning rate 0.1,
 * at least 20 rows a leaf, 63 bins, one thread; fewer rounds past 5 classes, treeMetaParams): it learns from a few thousand out-of-fold rows and is
 * scored on folds it never saw. The fitted trees are stored as the tree pipeline's JSON form
 * (tree-json.ts), so the model stays plain data; the ONNX export reuses the tree exporter's
 * TreeEnsembleRegressor on the meta-feature tensor (onnx/ensemble-graph.ts).
 */
import type { Frame } from '../frame';
import type { Prediction } from '../prediction';
import type { Rng } from '../rng';
import { DEFAULT_GBDT_PARAMS, type GbdtParams } from '../trees/params';
import { treeModelFromJSON, treeModelToJSON, type TreeModelJSON } from '../trees/tree-json';
import { gainByFeature, predictTreeModel, type TreeModel } from '../trees/tree-model';
import { fitTreePipeline } from '../trees/tree-pipeline';
import { memberShape } from './members';
import { metaColumnName, metaFeatures, type MetaFeatures } from './meta-features';

/** A fitted tree meta-learner: plain data, serializable as JSON. */
export interface TreeStackModel {
  kind: 'trees';
  task: Prediction['task'];
  classes: string[] | null;
  /** Each member's share of the trees' split gain (sums to 1): how much the trees use it, not a weight they apply. */
  weights: number[];
  /** The boosted trees over the meta features (columns named by metaColumnName), as tree-json.ts writes them. */
  trees: TreeModelJSON;
}

export const DEFAULT_TREE_META_PARAMS: GbdtParams = {
  ...DEFAULT_GBDT_PARAMS,
  numIterations: 50,
  numLeaves: 7,
  learningRate: 0.1,
  minDataInLeaf: 20,
  // 63 bins, not 255: a few thousand rows need no finer cuts, and on so few rows the split
  // search over 26 classes × 5 members = 130 columns costs as much as the histograms.
  maxBin: 63,
  earlyStoppingRounds: 0,
  numThreads: 1,
};

/**
 * The params for `classes` classes (0 or 1: regression or binary, one tree a round). A multiclass
 * booster grows a tree per class per round over members × classes columns, so past 5 classes it
 * gets fewer rounds (about 250 trees in all, at least 10 rounds) with a larger learning rate (up to
 * 0.3): 26 classes × 5 members would otherwise be 1,300 trees over 130 columns, 8 s a fit.
 */
export function treeMetaParams(classes: number): GbdtParams {
  if (classes <= 5) return { ...DEFAULT_TREE_META_PARAMS };
  const rounds = Math.max(10, Math.min(DEFAULT_TREE_META_PARAMS.numIterations, Math.round(250 / classes)));
  return { ...DEFAULT_TREE_META_PARAMS, numIterations: rounds, learningRate: Math.min(0.3, (DEFAULT_TREE_META_PARAMS.learningRate * DEFAULT_TREE_META_PARAMS.numIterations) / rounds) };
}

export interface TreeMetaLearnerOptions {
  /** Binning and quantization draws: the same seed, the same trees. */
  rng: Rng;
  /** Over treeMetaParams(classes). */
  params?: Partial<GbdtParams>;
  signal?: AbortSignal;
}

/** The meta features as a frame of numeric columns named by metaColumnName. */
function metaFrame(task: Prediction['task'], k: number, features: MetaFeatures): Frame {
  const { rows, width, values } = features;
  const columns = Array.from({ length: width }, (_, j) => {
    const column = new Float64Array(rows);
    for (let i = 0; i < rows; i++) column[i] = values[i * width + j];
    return { kind: 'numeric' as const, name: metaColumnName(j, k, task), values: column };
  });
  return { rowCount: rows, columns };
}

/** Fits the tree meta-learner on member predictions for the same rows and the true `y`. */
export async function fitTreeMetaLearner(members: readonly Prediction[], y: Float64Array, options: TreeMetaLearnerOptions): Promise<TreeStackModel> {
  const shape = memberShape(members);
  if (y.length !== shape.rows) throw new RangeError(`Got ${y.length} targets for ${shape.rows} predicted rows.`);
  const frame = metaFrame(shape.task, shape.width, metaFeatures(members));
  const params = { ...treeMetaParams(shape.task === 'multiclass' ? shape.width : 1), ...options.params };
  const fitted = await fitTreePipeline(frame, y, shape.task, shape.classes, { family: 'gbdt', params }, { rng: options.rng, signal: options.signal });
  const gains = gainByFeature(fitted.model);
  const perMember = members.map((_, j) => {
    let s = 0;
    for (let c = 0; c < shape.width; c++) s += gains[j * shape.width + c];
    return s;
  });
  const total = perMember.reduce((a, v) => a + v, 0);
  const weights = perMember.map((v) => (total > 0 ? v / total : 1 / members.length));
  return { kind: 'trees', task: shape.task, classes: shape.classes, weights, trees: treeModelToJSON(fitted.model) };
}

/** Parsed tree models, per stack model (parsing validates and rebuilds typed arrays). */
const parsed = new WeakMap<TreeStackModel, TreeModel>();

/** The boosted trees of a tree meta-learner, as a TreeModel (for prediction and export). */
export function treeMetaModel(model: TreeStackModel): TreeModel {
  let trees = parsed.get(model);
  if (!trees) {
    trees = treeModelFromJSON(model.trees);
    parsed.set(model, trees);
  }
  return trees;
}

/** The tree meta-learner's prediction from member predictions (same member order as in fitting). */
export function applyTreeMetaLearner(model: TreeStackModel, members: readonly Prediction[]): Prediction {
  const shape = memberShape(members);
  if (members.length !== model.weights.length) throw new RangeError(`The meta-learner was fitted on ${model.weights.length} members, got ${members.length}.`);
  const trees = treeMetaModel(model);
  if (trees.features.length !== members.length * shape.width) throw new RangeError(`The tree meta-learner reads ${trees.features.length} member outputs, got ${members.length * shape.width}.`);
  return predictTreeModel(trees, metaFrame(shape.task, shape.width, metaFeatures(members)), shape.task, shape.classes);
}
