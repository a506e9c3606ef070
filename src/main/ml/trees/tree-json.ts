/**
 * The versioned JSON form of a fitted tree pipeline ('mlestar.pipeline' v1, families gbdt,
 * random-forest, extra-trees) and its validation. Leaf values are doubles written as JSON
 * numbers, which round-trip exactly; node thresholds are not stored but derived from the split
 * bin and the feature's bin bounds (whose last bound, +∞, is implicit: JSON has no Infinity).
 */
import { z } from 'zod';
import type { BinnedFeature } from './binning';
import type { Tree } from './tree';
import { thresholdOf, type TreeModel } from './tree-model';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const int = z.number().int();

const featureSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('numeric'), name: z.string(), upper: z.array(finite) }),
  z.object({ kind: z.literal('categorical'), name: z.string(), categories: z.array(z.string()) }),
]);

const treeSchema = z.object({
  feature: z.array(int),
  bin: z.array(int),
  categorical: z.array(z.union([z.literal(0), z.literal(1)])),
  defaultLeft: z.array(z.union([z.literal(0), z.literal(1)])),
  left: z.array(int),
  right: z.array(int),
  gain: z.array(finite),
  leafValues: z.array(finite),
  width: int.positive(),
  target: int.nonnegative(),
});

export const treeModelSchema = z.object({
  features: z.array(featureSchema),
  trees: z.array(treeSchema),
  outputs: int.positive(),
  init: z.array(finite),
  transform: z.enum(['sigmoid', 'softmax', 'identity']),
});

export type TreeModelJSON = z.infer<typeof treeModelSchema>;

export function treeModelToJSON(model: TreeModel): TreeModelJSON {
  return {
    features: model.features.map((f) => (f.kind === 'numeric' ? { kind: f.kind, name: f.name, upper: f.upper.slice(0, -1) } : { kind: f.kind, name: f.name, categories: [...f.categories] })),
    trees: model.trees.map((t) => ({
      feature: Array.from(t.feature),
      bin: Array.from(t.binThreshold),
      categorical: Array.from(t.categorical, (v) => (v ? 1 : 0)),
      defaultLeft: Array.from(t.defaultLeft, (v) => (v ? 1 : 0)),
      left: Array.from(t.left),
      right: Array.from(t.right),
      gain: Array.from(t.gain),
      leafValues: Array.from(t.leafValues),
      width: t.width,
      target: t.target,
    })),
    outputs: model.outputs,
    init: Array.from(model.init),
    transform: model.transform,
  };
}

function fail(message: string): never {
  throw new Error(`Not a valid tree pipeline document: ${message}`);
}

function checkTree(t: TreeModelJSON['trees'][number], index: number, features: BinnedFeature[], outputs: number): void {
  const m = t.feature.length;
  const leaves = t.leafValues.length / t.width;
  if (!Number.isInteger(leaves) || leaves !== m + 1) fail(`tree ${index} has ${m} splits but ${t.leafValues.length / t.width} leaves.`);
  for (const arr of [t.bin, t.categorical, t.defaultLeft, t.left, t.right, t.gain]) if (arr.length !== m) fail(`tree ${index} has arrays of different lengths.`);
  if (t.width !== 1 && t.width !== outputs) fail(`tree ${index} has width ${t.width} for ${outputs} outputs.`);
  if (t.target >= outputs) fail(`tree ${index} targets output ${t.target} of ${outputs}.`);
  for (let i = 0; i < m; i++) {
    const f = features[t.feature[i]];
    if (!f) fail(`tree ${index} splits on unknown feature ${t.feature[i]}.`);
    const bins = f.kind === 'numeric' ? f.upper.length : f.categories.length;
    if (t.bin[i] < 0 || t.bin[i] >= bins) fail(`tree ${index} node ${i} splits on bin ${t.bin[i]} of ${bins}.`);
    if ((t.categorical[i] === 1) !== (f.kind === 'categorical')) fail(`tree ${index} node ${i} does not match its feature's kind.`);
    for (const ref of [t.left[i], t.right[i]]) if (ref >= m || ~ref > m) fail(`tree ${index} node ${i} points outside the tree.`);
  }
}

/** Parses a model document; throws an Error saying what is wrong. */
export function treeModelFromJSON(json: unknown): TreeModel {
  const parsed = treeModelSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(`model.${issue.path.join('.')}: ${issue.message}`);
  }
  const doc = parsed.data;
  if (doc.init.length !== doc.outputs) fail(`init has ${doc.init.length} values for ${doc.outputs} outputs.`);
  const features: BinnedFeature[] = doc.features.map((f) => (f.kind === 'numeric' ? { kind: f.kind, name: f.name, upper: [...f.upper, Number.POSITIVE_INFINITY] } : { ...f, categories: [...f.categories] }));
  doc.trees.forEach((t, i) => checkTree(t, i, features, doc.outputs));
  const trees: Tree[] = doc.trees.map((t) => ({
    feature: Int32Array.from(t.feature),
    threshold: Float64Array.from(t.feature, (f, i) => thresholdOf(features, f, t.bin[i])),
    binThreshold: Int32Array.from(t.bin),
    categorical: Uint8Array.from(t.categorical),
    defaultLeft: Uint8Array.from(t.defaultLeft),
    left: Int32Array.from(t.left),
    right: Int32Array.from(t.right),
    gain: Float64Array.from(t.gain),
    leafValues: Float64Array.from(t.leafValues),
    width: t.width,
    target: t.target,
  }));
  return { features, trees, outputs: doc.outputs, init: Float64Array.from(doc.init), transform: doc.transform };
}
