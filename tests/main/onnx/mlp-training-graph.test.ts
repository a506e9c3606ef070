import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../../src/main/ml/rng';
import { MLP_IO, buildMlpLossGraph, buildMlpTrainingStep, layerSizes, mlpLayerNames, type Activation, type MlpShape } from '../../../src/main/onnx/mlp-training-graph';
import { DEFAULT_ADAM, type LossKind } from '../../../src/main/onnx/training-graph';

const B = 6;

interface Problem {
  shape: MlpShape;
  loss: LossKind;
  x: Float64Array;
  y: Float64Array;
  /** Per layer: W [in, out] and b [out]. */
  params: { w: Float64Array; b: Float64Array }[];
}

function problem(activation: Activation, loss: LossKind, seed: number): Problem {
  const rng = createRng(seed);
  const k = loss === 'softmax-cross-entropy' ? 3 : 1;
  const shape: MlpShape = { features: 3, hidden: [4, 3], outputs: k, activation };
  const sizes = layerSizes(shape);
  const x = Float64Array.from({ length: B * 3 }, () => rng.normal());
  const y = new Float64Array(B * k);
  for (let i = 0; i < B; i++) {
    if (k > 1) y[i * k + rng.int(k)] = 1;
    else y[i] = rng.normal();
  }
  const params = sizes.slice(1).map((out, l) => ({
    w: Float64Array.from({ length: sizes[l] * out }, () => rng.normal() * 0.8),
    b: Float64Array.from({ length: out }, () => rng.normal() * 0.3),
  }));
  return { shape, loss, x, y, params };
}

function feeds(p: Problem, type: 'float64' | 'float32', params = p.params): Record<string, ort.Tensor> {
  const sizes = layerSizes(p.shape);
  const make = (a: Float64Array, dims: number[]) => new ort.Tensor(type, type === 'float64' ? Float64Array.from(a) : Float32Array.from(a), dims);
  const out: Record<string, ort.Tensor> = { [MLP_IO.x]: make(p.x, [B, sizes[0]]), [MLP_IO.y]: make(p.y, [B, p.shape.outputs]) };
  params.forEach((layer, l) => {
    const n = mlpLayerNames(l);
    out[n.w] = make(layer.w, [sizes[l], sizes[l + 1]]);
    out[n.b] = make(layer.b, [sizes[l + 1]]);
  });
  return out;
}

async function withSession<T>(bytes: Uint8Array, f: (s: ort.InferenceSession) => Promise<T>): Promise<T> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
  try {
    return await f(session);
  } finally {
    await session.release();
  }
}

const L2 = 0.05;

/** The objective the gradients belong to: mean data loss + ½·l2·Σ‖W‖². */
async function objective(session: ort.InferenceSession, p: Problem, params: Problem['params']): Promise<number> {
  const out = await session.run(feeds(p, 'float64', params));
  const penalty = params.reduce((a, layer) => a + layer.w.reduce((s, v) => s + v * v, 0), 0);
  return (out[MLP_IO.loss].data as Float64Array)[0] + 0.5 * L2 * penalty;
}

function clone(params: Problem['params']): Problem['params'] {
  return params.map((l) => ({ w: Float64Array.from(l.w), b: Float64Array.from(l.b) }));
}

describe('MLP training graphs', () => {
  for (const [activation, loss] of [
    ['relu', 'softmax-cross-entropy'],
    ['tanh', 'softmax-cross-entropy'],
    ['relu', 'squared-error'],
    ['tanh', 'squared-error'],
  ] as const) {
    it(`analytic gradients equal central finite differences (${activation}, ${loss}, 3→4→3→K, double)`, async () => {
      const p = problem(activation, loss, 11);
      const analytic = await withSession(buildMlpLossGraph(p.shape, loss, { type: 'double', gradients: true }), async (s) => {
        const out = await s.run({ ...feeds(p, 'float64'), [MLP_IO.l2]: new ort.Tensor('float64', Float64Array.of(L2), []) });
        return p.params.map((_, l) => ({ w: out[mlpLayerNames(l).dW].data as Float64Array, b: out[mlpLayerNames(l).db].data as Float64Array }));
      });
      const eps = 1e-6;
      let checked = 0;
      await withSession(buildMlpLossGraph(p.shape, loss, { type: 'double' }), async (s) => {
        for (let l = 0; l < p.params.length; l++) {
          for (const key of ['w', 'b'] as const) {
            for (let i = 0; i < p.params[l][key].length; i++) {
              const plus = clone(p.params);
              const minus = clone(p.params);
              plus[l][key][i] += eps;
              minus[l][key][i] -= eps;
              const numeric = ((await objective(s, p, plus)) - (await objective(s, p, minus))) / (2 * eps);
              expect(Math.abs(analytic[l][key][i] - numeric)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)));
              checked++;
            }
          }
        }
      });
      expect(checked).toBe(3 * 4 + 4 + 4 * 3 + 3 + 3 * p.shape.outputs + p.shape.outputs);
    });
  }

  it('one float training step applies Adam (bias-corrected) to those gradients', async () => {
    const p = problem('relu', 'softmax-cross-entropy', 12);
    const grads = await withSession(buildMlpLossGraph(p.shape, p.loss, { type: 'double', gradients: true }), async (s) => {
      const out = await s.run({ ...feeds(p, 'float64'), [MLP_IO.l2]: new ort.Tensor('float64', Float64Array.of(L2), []) });
      return p.params.map((_, l) => ({ w: out[mlpLayerNames(l).dW].data as Float64Array, b: out[mlpLayerNames(l).db].data as Float64Array }));
    });
    const rng: Rng = createRng(3);
    const moments = p.params.map((layer) => ({
      mW: Float32Array.from(layer.w, () => rng.normal() * 0.1),
      vW: Float32Array.from(layer.w, () => 0.01 + rng.next() * 0.1),
      mb: Float32Array.from(layer.b, () => rng.normal() * 0.1),
      vb: Float32Array.from(layer.b, () => 0.01 + rng.next() * 0.1),
    }));
    const t = 4;
    const lr = 0.01;
    const sizes = layerSizes(p.shape);
    const out = await withSession(buildMlpTrainingStep({ ...p.shape, loss: p.loss }), (s) => {
      const f: Record<string, ort.Tensor> = { ...feeds(p, 'float32') };
      moments.forEach((m, l) => {
        const n = mlpLayerNames(l);
        f[n.mW] = new ort.Tensor('float32', m.mW, [sizes[l], sizes[l + 1]]);
        f[n.vW] = new ort.Tensor('float32', m.vW, [sizes[l], sizes[l + 1]]);
        f[n.mb] = new ort.Tensor('float32', m.mb, [sizes[l + 1]]);
        f[n.vb] = new ort.Tensor('float32', m.vb, [sizes[l + 1]]);
      });
      f[MLP_IO.t] = new ort.Tensor('float32', Float32Array.of(t), []);
      f[MLP_IO.lr] = new ort.Tensor('float32', Float32Array.of(lr), []);
      f[MLP_IO.l2] = new ort.Tensor('float32', Float32Array.of(L2), []);
      return s.run(f);
    });
    const { beta1, beta2, epsilon } = DEFAULT_ADAM;
    const adam = (value: Float64Array, grad: Float64Array, m: Float32Array, v: Float32Array) => {
      const m2 = Array.from(grad, (gi, i) => beta1 * m[i] + (1 - beta1) * gi);
      const v2 = Array.from(grad, (gi, i) => beta2 * v[i] + (1 - beta2) * gi * gi);
      return { m: m2, v: v2, p: Array.from(value, (pi, i) => pi - ((lr / (1 - beta1 ** t)) * m2[i]) / (Math.sqrt(v2[i] / (1 - beta2 ** t)) + epsilon)) };
    };
    const close = (actual: ort.Tensor, expected: number[]) => {
      const a = actual.data as Float32Array;
      expect(a.length).toBe(expected.length);
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - expected[i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(expected[i])));
    };
    p.params.forEach((layer, l) => {
      const n = mlpLayerNames(l);
      const w = adam(layer.w, grads[l].w, moments[l].mW, moments[l].vW);
      const b = adam(layer.b, grads[l].b, moments[l].mb, moments[l].vb);
      close(out[n.outW], w.p);
      close(out[n.outMW], w.m);
      close(out[n.outVW], w.v);
      close(out[n.outB], b.p);
      close(out[n.outMb], b.m);
      close(out[n.outVb], b.v);
    });
  });

  it('rejects bad shapes', () => {
    expect(() => buildMlpTrainingStep({ features: 3, hidden: [0], outputs: 2, activation: 'relu', loss: 'squared-error' })).toThrow(/positive integer layer widths/);
    expect(() => buildMlpLossGraph({ features: 3, hidden: [4], outputs: 2, activation: 'gelu' as Activation }, 'squared-error')).toThrow(/unknown activation/);
  });
});
