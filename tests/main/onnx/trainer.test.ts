import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/main/ml/rng';
import { CancelledError, isCancelled } from '../../../src/main/onnx/errors';
import { trainLinear, type TrainingData, type TrainOptions } from '../../../src/main/onnx/trainer';

/** y = 1.5·x0 − 2·x1 + 0.5 (+ tiny noise), as a regression problem. */
function regressionData(n: number, seed = 3): TrainingData {
  const rng = createRng(seed);
  const x = new Float32Array(n * 2);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[2 * i] = rng.normal();
    x[2 * i + 1] = rng.normal();
    y[i] = 1.5 * x[2 * i] - 2 * x[2 * i + 1] + 0.5 + 0.01 * rng.normal();
  }
  return { x, y, rows: n, features: 2, outputs: 1 };
}

const base = (seed = 1): TrainOptions => ({ loss: 'squared-error', epochs: 40, batchSize: 64, learningRate: 0.05, l2: 0, rng: createRng(seed) });

describe('trainLinear', () => {
  it('reduces the loss and recovers known coefficients', async () => {
    const losses: number[] = [];
    const result = await trainLinear(regressionData(2000), { ...base(), onIteration: ({ iteration, loss }) => losses[iteration - 1] = loss });
    expect(result.losses).toEqual(losses);
    expect(losses.length).toBe(40);
    expect(losses.at(-1)).toBeLessThan(losses[0] / 20);
    expect(result.weights[0]).toBeCloseTo(1.5, 1);
    expect(result.weights[1]).toBeCloseTo(-2, 1);
    expect(result.bias[0]).toBeCloseTo(0.5, 1);
    expect(result.provider).toBe('cpu');
  });

  it('is deterministic under a seed and shuffles differently under another', async () => {
    const data = regressionData(500);
    const a = await trainLinear(data, { ...base(11), epochs: 3 });
    const b = await trainLinear(data, { ...base(11), epochs: 3 });
    const c = await trainLinear(data, { ...base(12), epochs: 3 });
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    expect(a.losses).toEqual(b.losses);
    expect(Array.from(a.weights)).not.toEqual(Array.from(c.weights));
  });

  it('handles a batch larger than the data and a partial last batch', async () => {
    const r1 = await trainLinear(regressionData(50), { ...base(), batchSize: 4096, epochs: 2 });
    const r2 = await trainLinear(regressionData(50), { ...base(), batchSize: 16, epochs: 2 });
    expect(r1.losses).toHaveLength(2);
    expect(r2.losses).toHaveLength(2);
  });

  it('stops early on a plateau', async () => {
    const result = await trainLinear(regressionData(1000), { ...base(), epochs: 500, earlyStopping: { patience: 3, tolerance: 1e-3 } });
    expect(result.stoppedEarly).toBe(true);
    expect(result.losses.length).toBeLessThan(500);
  });

  it('cancels through an AbortSignal, before and during training', async () => {
    const before = new AbortController();
    before.abort();
    await expect(trainLinear(regressionData(100), { ...base(), signal: before.signal })).rejects.toBeInstanceOf(CancelledError);

    const during = new AbortController();
    let seen = 0;
    const err = await trainLinear(regressionData(2000), {
      ...base(),
      epochs: 1000,
      signal: during.signal,
      onIteration: ({ iteration }) => {
        seen = iteration;
        if (iteration === 2) during.abort();
      },
    }).catch((e: unknown) => e);
    expect(isCancelled(err)).toBe(true);
    expect((err as Error).name).toBe('AbortError');
    expect(seen).toBe(2);
  });

  it('cancels from a timer while it is running', async () => {
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 30);
    const started = performance.now();
    const err = await trainLinear(regressionData(5000), { ...base(), epochs: 100_000, batchSize: 32, signal: ctl.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CancelledError);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('rejects bad settings with a clear message', async () => {
    await expect(trainLinear(regressionData(10), { ...base(), learningRate: 0 })).rejects.toThrow(/learningRate/);
    await expect(trainLinear(regressionData(10), { ...base(), epochs: 0 })).rejects.toThrow(/epochs/);
    await expect(trainLinear({ ...regressionData(10), rows: 0, x: new Float32Array(0), y: new Float32Array(0) }, base())).rejects.toThrow(/at least one row/);
  });

  it("accepts executionProvider 'cuda' and falls back to CPU where CUDA is not installed", async () => {
    const result = await trainLinear(regressionData(100), { ...base(), epochs: 2, executionProvider: 'cuda' });
    expect(['cpu', 'cuda']).toContain(result.provider);
    expect(result.losses).toHaveLength(2);
  });
});
