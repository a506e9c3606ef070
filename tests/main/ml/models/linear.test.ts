import { describe, expect, it } from 'vitest';
import { selectRows } from '../../../../src/main/ml/frame';
import { DEFAULT_LINEAR_PARAMS, fitLinearPipeline, pipelineFromJSON, type LinearParams } from '../../../../src/main/ml/models/linear';
import { isCancelled } from '../../../../src/main/onnx/errors';
import { accuracy, categorical, createRng, frame, numeric, syntheticData } from './synthetic';

const params: LinearParams = { ...DEFAULT_LINEAR_PARAMS, learningRate: 0.05, epochs: 40, batchSize: 128, l2: 0 };

describe('fitLinearPipeline', () => {
  it('separates a binary problem (logistic regression)', async () => {
    const { features, y, classes } = syntheticData('binary', 3000, 1);
    const losses: number[] = [];
    const model = await fitLinearPipeline(features, y, 'binary', classes, params, { rng: createRng(1), onIteration: ({ loss }) => losses.push(loss) });
    const p = model.predict(features);
    if (p.task === 'regression') throw new Error('expected probabilities');
    expect(p.classes).toEqual(['no', 'yes']);
    expect(p.proba).toHaveLength(2 * 3000);
    expect(accuracy(p.proba, y, 2)).toBeGreaterThan(0.97);
    expect(losses.at(-1)).toBeLessThan(losses[0]);
    expect(model.inputs).toEqual([
      { name: 'a', kind: 'numeric' },
      { name: 'b', kind: 'numeric' },
      { name: 'color', kind: 'categorical' },
      { name: 'noise', kind: 'numeric' },
    ]);
  });

  it('fits a multiclass softmax model', async () => {
    const { features, y, classes } = syntheticData('multiclass', 3000, 2);
    const model = await fitLinearPipeline(features, y, 'multiclass', classes, params, { rng: createRng(2) });
    const p = model.predict(features);
    if (p.task === 'regression') throw new Error('expected probabilities');
    expect(accuracy(p.proba, y, 3)).toBeGreaterThan(0.9);
    for (let i = 0; i < 30; i += 3) expect(p.proba[i] + p.proba[i + 1] + p.proba[i + 2]).toBeCloseTo(1, 6);
  });

  it('recovers known regression coefficients (target standardized internally)', async () => {
    const { features, y } = syntheticData('regression', 3000, 3);
    const model = await fitLinearPipeline(features, y, 'regression', null, { ...params, epochs: 60 }, { rng: createRng(3) });
    // Probe: move `a` by one unit, everything else fixed → prediction moves by its coefficient (2).
    const probe = frame([numeric('a', [0, 1, 0, 0]), numeric('b', [100, 100, 120, 100]), categorical('color', ['blue', 'blue', 'blue', 'red']), numeric('noise', [0, 0, 0, 0])]);
    const p = model.predict(probe);
    if (p.task !== 'regression') throw new Error('expected values');
    expect(p.value[0]).toBeCloseTo(3, 1);
    expect(p.value[1] - p.value[0]).toBeCloseTo(2, 1);
    expect(p.value[2] - p.value[0]).toBeCloseTo(-1, 1);
    expect(p.value[3] - p.value[0]).toBeCloseTo(1.5, 1);
    const importance = model.featureImportance();
    expect(importance.map((f) => f.feature)[0]).toBe('a');
    expect(importance.at(-1)?.feature).toBe('noise');
    expect(importance.reduce((s, f) => s + f.importance, 0)).toBeCloseTo(1, 9);
  });

  it('is deterministic under a seed', async () => {
    const { features, y, classes } = syntheticData('binary', 500, 4);
    const fit = (seed: number) => fitLinearPipeline(features, y, 'binary', classes, { ...params, epochs: 5 }, { rng: createRng(seed) });
    const [a, b, c] = await Promise.all([fit(9), fit(9), fit(10)]);
    expect(a.toJSON()).toEqual(b.toJSON());
    expect(a.toJSON()).not.toEqual(c.toJSON());
  });

  it('cancels via AbortSignal with a CancelledError', async () => {
    const { features, y, classes } = syntheticData('binary', 500, 5);
    const ctl = new AbortController();
    const err = await fitLinearPipeline(features, y, 'binary', classes, { ...params, epochs: 1000 }, {
      rng: createRng(5),
      signal: ctl.signal,
      onIteration: ({ iteration }) => iteration === 3 && ctl.abort(),
    }).catch((e: unknown) => e);
    expect(isCancelled(err)).toBe(true);
  });

  it('round-trips through toJSON / pipelineFromJSON', async () => {
    const { features, y, classes } = syntheticData('multiclass', 400, 6, 0.1);
    const model = await fitLinearPipeline(features, y, 'multiclass', classes, { ...params, epochs: 5 }, { rng: createRng(6) });
    const json = JSON.parse(JSON.stringify(model.toJSON())) as unknown;
    const restored = pipelineFromJSON(json);
    expect(restored.toJSON()).toEqual(model.toJSON());
    expect(restored.predict(features)).toEqual(model.predict(features));
    expect(Array.from(restored.toOnnx())).toEqual(Array.from(model.toOnnx()));
    expect(restored.params).toEqual(model.params);
    expect(restored.inputs).toEqual(model.inputs);
  });

  it('rejects a malformed JSON document with a clear message', () => {
    expect(() => pipelineFromJSON({ format: 'mlestar.pipeline', version: 2 })).toThrow(/Not a valid linear pipeline document: version/);
    expect(() => pipelineFromJSON(null)).toThrow(/Not a valid linear pipeline document/);
  });

  it('predicts on a frame with extra columns in another order, and names a missing column', async () => {
    const { features, y, classes } = syntheticData('binary', 300, 7);
    const model = await fitLinearPipeline(features, y, 'binary', classes, { ...params, epochs: 3 }, { rng: createRng(7) });
    const shuffled = { rowCount: features.rowCount, columns: [numeric('extra', new Float64Array(300)), ...[...features.columns].reverse()] };
    expect(model.predict(shuffled)).toEqual(model.predict(features));
    const missing = { rowCount: 300, columns: features.columns.filter((c) => c.name !== 'color') };
    expect(() => model.predict(missing)).toThrow(/Column 'color' is missing/);
  });

  describe('bad input', () => {
    const { features, y, classes } = syntheticData('binary', 50, 8);
    const opts = { rng: createRng(8) };
    it('refuses a single class', async () => {
      await expect(fitLinearPipeline(features, new Float64Array(50), 'binary', classes, params, opts)).rejects.toThrow(/Only one class \('no'\)/);
    });
    it('refuses zero rows', async () => {
      await expect(fitLinearPipeline(selectRows(features, []), new Float64Array(0), 'binary', classes, params, opts)).rejects.toThrow(/zero rows/);
    });
    it('refuses NaN in the target', async () => {
      const bad = Float64Array.from(y);
      bad[7] = Number.NaN;
      await expect(fitLinearPipeline(features, bad, 'binary', classes, params, opts)).rejects.toThrow(/row 7/);
    });
    it('refuses class indexes out of range and a wrong class count', async () => {
      const bad = Float64Array.from(y);
      bad[0] = 2;
      await expect(fitLinearPipeline(features, bad, 'binary', classes, params, opts)).rejects.toThrow(/Class index 2/);
      await expect(fitLinearPipeline(features, y, 'binary', ['a', 'b', 'c'], params, opts)).rejects.toThrow(/exactly two/);
      await expect(fitLinearPipeline(features, y, 'multiclass', null, params, opts)).rejects.toThrow(/two class labels/);
    });
    it('refuses frames without usable features', async () => {
      const empty = frame([categorical('c', Array.from({ length: 50 }, () => null))]);
      await expect(fitLinearPipeline(empty, y, 'binary', classes, params, opts)).rejects.toThrow(/No usable feature/);
    });
  });
});
