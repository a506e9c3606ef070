import { defaultTreeSpec, fitTreePipeline, type TreeFamily, type TreeSpec } from '../../../../src/main/ml/trees/tree-pipeline';
import { estimatorContract } from '../models/contract';

function smallSpec(family: TreeFamily): TreeSpec {
  const spec = defaultTreeSpec(family);
  if (spec.family === 'gbdt') return { family: 'gbdt', params: { ...spec.params, numIterations: 30, minDataInLeaf: 5 } };
  return { family: spec.family, params: { ...spec.params, numIterations: 15, numLeaves: 64 } };
}

for (const family of ['gbdt', 'random-forest', 'extra-trees'] as const) {
  estimatorContract(family, (features, y, task, classes, options) => fitTreePipeline(features, y, task, classes, smallSpec(family), options));
}
