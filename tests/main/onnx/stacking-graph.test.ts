import { describe, expect, it } from 'vitest';
import { applyMetaLearner, fitMetaLearner, fitStackModel } from '../../../src/main/ml/ensemble/meta-learner';
import { hardVote } from '../../../src/main/ml/ensemble/voting';
import { DEFAULT_LINEAR_PARAMS, fitLinearPipeline } from '../../../src/main/ml/models/linear';
import { defaultTreeSpec, fitTreePipeline, type TreeSpec } from '../../../src/main/ml/trees/tree-pipeline';
import { exportSolutionOnnx } from '../../../src/main/onnx/ensemble-graph';
import { graphPredict, maxDiff } from '../ml/models/contract';
import { createRng, syntheticData } from '../ml/models/synthetic';

const tree = (family: 'gbdt' | 'extra-trees', numIterations: number): TreeSpec => ({ family, params: { ...defaultTreeSpec(family).params, numIterations } }) as TreeSpec;

describe('stacking export: the meta-learner (linear, MLP or trees) on top of the members, one graph', () => {
  for (const task of ['binary', 'multiclass', 'regression'] as const) {
    it(`${task}: the graph equals the in-app stack (≤ 1e-5)`, async () => {
      const { features, y, classes } = syntheticData(task, 900, 31, 0.1);
      const members = [
        await fitLinearPipeline(features, y, task, classes, { ...DEFAULT_LINEAR_PARAMS, epochs: 5 }, { rng: createRng(1) }),
        await fitTreePipeline(features, y, task, classes, tree('gbdt', 25), { rng: createRng(2) }),
        await fitTreePipeline(features, y, task, classes, tree('extra-trees', 8), { rng: createRng(3) }),
      ];
      const predictions = members.map((m) => m.predict(features));
      const stack = fitMetaLearner(predictions, y);
      expect(stack.kind).toBe(task === 'regression' ? 'ridge' : 'log-linear-pool');
      const inApp = applyMetaLearner(stack, predictions);
      const fromGraph = await graphPredict(exportSolutionOnnx(members, stack.weights.map(() => 1), stack), members[0], features);
      expect(maxDiff(inApp, fromGraph)).toBeLessThan(1e-5);
    });
  }

  for (const task of ['binary', 'multiclass', 'regression'] as const) {
    it(`${task}: the MLP and tree meta-learners export in the same graph and equal the in-app stack (≤ 1e-5)`, async () => {
      const { features, y, classes } = syntheticData(task, 900, 33, 0.1);
      const members = [
        await fitLinearPipeline(features, y, task, classes, { ...DEFAULT_LINEAR_PARAMS, epochs: 5 }, { rng: createRng(1) }),
        await fitTreePipeline(features, y, task, classes, tree('gbdt', 25), { rng: createRng(2) }),
        await fitTreePipeline(features, y, task, classes, tree('extra-trees', 8), { rng: createRng(3) }),
      ];
      const predictions = members.map((m) => m.predict(features));
      for (const kind of ['mlp', 'trees'] as const) {
        const stack = await fitStackModel(kind, predictions, y, { rng: createRng(4) });
        expect(stack.kind).toBe(kind);
        const inApp = applyMetaLearner(stack, predictions);
        const fromGraph = await graphPredict(exportSolutionOnnx(members, stack.weights.map(() => 1), stack), members[0], features);
        expect(maxDiff(inApp, fromGraph)).toBeLessThan(1e-5);
      }
    });
  }

  for (const task of ['binary', 'multiclass'] as const) {
    it(`${task}: a hard vote exports as one graph whose vote shares equal the in-app hard vote (≤ 1e-5)`, async () => {
      const { features, y, classes } = syntheticData(task, 900, 34, 0.1);
      const members = [
        await fitLinearPipeline(features, y, task, classes, { ...DEFAULT_LINEAR_PARAMS, epochs: 5 }, { rng: createRng(1) }),
        await fitTreePipeline(features, y, task, classes, tree('gbdt', 25), { rng: createRng(2) }),
        await fitTreePipeline(features, y, task, classes, tree('extra-trees', 8), { rng: createRng(3) }),
      ];
      const predictions = members.map((m) => m.predict(features));
      const weights = [1, 1, 1];
      const inApp = hardVote(predictions, weights);
      // Vote shares: each row's probabilities are counts of members / 3, and the members disagree somewhere.
      const shares = new Set(Array.from(inApp.task === 'regression' ? [] : inApp.proba, (p) => Math.round(p * 3)));
      expect([...shares].every((c) => c >= 0 && c <= 3)).toBe(true);
      expect(shares.has(1) || shares.has(2)).toBe(true);
      const fromGraph = await graphPredict(exportSolutionOnnx(members, weights, undefined, { hard: true }), members[0], features);
      expect(maxDiff(inApp, fromGraph)).toBeLessThan(1e-5);
    });
  }

  it('refuses a hard vote of regressions', async () => {
    const { features, y } = syntheticData('regression', 300, 35);
    const a = await fitLinearPipeline(features, y, 'regression', null, { ...DEFAULT_LINEAR_PARAMS, epochs: 3 }, { rng: createRng(1) });
    expect(() => exportSolutionOnnx([a, a], [1, 1], undefined, { hard: true })).toThrow(/hard vote needs classes/);
  });

  it('refuses a meta-learner that does not fit its members', async () => {
    const { features, y, classes } = syntheticData('binary', 300, 32);
    const a = await fitLinearPipeline(features, y, 'binary', classes, { ...DEFAULT_LINEAR_PARAMS, epochs: 3 }, { rng: createRng(1) });
    const stack = fitMetaLearner([a.predict(features), a.predict(features)], y);
    expect(() => exportSolutionOnnx([a], [1], stack)).toThrow(/2 member weights for 1 models/);
    expect(() => exportSolutionOnnx([a, a], [1, 1], { ...stack, weights: [Number.NaN, 1] })).toThrow(/finite/);
    const mlp = await fitStackModel('mlp', [a.predict(features), a.predict(features)], y, { rng: createRng(2) });
    if (mlp.kind !== 'mlp') throw new Error('expected the MLP meta-learner');
    expect(() => exportSolutionOnnx([a, a], [1, 1], { ...mlp, w1: mlp.w1.map((w, i) => (i === 0 ? Number.POSITIVE_INFINITY : w)) })).toThrow(/finite/);
    const trees = await fitStackModel('trees', [a.predict(features), a.predict(features)], y, { rng: createRng(3) });
    expect(() => exportSolutionOnnx([a], [1], trees)).toThrow(/2 member weights for 1 models/);
  });
});
