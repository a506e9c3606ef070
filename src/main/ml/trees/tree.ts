/**
 * A fitted decision tree in flat typed arrays, and its traversal on float32 feature values
 * (in-app prediction) or on bins (training-time updates of held-out scores).
 *
 * Node refs: a value ≥ 0 is an internal node, a negative value r is leaf ~r. Numeric nodes send
 * x ≤ threshold left and NaN to the `defaultLeft` side (ONNX BRANCH_LEQ with
 * missing_value_tracks_true); categorical nodes send x == threshold (a category index) left and
 * everything else, missing and unseen included, right (ONNX BRANCH_EQ).
 */
export interface Tree {
  /** Internal node count m; arrays below indexed by node are length m. */
  feature: Int32Array;
  /** float32-representable threshold (numeric) or category index (categorical). */
  threshold: Float64Array;
  /** The same split on bins: left when bin ≤ binThreshold (numeric) or bin == binThreshold (categorical). */
  binThreshold: Int32Array;
  categorical: Uint8Array;
  defaultLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  /** Split gain per node (for feature importance). */
  gain: Float64Array;
  /** leaves × width values. */
  leafValues: Float64Array;
  /** Values per leaf: 1 (a score or value) or K (class probabilities of a forest). */
  width: number;
  /** Output column of a width-1 tree (the class of a multiclass booster's tree); 0 otherwise. */
  target: number;
}

/** Ref of the root: node 0, or leaf 0 for a tree that never split. */
export function rootRef(tree: Tree): number {
  return tree.feature.length > 0 ? 0 : ~0;
}

export function leafCount(tree: Tree): number {
  return tree.leafValues.length / tree.width;
}

/** Leaf index of row `row` given float32 feature columns. */
export function leafOf(tree: Tree, columns: readonly Float32Array[], row: number): number {
  let node = tree.feature.length > 0 ? 0 : -1;
  const { feature, threshold, categorical, defaultLeft, left, right } = tree;
  while (node >= 0) {
    const x = columns[feature[node]][row];
    let goLeft: boolean;
    if (categorical[node] === 1) goLeft = x === threshold[node];
    else if (x !== x) goLeft = defaultLeft[node] === 1;
    else goLeft = x <= threshold[node];
    node = goLeft ? left[node] : right[node];
  }
  return ~node;
}

/** Leaf index of row `row` given bins (missing bin per feature in `missingBin`). */
export function leafOfBinned(tree: Tree, bins: readonly Uint8Array[], missingBin: Int32Array, row: number): number {
  let node = tree.feature.length > 0 ? 0 : -1;
  const { feature, binThreshold, categorical, defaultLeft, left, right } = tree;
  while (node >= 0) {
    const f = feature[node];
    const b = bins[f][row];
    let goLeft: boolean;
    if (categorical[node] === 1) goLeft = b === binThreshold[node];
    else if (b === missingBin[f]) goLeft = defaultLeft[node] === 1;
    else goLeft = b <= binThreshold[node];
    node = goLeft ? left[node] : right[node];
  }
  return ~node;
}

/**
 * Adds every tree's leaf values into `out` (row-major n × outputs), summing in double in tree
 * order, as ONNX Runtime's TreeEnsemble does with double weights.
 */
export function accumulateTrees(trees: readonly Tree[], columns: readonly Float32Array[], rowCount: number, outputs: number, out: Float64Array): void {
  for (const tree of trees) {
    const w = tree.width;
    const values = tree.leafValues;
    for (let i = 0; i < rowCount; i++) {
      const leaf = leafOf(tree, columns, i);
      const base = i * outputs + (w === 1 ? tree.target : 0);
      for (let k = 0; k < w; k++) out[base + k] += values[leaf * w + k];
    }
  }
}
