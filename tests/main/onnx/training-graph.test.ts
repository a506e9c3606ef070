import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/main/ml/rng';
import { DEFAULT_ADAM, LINEAR_STEP_IO as IO, buildLinearTrainingStep, type LossKind } from '../../../src/main/onnx/training-graph';

const B = 5;
const D = 3;

/** Plain-JS reference of one step: forward, loss, gradient, Adam (double precision). */
function referenceStep(loss: LossKind, x: Float32Array, y: Float32Array, k: number, s: Record<string, Float32Array>, t: number, lr: number, l2: number) {
  const z = new Float64Array(B * k);
  for (let i = 0; i < B; i++) for (let j = 0; j < k; j++) {
    let acc = s.b[j];
    for (let f = 0; f < D; f++) acc += x[i * D + f] * s.W[f * k + j];
    z[i * k + j] = acc;
  }
  const dz = new Float64Array(B * k);
  let total = 0;
  for (let i = 0; i < B; i++) {
    if (loss === 'softmax-cross-entropy') {
      const row = Array.from(z.subarray(i * k, (i + 1) * k));
      const max = Math.max(...row);
      const lse = max + Math.log(row.reduce((a, v) => a + Math.exp(v - max), 0));
      for (let j = 0; j < k; j++) {
        total -= y[i * k + j] * (row[j] - lse);
        dz[i * k + j] = (Math.exp(row[j] - lse) - y[i * k + j]) / B;
      }
    } else {
      for (let j = 0; j < k; j++) {
        const diff = z[i * k + j] - y[i * k + j];
        total += (diff * diff) / 2;
        dz[i * k + j] = diff / B;
      }
    }
  }
  const dW = new Float64Array(D * k);
  for (let f = 0; f < D; f++) for (let j = 0; j < k; j++) {
    let acc = l2 * s.W[f * k + j];
    for (let i = 0; i < B; i++) acc += x[i * D + f] * dz[i * k + j];
    dW[f * k + j] = acc;
  }
  const db = new Float64Array(k);
  for (let i = 0; i < B; i++) for (let j = 0; j < k; j++) db[j] += dz[i * k + j];
  const { beta1, beta2, epsilon } = DEFAULT_ADAM;
  const adam = (p: Float32Array, g: Float64Array, m: Float32Array, v: Float32Array) => {
    const m2 = g.map((gi, i) => beta1 * m[i] + (1 - beta1) * gi);
    const v2 = g.map((gi, i) => beta2 * v[i] + (1 - beta2) * gi * gi);
    const p2 = Array.from(p, (pi, i) => pi - (lr / (1 - beta1 ** t)) * m2[i] / (Math.sqrt(v2[i] / (1 - beta2 ** t)) + epsilon));
    return { p: p2, m: Array.from(m2), v: Array.from(v2) };
  };
  return { loss: total / B, W: adam(s.W, dW, s.mW, s.vW), b: adam(s.b, db, s.mb, s.vb), dW, db };
}

function randomArray(rng: ReturnType<typeof createRng>, n: number, positive = false) {
  return Float32Array.from({ length: n }, () => (positive ? 0.01 + rng.next() * 0.1 : rng.normal()));
}

async function runStep(loss: LossKind, k: number) {
  const rng = createRng(7);
  const x = randomArray(rng, B * D);
  const y = new Float32Array(B * k);
  for (let i = 0; i < B; i++) {
    if (loss === 'softmax-cross-entropy') y[i * k + rng.int(k)] = 1;
    else y[i] = rng.normal() * 2;
  }
  const state = {
    W: randomArray(rng, D * k), b: randomArray(rng, k),
    mW: randomArray(rng, D * k), vW: randomArray(rng, D * k, true),
    mb: randomArray(rng, k), vb: randomArray(rng, k, true),
  };
  const t = 3, lr = 0.05, l2 = 0.01;
  const session = await ort.InferenceSession.create(buildLinearTrainingStep({ features: D, outputs: k, loss }));
  try {
    const f = (a: Float32Array, dims: number[]) => new ort.Tensor('float32', a, dims);
    const out = await session.run({
      [IO.x]: f(x, [B, D]), [IO.y]: f(y, [B, k]),
      [IO.w]: f(state.W, [D, k]), [IO.b]: f(state.b, [k]),
      [IO.mW]: f(state.mW, [D, k]), [IO.vW]: f(state.vW, [D, k]), [IO.mb]: f(state.mb, [k]), [IO.vb]: f(state.vb, [k]),
      [IO.t]: f(Float32Array.of(t), []), [IO.lr]: f(Float32Array.of(lr), []), [IO.l2]: f(Float32Array.of(l2), []),
    });
    return { out, ref: referenceStep(loss, x, y, k, state, t, lr, l2) };
  } finally {
    await session.release();
  }
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-5) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) expect(Math.abs(actual[i] - expected[i])).toBeLessThan(tol * Math.max(1, Math.abs(expected[i])));
}

describe('linear training-step graph', () => {
  for (const [loss, k] of [['softmax-cross-entropy', 3], ['softmax-cross-entropy', 2], ['squared-error', 1]] as const) {
    it(`matches a plain-JS gradient + Adam step (${loss}, K=${k})`, async () => {
      const { out, ref } = await runStep(loss, k);
      expectClose(out[IO.loss].data as Float32Array, [ref.loss]);
      expectClose(out[IO.outMW].data as Float32Array, ref.W.m);
      expectClose(out[IO.outVW].data as Float32Array, ref.W.v);
      expectClose(out[IO.outW].data as Float32Array, ref.W.p);
      expectClose(out[IO.outMb].data as Float32Array, ref.b.m);
      expectClose(out[IO.outVb].data as Float32Array, ref.b.v);
      expectClose(out[IO.outB].data as Float32Array, ref.b.p);
    });
  }

  it('rejects an empty shape', () => {
    expect(() => buildLinearTrainingStep({ features: 0, outputs: 2, loss: 'squared-error' })).toThrow(/at least one feature/);
  });
});
