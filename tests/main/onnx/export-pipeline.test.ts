import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/main/ml/frame';
import { DEFAULT_LINEAR_PARAMS, fitLinearPipeline, type FittedPipeline } from '../../../src/main/ml/models/linear';
import type { Prediction } from '../../../src/main/ml/prediction';
import { exportSolutionOnnx, solutionInputs } from '../../../src/main/onnx/ensemble-graph';
import { OnnxModel, feedsFromFrame, feedsFromText, measureLatency } from '../../../src/main/onnx/runtime';
import { categorical, createRng, frame, numeric, syntheticData } from '../ml/models/synthetic';

const params = { ...DEFAULT_LINEAR_PARAMS, learningRate: 0.05, epochs: 10, batchSize: 128 };

/** Largest difference: absolute for probabilities, relative (above 1) for regression values. */
function maxDiff(a: Prediction, b: Prediction): number {
  const [x, y] = a.task === 'regression' && b.task === 'regression' ? [a.value, b.value] : a.task !== 'regression' && b.task !== 'regression' ? [a.proba, b.proba] : [null, null];
  if (!x || !y || x.length !== y.length) return Number.POSITIVE_INFINITY;
  let max = 0;
  for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i] - y[i]) / (a.task === 'regression' ? Math.max(1, Math.abs(x[i])) : 1));
  return max;
}

/** Rows that stress the encoders: missing numerics, missing / unseen / empty categories. */
function awkwardRows(): Frame {
  return frame([
    numeric('noise', [0, 1, Number.NaN, 2]),
    numeric('a', [Number.NaN, 0.5, Number.NaN, -3]),
    numeric('b', [100, Number.NaN, 80, 1e6]),
    categorical('color', [null, 'purple', 'red', 'green']),
  ]);
}

async function graphPredict(bytes: Uint8Array, model: FittedPipeline, rows: Frame): Promise<Prediction> {
  const onnx = await OnnxModel.load(bytes, { threads: 1 });
  try {
    expect(onnx.inputNames).toEqual(model.inputs.map((i) => i.name));
    return await onnx.predict(feedsFromFrame(rows, model.inputs), rows.rowCount, model.task, model.classes);
  } finally {
    await onnx.release();
  }
}

describe('exported pipeline graph', () => {
  for (const task of ['binary', 'multiclass', 'regression'] as const) {
    it(`matches predict() within 1e-5 (${task}, with missing and unseen values)`, async () => {
      const { features, y, classes } = syntheticData(task, 2000, 21, 0.15);
      const model = await fitLinearPipeline(features, y, task, classes, params, { rng: createRng(21) });
      for (const rows of [features, awkwardRows()]) {
        const fromGraph = await graphPredict(model.toOnnx(), model, rows);
        expect(maxDiff(model.predict(rows), fromGraph)).toBeLessThan(1e-5);
      }
    });
  }

  it('keeps a large-scale regression target within float32 rounding (1e-6 relative)', async () => {
    const { features, y } = syntheticData('regression', 2000, 28, 0.1);
    const prices = y.map((v) => 50_000 + 10_000 * v);
    const model = await fitLinearPipeline(features, prices, 'regression', null, params, { rng: createRng(28) });
    const fromGraph = await graphPredict(model.toOnnx(), model, features);
    expect(maxDiff(model.predict(features), fromGraph)).toBeLessThan(1e-6);
  });

  it('outputs label = the most probable class and documents its I/O types', async () => {
    const { features, y, classes } = syntheticData('multiclass', 600, 22, 0.1);
    const model = await fitLinearPipeline(features, y, 'multiclass', classes, params, { rng: createRng(22) });
    const onnx = await OnnxModel.load(model.toOnnx());
    try {
      expect(onnx.outputNames.sort()).toEqual(['label', 'probabilities']);
      const out = await onnx.run(feedsFromFrame(features, model.inputs), features.rowCount);
      const proba = out.probabilities.data as Float32Array;
      const labels = out.label.data as string[];
      expect(out.probabilities.dims).toEqual([600, 3]);
      expect(out.label.dims).toEqual([600]);
      for (let i = 0; i < 600; i++) {
        const row = Array.from(proba.subarray(3 * i, 3 * i + 3));
        expect(labels[i]).toBe(classes?.[row.indexOf(Math.max(...row))]);
      }
    } finally {
      await onnx.release();
    }
  });

  it('regression graph outputs `variable` [N,1]', async () => {
    const { features, y } = syntheticData('regression', 300, 23);
    const model = await fitLinearPipeline(features, y, 'regression', null, params, { rng: createRng(23) });
    const onnx = await OnnxModel.load(model.toOnnx());
    try {
      expect(onnx.outputNames).toEqual(['variable']);
      const out = await onnx.run(feedsFromFrame(features, model.inputs), 300);
      expect(out.variable.dims).toEqual([300, 1]);
      expect(out.variable.type).toBe('float32');
    } finally {
      await onnx.release();
    }
  });

  it('a soft-vote ensemble graph matches the weighted in-app blend', async () => {
    const { features, y, classes } = syntheticData('binary', 800, 24, 0.1);
    const a = await fitLinearPipeline(features, y, 'binary', classes, params, { rng: createRng(1) });
    const subset = { rowCount: features.rowCount, columns: features.columns.filter((c) => c.name !== 'noise') };
    const b = await fitLinearPipeline(subset, y, 'binary', classes, { ...params, l2: 0.01 }, { rng: createRng(2) });
    const weights = [3, 1];
    expect(solutionInputs([b, a]).map((i) => i.name)).toEqual(['a', 'b', 'color', 'noise']);
    const pa = a.predict(features);
    const pb = b.predict(features);
    if (pa.task === 'regression' || pb.task === 'regression') throw new Error('expected probabilities');
    const blend: Prediction = { task: 'binary', classes: pa.classes, proba: pa.proba.map((v, i) => 0.75 * v + 0.25 * pb.proba[i]) };
    const onnx = await OnnxModel.load(exportSolutionOnnx([a, b], weights));
    try {
      const fromGraph = await onnx.predict(feedsFromFrame(features, solutionInputs([a, b])), features.rowCount, 'binary', classes);
      expect(maxDiff(blend, fromGraph)).toBeLessThan(1e-5);
    } finally {
      await onnx.release();
    }
    expect(() => exportSolutionOnnx([a, b], [1])).toThrow(/2 models but 1 weights/);
  });

  it('feeds from CSV text cells: numbers parsed, blanks missing; a missing column is named', async () => {
    const { features, y, classes } = syntheticData('binary', 300, 25);
    const model = await fitLinearPipeline(features, y, 'binary', classes, params, { rng: createRng(25) });
    const text = { a: ['0.5', '', null, 'abc'], b: ['100', '90', ' 110 ', null], color: ['red', '', null, 'unseen'], noise: ['0', '0', '0', '0'], extra: ['x', 'y', 'z', 'w'] };
    const feeds = feedsFromText(text, model.inputs);
    expect(Array.from(feeds.a as Float32Array)).toEqual([0.5, NaN, NaN, NaN]);
    expect(Array.from(feeds.b as Float32Array)).toEqual([100, 90, 110, NaN]);
    expect(feeds.color).toEqual(['red', '', '', 'unseen']);
    const asFrame = frame([numeric('a', [0.5, NaN, NaN, NaN]), numeric('b', [100, 90, 110, NaN]), categorical('color', ['red', null, null, 'unseen']), numeric('noise', [0, 0, 0, 0])]);
    const onnx = await OnnxModel.load(model.toOnnx());
    try {
      const fromText = await onnx.predict(feeds, 4, 'binary', classes);
      expect(maxDiff(model.predict(asFrame), fromText)).toBeLessThan(1e-5);
      const latency = await measureLatency(onnx, feedsFromText({ a: ['1'], b: ['2'], color: ['red'], noise: ['0'] }, model.inputs), 50);
      expect(latency.p50).toBeGreaterThan(0);
      expect(latency.p50).toBeLessThanOrEqual(latency.p95);
      expect(latency.p95).toBeLessThanOrEqual(latency.p99);
    } finally {
      await onnx.release();
    }
    const { color: _dropped, ...withoutColor } = text;
    expect(() => feedsFromText(withoutColor, model.inputs)).toThrow(/Column 'color' is missing/);
    expect(() => feedsFromFrame(frame([numeric('a', [1])]), model.inputs)).toThrow(/Column 'b' is missing/);
  });

  describe('loading from a file', () => {
    let dir = '';
    beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlestar-onnx-'))));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('loads a model from a path', async () => {
      const { features, y } = syntheticData('regression', 200, 26);
      const model = await fitLinearPipeline(features, y, 'regression', null, params, { rng: createRng(26) });
      const file = path.join(dir, 'model.onnx');
      fs.writeFileSync(file, model.toOnnx());
      const onnx = await OnnxModel.load(file, { executionProvider: 'cpu' });
      try {
        expect(maxDiff(model.predict(features), await onnx.predict(feedsFromFrame(features, model.inputs), 200, 'regression', null))).toBeLessThan(1e-5);
      } finally {
        await onnx.release();
      }
    });

    // Debian's python3-onnx lives under /usr/bin/python3, which may not be the python3 on PATH.
    const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import onnx'], { stdio: 'ignore' }).status === 0);
    const hasPythonOnnx = python !== undefined;
    it.skipIf(!hasPythonOnnx)('passes onnx.checker.check_model (skipped where Debian python3-onnx is not installed)', async () => {
      const { features, y, classes } = syntheticData('multiclass', 200, 27, 0.1);
      const model = await fitLinearPipeline(features, y, 'multiclass', classes, params, { rng: createRng(27) });
      const file = path.join(dir, 'check.onnx');
      fs.writeFileSync(file, model.toOnnx());
      execFileSync(python ?? 'python3', ['-c', 'import onnx,sys; onnx.checker.check_model(onnx.load(sys.argv[1]))', file]);
    });
  });
});
