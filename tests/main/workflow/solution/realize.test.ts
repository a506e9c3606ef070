import { describe, expect, it } from 'vitest';
import { DEFAULT_LINEAR_PARAMS } from '../../../../src/main/ml/models/linear';
import { createRng } from '../../../../src/main/ml/rng';
import { selectRows } from '../../../../src/main/ml/frame';
import { DEFAULT_GBDT_PARAMS } from '../../../../src/main/ml/trees/params';
import { candidateKey, fitCandidate } from '../../../../src/main/workflow/fit-candidate';
import type { Candidate } from '../../../../src/main/workflow/run-state';
import { activeBlocks, activeSpace, blockStatuses, realize, selectedDrops, solutionFromCandidate, type RealizeContext } from '../../../../src/main/workflow/solution/realize';
import { withBlock } from '../../../../src/main/workflow/solution/solution';
import { graphPredict, maxDiff } from '../../ml/models/contract';
import { cat, frameOf, num } from '../checks/frames';

const linear: Candidate = { model: 'linear', params: { ...DEFAULT_LINEAR_PARAMS, encoding: 'target' }, reason: 'kb' };
const gbdt: Candidate = { model: 'gbdt', params: { ...DEFAULT_GBDT_PARAMS, numIterations: 20 }, reason: 'kb' };
const rctx: RealizeContext = {
  task: 'binary',
  families: ['gbdt', 'linear'],
  base: { gbdt, linear },
  columns: ['a', 'b', 'color', 'noise'],
  numericColumns: ['a', 'b', 'noise'],
  hasMissingNumeric: true,
  hasCategorical: true,
  importance: [
    { feature: 'a', importance: 0.6 },
    { feature: 'color', importance: 0.3 },
    { feature: 'b', importance: 0.1 },
    { feature: 'noise', importance: 0 },
  ],
};

describe('realizing a solution', () => {
  it('turns the starting candidate into a solution and back into the same configuration', () => {
    for (const c of [linear, gbdt]) expect(candidateKey(realize(solutionFromCandidate(c, 'binary'), rctx))).toBe(candidateKey(c));
    const s = solutionFromCandidate(linear, 'binary');
    expect(s.blocks.encoding).toEqual({ choice: 'target', params: { smoothing: 10 } });
  });

  it('sets linear preprocessing from the imputation and encoding blocks, and ignores them for trees', () => {
    let s = solutionFromCandidate(linear, 'binary');
    s = withBlock(s, 'imputation', { choice: 'median', params: { addIndicator: true } });
    s = withBlock(s, 'encoding', { choice: 'one-hot', params: { maxCategories: 8 } });
    expect(realize(s, rctx).params).toEqual({ ...DEFAULT_LINEAR_PARAMS, imputation: 'median', missingIndicators: true, maxCategories: 8 });
    const tree = withBlock(s, 'modelFamily', { choice: 'gbdt', params: {} });
    expect(realize(tree, rctx).params).toEqual(gbdt.params);
    expect(activeBlocks(tree, rctx)).toEqual(['cleaning', 'featureEngineering', 'featureSelection', 'classWeighting', 'modelFamily', 'hyperparameters']);
    expect(activeBlocks(s, rctx)).toEqual(['cleaning', 'imputation', 'encoding', 'scaling', 'featureEngineering', 'featureSelection', 'modelFamily', 'hyperparameters']);
    expect(activeSpace('encoding', s, rctx).choice).toEqual({ kind: 'categorical', choices: ['ordinal', 'one-hot', 'target', 'frequency'] });
  });

  it('gives every block a status with its reason; none is unavailable any more', () => {
    const statuses = blockStatuses(solutionFromCandidate(gbdt, 'binary'), rctx);
    expect(statuses.filter((b) => b.status === 'unavailable').map((b) => b.block)).toEqual([]);
    expect(statuses.find((b) => b.block === 'featureEngineering')?.reason).toMatch(/products and ratios/);
    expect(statuses.find((b) => b.block === 'encoding')).toMatchObject({ status: 'inactive', reason: 'trees split on categories natively' });
  });

  it('clips outliers and picks the scaler of linear pipelines; trees and the MLP leave both alone', () => {
    let s = solutionFromCandidate(linear, 'binary');
    s = withBlock(s, 'cleaning', { choice: 'clip-outliers', params: { clipQuantile: 0.02 } });
    s = withBlock(s, 'scaling', { choice: 'robust', params: {} });
    const candidate = realize(s, rctx);
    expect(candidate.params).toMatchObject({ clipQuantile: 0.02, scaling: 'robust' });
    expect(candidateKey(realize(solutionFromCandidate(candidate, 'binary'), rctx))).toBe(candidateKey(candidate));
    expect(realize(withBlock(s, 'scaling', { choice: 'standard', params: {} }), rctx).params).not.toHaveProperty('scaling');
    const tree = withBlock(s, 'modelFamily', { choice: 'gbdt', params: {} });
    const statuses = blockStatuses(tree, rctx);
    expect(statuses.find((b) => b.block === 'cleaning')?.reason).toMatch(/^drop duplicate training rows \(clipping outliers is for linear models/);
    expect(realize(tree, rctx).params).not.toHaveProperty('clipQuantile');
    expect(statuses.find((b) => b.block === 'scaling')).toMatchObject({ status: 'inactive', reason: 'trees ignore the scale of a column' });
    expect(realize(tree, rctx).params).toEqual(gbdt.params);
  });

  it('derives products and ratios of the most important numeric columns; a product the target hangs on lifts a linear model', async () => {
    const s = withBlock(solutionFromCandidate(linear, 'binary'), 'featureEngineering', { choice: 'steps', params: { interactions: false, ratios: true } });
    const candidate = realize(s, rctx);
    expect(candidate.derived?.map((d) => d.name)).toEqual(['a ÷ b', 'a ÷ noise', 'b ÷ noise']);
    expect(candidateKey(realize(solutionFromCandidate(candidate, 'binary'), rctx))).toBe(candidateKey(candidate));
    expect(blockStatuses(s, { ...rctx, numericColumns: ['a'] }).find((b) => b.block === 'featureEngineering')?.status).toBe('inactive');

    // y = 1 when u·v > 0.5: no line in (u, v) separates it, one threshold on u × v does.
    const rng = createRng(8);
    const n = 1200;
    const u = Float64Array.from({ length: n }, () => rng.normal());
    const v = Float64Array.from({ length: n }, () => rng.normal());
    const y = Float64Array.from(u, (x, i) => (x * v[i] > 0.5 ? 1 : 0));
    const all = frameOf(num('u', u), num('v', v));
    const trainRows = Array.from({ length: 800 }, (_, i) => i);
    const testRows = Array.from({ length: 400 }, (_, i) => 800 + i);
    const accuracyOf = async (c: Candidate): Promise<number> => {
      const model = await fitCandidate(c, selectRows(all, trainRows), Float64Array.from(trainRows, (r) => y[r]), 'binary', ['0', '1'], { rng: createRng(1) });
      const p = model.predict(selectRows(all, testRows));
      if (p.task === 'regression') throw new Error('expected probabilities');
      return testRows.filter((r, i) => (p.proba[2 * i + 1] > 0.5 ? 1 : 0) === y[r]).length / testRows.length;
    };
    const plainLinear: Candidate = { model: 'linear', params: { ...DEFAULT_LINEAR_PARAMS, epochs: 40, learningRate: 0.05 }, reason: 'test' };
    const ctx2: RealizeContext = { ...rctx, columns: ['u', 'v'], numericColumns: ['u', 'v'], importance: [], base: { linear: plainLinear } };
    const withProduct = realize(withBlock(solutionFromCandidate(plainLinear, 'binary'), 'featureEngineering', { choice: 'steps', params: { interactions: true, ratios: false } }), ctx2);
    expect(withProduct.derived?.map((d) => d.name)).toEqual(['u × v']);
    const [plain, engineered] = [await accuracyOf(plainLinear), await accuracyOf(withProduct)];
    expect(engineered).toBeGreaterThan(plain + 0.1);
  });

  it('drops duplicate training rows for any family: the fit equals one on the rows without repeats', async () => {
    const tree = withBlock(solutionFromCandidate(gbdt, 'binary'), 'cleaning', { choice: 'drop-duplicates', params: {} });
    expect(activeSpace('cleaning', tree, rctx).choice).toEqual({ kind: 'categorical', choices: ['none', 'drop-duplicates'] });
    const candidate = realize(tree, rctx);
    expect(candidate.dropDuplicates).toBe(true);
    expect(candidateKey(candidate)).not.toBe(candidateKey(gbdt));
    expect(candidateKey(realize(solutionFromCandidate(candidate, 'binary'), rctx))).toBe(candidateKey(candidate));
    const rng = createRng(4);
    const n = 300;
    const a = Float64Array.from({ length: n }, () => rng.normal());
    const y = Float64Array.from(a, (v) => (v + 0.5 * rng.normal() > 0 ? 1 : 0));
    // Rows 0..99 appear twice more at the end.
    const repeated = [...Array.from({ length: n }, (_, i) => i), ...Array.from({ length: 100 }, (_, i) => i), ...Array.from({ length: 100 }, (_, i) => i)];
    const withRepeats = selectRows(frameOf(num('a', a)), repeated);
    const yRepeats = Float64Array.from(repeated, (r) => y[r]);
    const deduped = await fitCandidate(candidate, withRepeats, yRepeats, 'binary', ['0', '1'], { rng: createRng(1) });
    const plain = await fitCandidate(gbdt, frameOf(num('a', a)), y, 'binary', ['0', '1'], { rng: createRng(1) });
    expect(deduped.toJSON()).toEqual(plain.toJSON());
  });

  it('weighs classes in gradient boosting only, and a weighted candidate round-trips through its solution', () => {
    const tree = withBlock(solutionFromCandidate(gbdt, 'binary'), 'classWeighting', { choice: 'balanced', params: {} });
    const candidate = realize(tree, rctx);
    expect(candidate.params).toMatchObject({ classWeight: 'balanced' });
    expect(candidateKey(candidate)).not.toBe(candidateKey(gbdt));
    expect(solutionFromCandidate(candidate, 'binary').blocks.classWeighting.choice).toBe('balanced');
    const lin = withBlock(tree, 'modelFamily', { choice: 'linear', params: {} });
    expect(blockStatuses(lin, rctx).find((b) => b.block === 'classWeighting')).toMatchObject({ status: 'inactive', reason: 'only gradient boosting takes class weights yet' });
    expect(realize(lin, rctx).params).not.toHaveProperty('classWeight');
    const regression = blockStatuses(solutionFromCandidate(gbdt, 'regression'), { ...rctx, task: 'regression' });
    expect(regression.find((b) => b.block === 'classWeighting')?.status).toBe('inactive');
  });

  it('fits regression on log(1 + y) or √y when the target transform block says so, and only where every target is ≥ 0', async () => {
    const reg: RealizeContext = { ...rctx, task: 'regression', nonNegativeTarget: true };
    const s = withBlock(solutionFromCandidate(gbdt, 'regression'), 'targetTransform', { choice: 'log1p', params: {} });
    expect(blockStatuses(s, reg).find((b) => b.block === 'targetTransform')).toMatchObject({ status: 'active' });
    const candidate = realize(s, reg);
    expect(candidate.targetTransform).toBe('log1p');
    expect(candidateKey(candidate)).not.toBe(candidateKey(realize(solutionFromCandidate(gbdt, 'regression'), reg)));
    expect(solutionFromCandidate(candidate, 'regression').blocks.targetTransform.choice).toBe('log1p');
    // Negative targets: the block is off and nothing is transformed; classification never has it.
    const negative = { ...reg, nonNegativeTarget: false };
    expect(blockStatuses(s, negative).find((b) => b.block === 'targetTransform')).toMatchObject({ status: 'inactive', reason: expect.stringMatching(/negative/) });
    expect(realize(s, negative).targetTransform).toBeUndefined();
    expect(blockStatuses(solutionFromCandidate(gbdt, 'binary'), rctx).find((b) => b.block === 'targetTransform')?.status).toBe('inactive');

    // The fitted candidate predicts on the target's scale: a price-like target grows with a.
    const rng = createRng(4);
    const n = 300;
    const a = Float64Array.from({ length: n }, () => rng.normal());
    const y = a.map((v) => Math.exp(2 + v + 0.05 * rng.normal()));
    const features = frameOf(num('a', a), num('noise', Float64Array.from({ length: n }, () => rng.normal())));
    const model = await fitCandidate({ ...candidate, dropColumns: undefined }, features, y, 'regression', null, { rng: createRng(1) });
    const p = model.predict(features);
    if (p.task !== 'regression') throw new Error('regression expected');
    const order = Array.from(a.keys()).sort((i, j) => a[i] - a[j]);
    expect(p.value[order[n - 10]]).toBeGreaterThan(3 * p.value[order[10]]);
    expect(Math.min(...p.value)).toBeGreaterThan(0);
    expect(maxDiff(p, await graphPredict(model.toOnnx(), model, features)) / Math.max(...p.value)).toBeLessThan(1e-6);
  });

  it('leaves out the nearly constant columns (variance) or the least informative ones (mutual information), never every column', () => {
    const scored: RealizeContext = {
      ...rctx,
      columnScores: {
        mutualInformation: [
          { feature: 'color', score: 0.4 },
          { feature: 'a', score: 0.3 },
          { feature: 'b', score: 0.01 },
          { feature: 'noise', score: 0 },
        ],
        nearConstant: ['b'],
      },
    };
    const base = solutionFromCandidate(gbdt, 'binary');
    expect(activeSpace('featureSelection', base, scored).choice).toEqual({ kind: 'categorical', choices: ['none', 'importance', 'mutual-information', 'variance'] });
    expect(selectedDrops(withBlock(base, 'featureSelection', { choice: 'variance', params: {} }), scored)).toEqual(['b']);
    expect(selectedDrops(withBlock(base, 'featureSelection', { choice: 'mutual-information', params: { keepShare: 0.5 } }), scored)).toEqual(['b', 'noise']);
    expect(selectedDrops(withBlock(base, 'featureSelection', { choice: 'mutual-information', params: { keepShare: 1 } }), scored)).toEqual([]);
    const allConstant = { ...scored, columnScores: { mutualInformation: [], nearConstant: [...rctx.columns] } };
    expect(selectedDrops(withBlock(base, 'featureSelection', { choice: 'variance', params: {} }), allConstant)).toHaveLength(rctx.columns.length - 1);
    // Without the scores only importance is offered.
    expect(activeSpace('featureSelection', base, rctx).choice).toEqual({ kind: 'categorical', choices: ['none', 'importance'] });
  });

  it('leaves out zero-importance and the least important columns; the pipeline then neither takes nor exports them', async () => {
    const s = withBlock(solutionFromCandidate(gbdt, 'binary'), 'featureSelection', { choice: 'importance', params: { keepShare: 0.5 } });
    expect(selectedDrops(s, rctx)).toEqual(['b', 'noise']);
    const candidate = realize(s, rctx);
    expect(candidate.dropColumns).toEqual(['b', 'noise']);
    expect(candidateKey(candidate)).not.toBe(candidateKey(gbdt));

    const rng = createRng(3);
    const n = 400;
    const a = Float64Array.from({ length: n }, () => rng.normal());
    const b = Float64Array.from({ length: n }, (_, i) => (i % 9 === 0 ? Number.NaN : rng.normal()));
    const color = Array.from({ length: n }, () => ['red', 'green', 'blue'][rng.int(3)]);
    const noise = Float64Array.from({ length: n }, () => rng.next());
    const y = Float64Array.from(a, (v, i) => (v + (color[i] === 'red' ? 0.8 : 0) + 0.3 * rng.normal() > 0 ? 1 : 0));
    const frame = frameOf(num('a', a), num('b', b), cat('color', color), num('noise', noise));
    for (const c of [candidate, realize(withBlock(s, 'modelFamily', { choice: 'linear', params: {} }), rctx)]) {
      const model = await fitCandidate(c, frame, y, 'binary', ['0', '1'], { rng: createRng(1) });
      expect(model.inputs.map((i) => i.name).sort()).toEqual(['a', 'color']);
      const inApp = model.predict(frame);
      expect(maxDiff(inApp, await graphPredict(model.toOnnx(), model, frame))).toBeLessThan(1e-5);
    }
  });
});
