import { describe, expect, it } from 'vitest';
import { BLOCK_NAMES, BLOCKS } from '../../../../src/main/workflow/solution/blocks';
import { createSolution, describeChanges, diffSolutions, parseSolution, serializeSolution, withBlock } from '../../../../src/main/workflow/solution/solution';

describe('Solution', () => {
  const base = createSolution('binary', {
    encoding: { choice: 'one-hot', params: { maxCategories: 32 } },
    scaling: { choice: 'standard', params: {} },
    modelFamily: { choice: 'gbdt', params: {} },
    hyperparameters: { choice: 'tuned', params: { numLeaves: 31, learningRate: 0.1 } },
  });

  it('defaults every block to its plainest value and is frozen', () => {
    const plain = createSolution('regression');
    for (const n of BLOCK_NAMES) expect(plain.blocks[n]).toEqual(BLOCKS[n].plainest);
    expect(Object.isFrozen(base)).toBe(true);
    expect(Object.isFrozen(base.blocks.encoding.params)).toBe(true);
  });

  it('diffs two solutions block by block, with before and after', () => {
    const next = withBlock(base, 'encoding', { choice: 'target', params: { smoothing: 10 } });
    expect(diffSolutions(base, next)).toEqual([{ block: 'encoding', before: { choice: 'one-hot', params: { maxCategories: 32 } }, after: { choice: 'target', params: { smoothing: 10 } } }]);
    expect(describeChanges(diffSolutions(base, next))).toEqual(['encoding: one-hot (maxCategories 32) → target (smoothing 10)']);
    expect(diffSolutions(base, base)).toEqual([]);
    // Parameter order does not make a difference.
    const reordered = withBlock(base, 'hyperparameters', { choice: 'tuned', params: { learningRate: 0.1, numLeaves: 31 } });
    expect(diffSolutions(base, reordered)).toEqual([]);
  });

  it('resets hyperparameters to defaults when the model family changes', () => {
    const linear = withBlock(base, 'modelFamily', { choice: 'linear', params: {} });
    expect(linear.blocks.hyperparameters).toEqual({ choice: 'defaults', params: {} });
    expect(diffSolutions(base, linear).map((c) => c.block)).toEqual(['modelFamily', 'hyperparameters']);
    expect(withBlock(base, 'modelFamily', { choice: 'gbdt', params: {} }).blocks.hyperparameters).toEqual(base.blocks.hyperparameters);
  });

  it('round-trips through canonical JSON', () => {
    const json = serializeSolution(base);
    expect(parseSolution(json)).toEqual(base);
    expect(serializeSolution(parseSolution(json))).toBe(json);
    expect(parseSolution(JSON.parse(json))).toEqual(base);
  });

  it('refuses malformed solutions with the reason', () => {
    const good = JSON.parse(serializeSolution(base));
    expect(() => parseSolution({ ...good, version: 2 })).toThrow(/version 2/);
    expect(() => parseSolution({ ...good, task: 'ranking' })).toThrow(/Unknown task/);
    expect(() => parseSolution({ ...good, blocks: { ...good.blocks, magic: { choice: 'x', params: {} } } })).toThrow(/Unknown block "magic"/);
    expect(() => parseSolution({ ...good, blocks: { ...good.blocks, scaling: { choice: 'log', params: {} } } })).toThrow(/no alternative "log"/);
    expect(() => parseSolution({ ...good, blocks: { ...good.blocks, scaling: undefined } })).toThrow(/"scaling" needs/);
    expect(() => parseSolution({ ...good, blocks: { ...good.blocks, scaling: { choice: 'none', params: { a: [1] } } } })).toThrow(/Parameter "a"/);
    // Families beyond the catalog's defaults are allowed.
    expect(parseSolution({ ...good, blocks: { ...good.blocks, modelFamily: { choice: 'knn', params: {} } } }).blocks.modelFamily.choice).toBe('knn');
  });
});
