import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/main/ml/rng';
import { DEFAULT_GBDT_PARAMS, DEFAULT_RANDOM_FOREST_PARAMS } from '../../../../src/main/ml/trees/params';
import { fitTreePipeline } from '../../../../src/main/ml/trees/tree-pipeline';
import { syntheticData } from '../models/synthetic';

describe('tree fits under a deadline', () => {
  it('boosting stops adding rounds at the deadline and keeps a working model', async () => {
    const { features, y, classes } = syntheticData('multiclass', 400, 3);
    const params = { ...DEFAULT_GBDT_PARAMS, numIterations: 500 };
    const full = await fitTreePipeline(features, y, 'multiclass', classes, { family: 'gbdt', params }, { rng: createRng(1) });
    const cut = await fitTreePipeline(features, y, 'multiclass', classes, { family: 'gbdt', params }, { rng: createRng(1), deadline: Date.now() });
    const rounds = (p: typeof full): number => (p.toJSON().training as { iterations: number }).iterations;
    expect(rounds(full)).toBe(500);
    expect(rounds(cut)).toBe(1);
    const proba = cut.predict(features);
    expect(proba.task).toBe('multiclass');
    if (proba.task === 'multiclass') expect(proba.proba.slice(0, classes!.length).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('a forest stopped early averages over the trees it grew', async () => {
    const { features, y, classes } = syntheticData('binary', 300, 4);
    const params = { ...DEFAULT_RANDOM_FOREST_PARAMS, numIterations: 300 };
    const cut = await fitTreePipeline(features, y, 'binary', classes, { family: 'random-forest', params }, { rng: createRng(2), deadline: Date.now() });
    const p = cut.predict(features);
    if (p.task === 'regression') throw new Error('expected probabilities');
    for (let i = 0; i < 20; i++) expect(p.proba[2 * i] + p.proba[2 * i + 1]).toBeCloseTo(1, 9);
  });
});
