import { describe, expect, it } from 'vitest';
import { defaultTreeSpec, fitTreePipeline, type TreeSpec } from '../../../../src/main/ml/trees/tree-pipeline';
import { DEFAULT_LINEAR_PARAMS, fitLinearPipeline } from '../../../../src/main/ml/models/linear';
import { exportSolutionOnnx } from '../../../../src/main/onnx/ensemble-graph';
import type { Prediction } from '../../../../src/main/ml/prediction';
import { selectRows } from '../../../../src/main/ml/frame';
import { QUANTIZE_MIN_ROWS } from '../../../../src/main/ml/trees/gbdt';
import { rmse, rocAuc } from '../../../../src/main/ml/metrics';
import { graphPredict, maxDiff } from '../models/contract';
import { accuracy, createRng, syntheticData } from '../models/synthetic';

const gbdt = (over: Partial<Extract<TreeSpec, { family: 'gbdt' }>['params']> = {}): TreeSpec => ({ family: 'gbdt', params: { ...(defaultTreeSpec('gbdt').params as Extract<TreeSpec, { family: 'gbdt' }>['params']), ...over } });

describe('tree learners', () => {
  it('GBDT separates binary and multiclass problems and ranks the informative features first', async () => {
    for (const task of ['binary', 'multiclass'] as const) {
      const { features, y, classes } = syntheticData(task, 4000, 11, 0.05);
      const model = await fitTreePipeline(features, y, task, classes, gbdt({ numIterations: 80 }), { rng: createRng(1) });
      const p = model.predict(features);
      if (p.task === 'regression') throw new Error('expected probabilities');
      expect(accuracy(p.proba, y, classes?.length ?? 0)).toBeGreaterThan(0.93);
      const importance = model.featureImportance();
      expect(importance.at(-1)?.feature).toBe('noise');
      expect(importance.reduce((s, f) => s + f.importance, 0)).toBeCloseTo(1, 9);
    }
  });

  it('GBDT regression with L2 and Huber fits the signal', async () => {
    const { features, y } = syntheticData('regression', 4000, 12);
    for (const objective of ['l2', 'huber'] as const) {
      const model = await fitTreePipeline(features, y, 'regression', null, gbdt({ numIterations: 150, objective }), { rng: createRng(2) });
      const p = model.predict(features);
      if (p.task !== 'regression') throw new Error('expected values');
      let se = 0;
      for (let i = 0; i < y.length; i++) se += (p.value[i] - y[i]) ** 2;
      expect(Math.sqrt(se / y.length)).toBeLessThan(0.4);
    }
  });

  it('splits chosen on quantised gradients fit as well as on float ones, on held-out rows', async () => {
    for (const task of ['binary', 'regression'] as const) {
      const all = syntheticData(task, 24_000, 14, 0.05);
      const trainRows = Array.from({ length: QUANTIZE_MIN_ROWS }, (_, i) => i);
      const testRows = Array.from({ length: 4_000 }, (_, i) => QUANTIZE_MIN_ROWS + i);
      const train = selectRows(all.features, trainRows);
      const test = selectRows(all.features, testRows);
      const yTrain = Float64Array.from(trainRows, (r) => all.y[r]);
      const yTest = Float64Array.from(testRows, (r) => all.y[r]);
      const fit = (useQuantizedGrad: boolean) => fitTreePipeline(train, yTrain, task, all.classes, gbdt({ numIterations: 120, useQuantizedGrad }), { rng: createRng(4) });
      const score = (p: Prediction): number => (p.task === 'regression' ? -rmse(yTest, p.value) : rocAuc(yTest, p.proba.filter((_, i) => i % 2 === 1)));
      const [quantised, float] = [await fit(true), await fit(false)];
      // Really two ways of fitting, to about the same held-out score.
      expect(quantised.toJSON().model).not.toEqual(float.toJSON().model);
      const [q, f] = [score(quantised.predict(test)), score(float.predict(test))];
      expect(Math.abs(q - f)).toBeLessThan(task === 'binary' ? 0.005 : 0.02 * Math.abs(f));
    }
  });

  it('fits on fewer rows than QUANTIZE_MIN_ROWS use exact gradients whatever the flag says', async () => {
    const { features, y, classes } = syntheticData('binary', 3_000, 3, 0.05);
    const fit = (useQuantizedGrad: boolean) => fitTreePipeline(features, y, 'binary', classes, gbdt({ numIterations: 20, useQuantizedGrad }), { rng: createRng(4) });
    expect((await fit(true)).toJSON().model).toEqual((await fit(false)).toJSON().model);
  });

  it('class weights lift the minority class of an imbalanced problem, and are refused when unknown', async () => {
    const rng = createRng(21);
    const n = 3000;
    const x = Float64Array.from({ length: n }, () => rng.normal());
    const z = Float64Array.from({ length: n }, () => rng.normal());
    // About 8% positives, overlapping the negatives.
    const y = Float64Array.from(x, (v, i) => (v + 0.8 * z[i] + 0.7 * rng.normal() > 2.2 ? 1 : 0));
    const features = { rowCount: n, columns: [{ kind: 'numeric' as const, name: 'x', values: x }, { kind: 'numeric' as const, name: 'z', values: z }] };
    const recallAndMean = async (classWeight: 'none' | 'balanced' | 'sqrt-balanced') => {
      const model = await fitTreePipeline(features, y, 'binary', ['0', '1'], gbdt({ numIterations: 30, numLeaves: 4, classWeight }), { rng: createRng(1) });
      const p = model.predict(features);
      if (p.task === 'regression') throw new Error('expected probabilities');
      let hits = 0;
      let positives = 0;
      let mean = 0;
      for (let i = 0; i < n; i++) {
        mean += p.proba[2 * i + 1] / n;
        if (y[i] === 1) {
          positives++;
          if (p.proba[2 * i + 1] > 0.5) hits++;
        }
      }
      return { recall: hits / positives, mean };
    };
    const [plain, sqrt, balanced] = [await recallAndMean('none'), await recallAndMean('sqrt-balanced'), await recallAndMean('balanced')];
    expect(sqrt.recall).toBeGreaterThan(plain.recall);
    expect(balanced.recall).toBeGreaterThan(sqrt.recall);
    expect(balanced.mean).toBeGreaterThan(plain.mean + 0.1);
    await expect(fitTreePipeline(features, y, 'binary', ['0', '1'], gbdt({ classWeight: 'bogus' as never }), { rng: createRng(1) })).rejects.toThrow(/class_weight must be one of none, balanced, sqrt-balanced/);
  });

  it('early stopping keeps the best round, and bagging / feature_fraction stay deterministic', async () => {
    const { features, y, classes } = syntheticData('binary', 3000, 13, 0.1);
    const spec = gbdt({ numIterations: 1000, learningRate: 0.3, earlyStoppingRounds: 10, baggingFraction: 0.7, featureFraction: 0.75 });
    const a = await fitTreePipeline(features, y, 'binary', classes, spec, { rng: createRng(3) });
    const b = await fitTreePipeline(features, y, 'binary', classes, spec, { rng: createRng(3) });
    expect(a.training.iterations).toBeLessThan(1000);
    expect(a.model.trees).toHaveLength(a.training.iterations);
    expect(a.toJSON()).toEqual(b.toJSON());
  });

  it('random forest and extra trees give averaged class probabilities', async () => {
    const { features, y, classes } = syntheticData('multiclass', 3000, 14);
    for (const family of ['random-forest', 'extra-trees'] as const) {
      const model = await fitTreePipeline(features, y, 'multiclass', classes, { family, params: { ...defaultTreeSpec(family).params, numIterations: 30 } } as TreeSpec, { rng: createRng(4) });
      const p = model.predict(features);
      if (p.task === 'regression') throw new Error('expected probabilities');
      for (let i = 0; i < 30; i += 3) expect(p.proba[i] + p.proba[i + 1] + p.proba[i + 2]).toBeCloseTo(1, 9);
      expect(accuracy(p.proba, y, 3)).toBeGreaterThan(0.9);
    }
  });

  it('a soft vote mixing linear, gbdt and a forest exports as one graph equal to the blend', async () => {
    const { features, y, classes } = syntheticData('binary', 1500, 15, 0.1);
    const members = [
      await fitLinearPipeline(features, y, 'binary', classes, { ...DEFAULT_LINEAR_PARAMS, epochs: 5 }, { rng: createRng(5) }),
      await fitTreePipeline(features, y, 'binary', classes, gbdt({ numIterations: 30 }), { rng: createRng(5) }),
      await fitTreePipeline(features, y, 'binary', classes, { family: 'extra-trees', params: { ...defaultTreeSpec('extra-trees').params, numIterations: 10 } } as TreeSpec, { rng: createRng(5) }),
    ];
    const weights = [1, 2, 1];
    const parts = members.map((m) => m.predict(features));
    const blend = new Float64Array(features.rowCount * 2);
    parts.forEach((p, j) => {
      if (p.task === 'regression') throw new Error('expected probabilities');
      for (let i = 0; i < blend.length; i++) blend[i] += (weights[j] / 4) * p.proba[i];
    });
    const expected: Prediction = { task: 'binary', classes: classes ?? [], proba: blend };
    expect(maxDiff(expected, await graphPredict(exportSolutionOnnx(members, weights), members[0], features))).toBeLessThan(1e-5);
  });
});
