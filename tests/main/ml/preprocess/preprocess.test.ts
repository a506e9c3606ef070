/**
 * The linear preprocessing's fitted transformers (imputation strategies with missing
 * indicators, one-hot with a rare bucket, ordinal and out-of-fold target encoding): what each
 * computes, and that the exported design-matrix graph equals designMatrix() in ONNX Runtime
 * (float32, so within 1e-5 and in fact to the bit), and whole pipelines using them within 1e-5.
 */
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../../src/main/ml/frame';
import { DEFAULT_LINEAR_PARAMS, fitLinearPipeline, pipelineFromJSON, type LinearPreprocessParams } from '../../../../src/main/ml/models/linear';
import { designFeatures, designInputs, designMatrix, designWidth, fitDesign, fitDesignForTraining, type DesignOptions, type DesignSpec } from '../../../../src/main/ml/preprocess/design';
import { fitImputation, missingShare } from '../../../../src/main/ml/preprocess/imputer';
import { fitOrdinal } from '../../../../src/main/ml/preprocess/ordinal';
import { fitTargetEncoder } from '../../../../src/main/ml/preprocess/target-encoder';
import { addDesignMatrix, addRawInputs } from '../../../../src/main/onnx/export-pipeline';
import { GraphBuilder } from '../../../../src/main/onnx/graph-builder';
import { OnnxModel, feedsFromFrame } from '../../../../src/main/onnx/runtime';
import { graphPredict, maxDiff, onnxCheckerUnavailable, runOnnxChecker } from '../models/contract';
import { categorical, createRng, frame, numeric, syntheticData } from '../models/synthetic';

const f32 = Math.fround;

/** The design matrix computed by ONNX Runtime from the exported preprocessing alone. */
async function graphDesign(spec: DesignSpec, rows: Frame): Promise<Float32Array> {
  const g = new GraphBuilder('design');
  const input = addRawInputs(g, designInputs(spec));
  g.output('design_matrix', 'float', ['N', designWidth(spec)], addDesignMatrix(g, spec, input));
  const model = await OnnxModel.load(g.toBytes(), { threads: 1 });
  try {
    const out = await model.run(feedsFromFrame(rows, designInputs(spec)), rows.rowCount, ['design_matrix']);
    return out.design_matrix.data as Float32Array;
  } finally {
    await model.release();
  }
}

function maxAbs(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Training rows with missing, infinite, rare and high-cardinality values. */
function trainFrame(n = 300): { features: Frame; y: Float64Array } {
  const rng = createRng(5);
  const x = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? Number.NaN : i % 29 === 0 ? Number.POSITIVE_INFINITY : Math.round(rng.normal() * 4) / 2));
  const z = Array.from({ length: n }, () => 10 + rng.normal());
  const city = Array.from({ length: n }, (_, i) => (i % 11 === 0 ? null : `c${Math.floor(rng.next() ** 2 * 40)}`));
  const color = Array.from({ length: n }, (_, i) => (i === 0 ? 'violet' : ['red', 'green', 'blue'][i % 3]));
  const y = Float64Array.from({ length: n }, (_, i) => ((Number.isFinite(x[i]) ? x[i] : 0) + (city[i]?.length ?? 0) > 2 ? 1 : 0));
  return { features: frame([numeric('x', x), numeric('z', z), categorical('city', city), categorical('color', color)]), y };
}

/** Rows the transformers must handle: missing, ±Infinity, huge, unseen, '' and rare categories. */
function awkward(): Frame {
  return frame([
    numeric('x', [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e39, 0.5, -2]),
    numeric('z', [10, Number.NaN, 11, 9, 1e6, -1e6]),
    categorical('city', [null, 'never-seen', 'c0', 'c39', '', 'c1']),
    categorical('color', ['violet', 'red', null, 'purple', '', 'blue']),
  ]);
}

describe('imputation strategies', () => {
  const values = Float64Array.from([1, 2, 2, 10, Number.NaN, Number.POSITIVE_INFINITY]);
  it('fills with the mean, median, most frequent value or a constant; infinite counts as missing', () => {
    expect(fitImputation(values, 'mean', 3.75)).toBe(3.75);
    expect(fitImputation(values, 'median', 3.75)).toBe(2);
    expect(fitImputation(Float64Array.from([1, 2, 3, 10]), 'median', 0)).toBe(2.5);
    expect(fitImputation(values, 'most_frequent', 3.75)).toBe(2);
    expect(fitImputation(Float64Array.from([3, 1, 3, 1]), 'most_frequent', 0)).toBe(1);
    expect(fitImputation(values, 'constant', 3.75, -1)).toBe(-1);
    expect(fitImputation(values, 'constant', 3.75)).toBe(0);
    expect(fitImputation(Float64Array.from([0.1]), 'median', 0)).toBe(f32(0.1));
    expect(fitImputation(Float64Array.from([Number.NaN]), 'median', 0)).toBe(0);
    expect(() => fitImputation(values, 'constant', 0, Number.POSITIVE_INFINITY)).toThrow(/finite/);
    expect(missingShare(values)).toBeCloseTo(2 / 6);
  });

  it('puts the fill before standardization and adds missing indicators last', () => {
    const f = frame([numeric('a', [1, 2, 2, 10, Number.NaN, Number.NEGATIVE_INFINITY]), numeric('full', [1, 2, 3, 4, 5, 6]), categorical('c', ['u', 'v', 'u', 'v', 'u', null])]);
    const spec = fitDesign(f, { imputation: 'median', missingIndicators: true });
    const a = spec.columns[0];
    expect(a.kind === 'numeric' && a.fill).toBe(2);
    expect(a.kind === 'numeric' && a.indicator).toEqual({ share: 2 / 6 });
    expect(spec.columns[1].kind === 'numeric' && spec.columns[1].indicator).toBeUndefined(); // no missing value: no indicator
    expect(designFeatures(spec).map((d) => d.role ?? d.category)).toEqual([null, null, 'u', 'v', 'missing']);
    const x = designMatrix(f, spec);
    const d = designWidth(spec);
    expect(d).toBe(5);
    expect(x[4 * d]).toBe(x[1 * d]); // the missing row takes the median, 2
    expect([0, 1, 2, 3, 4, 5].map((r) => x[r * d + 4])).toEqual([0, 0, 0, 0, 1, 1]);
  });
});

describe('one-hot rare bucket', () => {
  it('gives categories below the minimum count, beyond the cap and unseen ones one shared column', () => {
    const f = frame([categorical('c', ['a', 'a', 'a', 'b', 'b', 'c', 'd', null, ''])]);
    const spec = fitDesign(f, { rareMinCount: 2 });
    const t = spec.columns[0];
    expect(t.kind === 'categorical' && t.categories).toEqual(['a', 'b']);
    expect(t.kind === 'categorical' && t.rare).toEqual({ share: 2 / 9 });
    expect(designFeatures(spec).map((d) => d.role ?? d.category)).toEqual(['a', 'b', 'rare']);
    const rows = frame([categorical('c', ['a', 'c', 'new', null, '', 'b'])]);
    expect(Array.from(designMatrix(rows, spec))).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(fitDesign(f).columns[0]).not.toHaveProperty('rare'); // off by default
  });
});

describe('ordinal encoding', () => {
  it('ranks categories in code-unit order, standardized; missing and unseen are 0', () => {
    const enc = fitOrdinal(categorical('c', ['b', 'a', 'c', 'a', null]));
    expect(enc.categories).toEqual(['a', 'b', 'c']);
    const mean = (0 + 0 + 1 + 2) / 4;
    const std = Math.sqrt((2 * mean ** 2 + (1 - mean) ** 2 + (2 - mean) ** 2) / 4);
    expect(enc.values[0]).toEqual([0, 1, 2].map((r) => f32((r - mean) / std)));
    expect(enc.fallback).toEqual([0]);
  });
});

describe('target encoding', () => {
  it('smooths category means towards the prior, full data for inference, out of fold for training', () => {
    const col = categorical('c', ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', null, null]);
    const y = Float64Array.from([1, 1, 1, 0, 0, 0, 0, 1, 1, 0]);
    const { encoding, training } = fitTargetEncoder(col, y, 'binary', 2, { smoothing: 2, folds: 5, rng: createRng(1) });
    const prior = 0.5;
    expect(encoding.categories).toEqual(['a', 'b']);
    expect(encoding.values[0]).toEqual([f32((3 + 2 * prior) / 6), f32((1 + 2 * prior) / 6)]);
    expect(encoding.fallback).toEqual([prior]);
    // Out of fold: no row sees its own target, so the training values differ from the full-data ones.
    expect(training[0]).toHaveLength(10);
    expect(Array.from(training[0]).some((v, i) => i < 8 && v !== encoding.values[0][i < 4 ? 0 : 1])).toBe(true);
  });

  it('encodes multiclass as one column per class and regression on the standardized target', () => {
    const col = categorical('c', ['a', 'b', 'c', 'a', 'b', 'c']);
    const multi = fitTargetEncoder(col, Float64Array.from([0, 1, 2, 0, 1, 2]), 'multiclass', 3, { rng: createRng(2) });
    expect(multi.encoding.values).toHaveLength(3);
    expect(multi.training).toHaveLength(3);
    const reg = fitTargetEncoder(col, Float64Array.from([1e6, 2e6, 3e6, 1e6, 2e6, 3e6]), 'regression', 1, { smoothing: 0, rng: createRng(2) });
    expect(reg.encoding.values[0].map((v) => Math.round(v * 1000) / 1000)).toEqual([-1.225, 0, 1.225]);
    expect(Array.from(reg.training[0]).every(Number.isFinite)).toBe(true);
  });

  it('is refused by fitDesign, which has no target', () => {
    expect(() => fitDesign(trainFrame().features, { encoding: 'target' })).toThrow(/fitDesignForTraining/);
  });
});

describe('exported preprocessing equals designMatrix() in ONNX Runtime', () => {
  const { features, y } = trainFrame();
  const target = { y, task: 'binary' as const, classCount: 2, rng: createRng(3) };
  const cases: [string, DesignOptions][] = [
    ['defaults', {}],
    ['median + indicators', { imputation: 'median', missingIndicators: true }],
    ['most frequent', { imputation: 'most_frequent' }],
    ['constant', { imputation: 'constant', fillValue: -7.3 }],
    ['one-hot with rare bucket', { rareMinCount: 5, maxCategories: 10 }],
    ['ordinal', { encoding: 'ordinal' }],
    ['target', { encoding: 'target', targetSmoothing: 5 }],
  ];
  for (const [name, options] of cases) {
    it(name, async () => {
      const { design, x } = fitDesignForTraining(features, options, target);
      if (options.encoding !== 'target') expect(x).toEqual(designMatrix(features, design));
      for (const rows of [features, awkward()]) {
        const inApp = designMatrix(rows, design);
        expect(inApp.every(Number.isFinite)).toBe(true);
        expect(maxAbs(inApp, await graphDesign(design, rows))).toBe(0);
      }
    });
  }
});

describe('linear pipelines with preprocessing options', () => {
  const params = { ...DEFAULT_LINEAR_PARAMS, epochs: 6, batchSize: 64, learningRate: 0.05 };
  const checkerSkip = onnxCheckerUnavailable();
  const options: [string, LinearPreprocessParams][] = [
    ['median + indicators + rare', { imputation: 'median', missingIndicators: true, rareMinCount: 5 }],
    ['ordinal', { encoding: 'ordinal', imputation: 'constant', fillValue: 1 }],
    ['target', { encoding: 'target' }],
  ];
  for (const task of ['binary', 'multiclass', 'regression'] as const) {
    for (const [name, pre] of options) {
      it(`${task}, ${name}: graph within 1e-5, JSON round trip${checkerSkip ? '' : ', onnx.checker'}`, async () => {
        const { features, y, classes } = syntheticData(task, 400, 41, 0.15);
        const model = await fitLinearPipeline(features, y, task, classes, { ...params, ...pre }, { rng: createRng(41) });
        expect(model.params).toMatchObject(pre);
        const bytes = model.toOnnx();
        const rows = frame([
          numeric('a', [Number.NaN, Number.POSITIVE_INFINITY, 0.5, -1e39]),
          numeric('b', [100, Number.NaN, 80, 1e6]),
          categorical('color', [null, 'purple', 'red', '']),
          numeric('noise', [0, 1, Number.NaN, 2]),
        ]);
        for (const r of [features, rows]) {
          const p = model.predict(r);
          expect((p.task === 'regression' ? p.value : p.proba).every(Number.isFinite)).toBe(true);
          expect(maxDiff(p, await graphPredict(bytes, model, r))).toBeLessThan(1e-5);
        }
        const restored = pipelineFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
        expect(restored.toJSON()).toEqual(model.toJSON());
        if (!checkerSkip) expect(runOnnxChecker(bytes)).toBe('');
      });
    }
  }

  it('leaves the default pipeline unchanged (same JSON with and without explicit defaults)', async () => {
    const { features, y, classes } = syntheticData('binary', 300, 42, 0.1);
    const a = await fitLinearPipeline(features, y, 'binary', classes, params, { rng: createRng(42) });
    const b = await fitLinearPipeline(features, y, 'binary', classes, { ...params, imputation: 'mean', encoding: 'one-hot' }, { rng: createRng(42) });
    expect({ ...b.toJSON(), params: a.toJSON().params }).toEqual(a.toJSON());
  });
});
