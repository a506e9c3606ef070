import { describe, expect, it } from 'vitest';
import { applyMetaLearner, fitMetaLearner, fitStackModel, type MlpStackModel } from '../../../../src/main/ml/ensemble/meta-learner';
import { fitMlpMetaLearner } from '../../../../src/main/ml/ensemble/mlp-meta-learner';
import { metricForTask, ROC_AUC } from '../../../../src/main/ml/metrics';
import { createRng } from '../../../../src/main/ml/rng';
import { binaryLabels, binaryMember, complementaryMembers } from './synthetic';

describe('MLP meta-learner', () => {
  for (const task of ['binary', 'multiclass', 'regression'] as const) {
    it(`${task}: learns which member to trust where, which the linear meta-learner cannot (scored on fresh rows)`, async () => {
      const rng = createRng(40);
      const train = complementaryMembers(task, 2500, rng);
      const test = complementaryMembers(task, 2500, rng);
      const metric = metricForTask(task);
      const linear = fitMetaLearner(train.members, train.y);
      const mlp = await fitStackModel('mlp', train.members, train.y, { rng: createRng(1) });
      expect(mlp.kind).toBe('mlp');
      const linearScore = metric.score(test.y, applyMetaLearner(linear, test.members));
      const mlpScore = metric.score(test.y, applyMetaLearner(mlp, test.members));
      const bestMember = Math.min(...test.members.map((m) => (metric.greaterIsBetter ? -1 : 1) * metric.score(test.y, m)));
      // Clearly better than the linear stack and than any member, on rows it never saw.
      const margin = { binary: 0.01, multiclass: 0.1, regression: 0.2 }[task];
      if (metric.greaterIsBetter) {
        expect(mlpScore).toBeGreaterThan(linearScore + margin);
        expect(mlpScore).toBeGreaterThan(-bestMember + margin);
      } else {
        expect(mlpScore).toBeLessThan(linearScore - margin);
        expect(mlpScore).toBeLessThan(bestMember - margin);
      }
    });
  }

  it('matches the linear meta-learner where averaging is all there is to learn', async () => {
    const rng = createRng(41);
    const make = (n: number) => {
      const y = binaryLabels(n, rng);
      return { y, members: [1.0, 0.9, 0.8].map((s) => binaryMember(y, s, 1.2, rng)) };
    };
    const train = make(2000);
    const test = make(2000);
    const linear = ROC_AUC.score(test.y, applyMetaLearner(fitMetaLearner(train.members, train.y), test.members));
    const mlp = ROC_AUC.score(test.y, applyMetaLearner(await fitStackModel('mlp', train.members, train.y, { rng: createRng(2) }), test.members));
    expect(Math.abs(mlp - linear)).toBeLessThan(0.005);
  });

  it('is deterministic under a seed, plain JSON, and starts from the linear meta-learner', async () => {
    const { y, members } = complementaryMembers('multiclass', 800, createRng(42));
    const a = (await fitStackModel('mlp', members, y, { rng: createRng(7) })) as MlpStackModel;
    const b = (await fitStackModel('mlp', members, y, { rng: createRng(7) })) as MlpStackModel;
    const c = (await fitStackModel('mlp', members, y, { rng: createRng(8) })) as MlpStackModel;
    expect(b).toEqual(a);
    expect(c.w1).not.toEqual(a.w1);
    const copy = JSON.parse(JSON.stringify(a)) as MlpStackModel;
    expect(copy).toEqual(a);
    const p = applyMetaLearner(copy, members);
    const q = applyMetaLearner(a, members);
    expect(p).toEqual(q);
    expect(a.w1).toHaveLength(3 * 4 * a.hidden);
    expect(a.w2).toHaveLength(a.hidden * 4);
    // No iterations: the linear part is the linear meta-learner's, the hidden layer is only its random start.
    const linear = fitMetaLearner(members, y);
    const start = fitMlpMetaLearner(members, y, linear, { maxIterations: 0, rng: createRng(7) });
    expect(start.weights).toEqual(linear.weights);
    expect(start.intercepts).toEqual(linear.intercepts);
  });

  it('refuses members it was not fitted on', async () => {
    const { y, members } = complementaryMembers('binary', 300, createRng(43));
    const model = await fitStackModel('mlp', members, y, { rng: createRng(1) });
    expect(() => applyMetaLearner(model, members.slice(0, 2))).toThrow(/fitted on 3 members, got 2/);
  });
});
