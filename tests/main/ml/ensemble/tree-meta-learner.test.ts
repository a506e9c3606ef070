import { describe, expect, it } from 'vitest';
import { applyMetaLearner, fitMetaLearner, fitStackModel, type TreeStackModel } from '../../../../src/main/ml/ensemble/meta-learner';
import { DEFAULT_TREE_META_PARAMS } from '../../../../src/main/ml/ensemble/tree-meta-learner';
import { metricForTask } from '../../../../src/main/ml/metrics';
import { createRng } from '../../../../src/main/ml/rng';
import { complementaryMembers } from './synthetic';

describe('tree meta-learner', () => {
  for (const task of ['binary', 'multiclass', 'regression'] as const) {
    it(`${task}: learns which member to trust where, which the linear meta-learner cannot (scored on fresh rows)`, async () => {
      const rng = createRng(50);
      const train = complementaryMembers(task, 2500, rng);
      const test = complementaryMembers(task, 2500, rng);
      const metric = metricForTask(task);
      const linear = metric.score(test.y, applyMetaLearner(fitMetaLearner(train.members, train.y), test.members));
      const model = await fitStackModel('trees', train.members, train.y, { rng: createRng(1) });
      expect(model.kind).toBe('trees');
      const trees = metric.score(test.y, applyMetaLearner(model, test.members));
      const margin = { binary: 0.01, multiclass: 0.1, regression: 0.2 }[task];
      if (metric.greaterIsBetter) expect(trees).toBeGreaterThan(linear + margin);
      else expect(trees).toBeLessThan(linear - margin);
    });
  }

  it('is small, deterministic under a seed, plain JSON, and says how much it uses each member', async () => {
    const { y, members } = complementaryMembers('binary', 1000, createRng(51));
    const a = (await fitStackModel('trees', members, y, { rng: createRng(3) })) as TreeStackModel;
    const b = (await fitStackModel('trees', members, y, { rng: createRng(3) })) as TreeStackModel;
    expect(b).toEqual(a);
    expect(a.trees.trees).toHaveLength(DEFAULT_TREE_META_PARAMS.numIterations); // one tree a round (binary)
    for (const tree of a.trees.trees) expect(tree.leafValues.length).toBeLessThanOrEqual(DEFAULT_TREE_META_PARAMS.numLeaves);
    expect(a.trees.features.map((f) => f.name)).toEqual(['m0_c0', 'm0_c1', 'm1_c0', 'm1_c1', 'm2_c0', 'm2_c1']);
    const copy = JSON.parse(JSON.stringify(a)) as TreeStackModel;
    expect(applyMetaLearner(copy, members)).toEqual(applyMetaLearner(a, members));
    expect(a.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
    // The region member (2) says nothing about the target, but the trees need it to pick A or B.
    for (const w of a.weights) expect(w).toBeGreaterThan(0.05);
  });

  it('needs a seed', async () => {
    const { y, members } = complementaryMembers('binary', 200, createRng(52));
    await expect(fitStackModel('trees', members, y)).rejects.toThrow(/needs an rng/);
  });
});
