/**
 * The estimator contract every model family passes (DESIGN.md §4): determinism under a seed,
 * cancel, the one-class error, save/load round trip, ONNX parity within 1e-5 (missing, unseen
 * and infinite values included), a graph that passes onnx.checker, and bad input handled or
 * refused with a message, never a hang or a NaN model. Call `estimatorContract` from a
 * `*.test.ts` per family.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TaskKind } from '../../../../src/shared/domain';
import type { Frame } from '../../../../src/main/ml/frame';
import { pipelineFromJSON, type FitOptions, type FittedPipeline } from '../../../../src/main/ml/models/pipeline';
import type { Prediction } from '../../../../src/main/ml/prediction';
import { isCancelled } from '../../../../src/main/onnx/errors';
import { OnnxModel, feedsFromFrame } from '../../../../src/main/onnx/runtime';
import { categorical, createRng, frame, numeric, syntheticData } from './synthetic';

/** Fits one model of the family under test. */
export type FitFn = (features: Frame, y: Float64Array, task: TaskKind, classes: string[] | null, options: FitOptions) => Promise<FittedPipeline>;

/** Largest difference: absolute for probabilities, relative (above 1) for regression values. */
export function maxDiff(a: Prediction, b: Prediction): number {
  const [x, y] = a.task === 'regression' && b.task === 'regression' ? [a.value, b.value] : a.task !== 'regression' && b.task !== 'regression' ? [a.proba, b.proba] : [null, null];
  if (!x || !y || x.length !== y.length) return Number.POSITIVE_INFINITY;
  let max = 0;
  for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i] - y[i]) / (a.task === 'regression' ? Math.max(1, Math.abs(x[i])) : 1));
  return max;
}

/** Rows that stress a pipeline: missing and infinite numerics, missing / unseen categories. */
export function awkwardRows(): Frame {
  return frame([
    numeric('a', [Number.NaN, 0.5, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e30]),
    numeric('b', [100, Number.NaN, 80, 1e6, -1e6]),
    categorical('color', [null, 'purple', 'red', 'green', 'blue']),
    numeric('noise', [0, 1, Number.NaN, 2, 0]),
  ]);
}

export async function graphPredict(bytes: Uint8Array, model: FittedPipeline, rows: Frame): Promise<Prediction> {
  const onnx = await OnnxModel.load(bytes, { threads: 1 });
  try {
    return await onnx.predict(feedsFromFrame(rows, model.inputs), rows.rowCount, model.task, model.classes);
  } finally {
    await onnx.release();
  }
}

function values(p: Prediction): Float64Array {
  return p.task === 'regression' ? p.value : p.proba;
}

/** Why Debian's onnx checker cannot run here, or null when it can. */
export function onnxCheckerUnavailable(): string | null {
  if (!fs.existsSync('/usr/bin/python3')) return '/usr/bin/python3 is not installed';
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import onnx'], { encoding: 'utf8' });
  return probe.status === 0 ? null : `python3-onnx is not importable by /usr/bin/python3 (${probe.stderr.trim().split('\n').at(-1)})`;
}

/** Runs onnx.checker.check_model on a model (not full_check: onnx 1.12 has no type inference for ai.onnx.ml Imputer); returns stderr on failure, '' on success. */
export function runOnnxChecker(bytes: Uint8Array): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-check-')), 'model.onnx');
  fs.writeFileSync(file, bytes);
  const r = spawnSync('/usr/bin/python3', ['-c', 'import onnx,sys; onnx.checker.check_model(onnx.load(sys.argv[1]))', file], { encoding: 'utf8' });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return r.status === 0 ? '' : r.stderr || `exit ${r.status}`;
}

export interface ContractOptions {
  /** Rows of the synthetic training sets (small for slow families). */
  rows?: number;
}

/** `family` may name a variant after a space ("linear (robust scaling)"): the model's family is the first word. */
export function estimatorContract(family: string, fit: FitFn, options: ContractOptions = {}): void {
  const n = options.rows ?? 400;
  const familyName = family.split(' ')[0];
  const checkerSkip = onnxCheckerUnavailable();

  describe(`estimator contract: ${family}`, () => {
    for (const task of ['binary', 'multiclass', 'regression'] as const) {
      it(`${task}: ONNX graph equals predict() within 1e-5 (missing, unseen, infinite values)`, async () => {
        const { features, y, classes } = syntheticData(task, n, 31, 0.1);
        const model = await fit(features, y, task, classes, { rng: createRng(31) });
        expect(model.family).toBe(familyName);
        const bytes = model.toOnnx();
        for (const rows of [features, awkwardRows()]) {
          const inApp = model.predict(rows);
          expect(values(inApp).every(Number.isFinite)).toBe(true);
          expect(maxDiff(inApp, await graphPredict(bytes, model, rows))).toBeLessThan(1e-5);
        }
      });

      it.skipIf(checkerSkip !== null)(`${task}: the exported graph passes onnx.checker${checkerSkip ? ` (skipped: ${checkerSkip})` : ''}`, async () => {
        const { features, y, classes } = syntheticData(task, n, 32, 0.1);
        const model = await fit(features, y, task, classes, { rng: createRng(32) });
        expect(runOnnxChecker(model.toOnnx())).toBe('');
      });
    }

    it('is deterministic under a seed', async () => {
      const { features, y, classes } = syntheticData('binary', n, 33, 0.05);
      const a = await fit(features, y, 'binary', classes, { rng: createRng(7) });
      const b = await fit(features, y, 'binary', classes, { rng: createRng(7) });
      expect(a.toJSON()).toEqual(b.toJSON());
    });

    it('round-trips through JSON (save/load) with identical predictions', async () => {
      const { features, y, classes } = syntheticData('multiclass', n, 34, 0.1);
      const model = await fit(features, y, 'multiclass', classes, { rng: createRng(34) });
      const restored = pipelineFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
      expect(restored.family).toBe(model.family);
      expect(restored.inputs).toEqual(model.inputs);
      expect(values(restored.predict(features))).toEqual(values(model.predict(features)));
      expect(() => pipelineFromJSON({ ...model.toJSON(), version: 99 })).toThrow(/version/);
    });

    it('stops with a cancellation error when the signal fires', async () => {
      const { features, y, classes } = syntheticData('binary', n, 35);
      const controller = new AbortController();
      const fitting = fit(features, y, 'binary', classes, { rng: createRng(35), signal: controller.signal, onIteration: () => controller.abort() });
      const error = await fitting.then(() => null, (e: unknown) => e);
      expect(isCancelled(error)).toBe(true);
      const aborted = AbortSignal.abort();
      expect(isCancelled(await fit(features, y, 'binary', classes, { rng: createRng(35), signal: aborted }).then(() => null, (e: unknown) => e))).toBe(true);
    });

    it('refuses a single class and NaN targets with a clear message', async () => {
      const { features, classes } = syntheticData('binary', 50, 36);
      await expect(fit(features, new Float64Array(50), 'binary', classes, { rng: createRng(1) })).rejects.toThrow(/one class/);
      const y = new Float64Array(50).map((_, i) => i % 2);
      y[3] = Number.NaN;
      await expect(fit(features, y, 'binary', classes, { rng: createRng(1) })).rejects.toThrow(/missing or not a number/);
    });

    it('handles a class with one sample, more classes than present, constant, all-missing and infinite features', async () => {
      const m = 120;
      const rng = createRng(37);
      const x = Array.from({ length: m }, () => rng.normal());
      const y = Float64Array.from(x, (v) => (v > 0 ? 1 : 0));
      y[0] = 2; // a class with one sample; class 3 has none at all
      const inf = x.map((v, i) => (i % 10 === 0 ? (v > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY) : v));
      const features = frame([
        numeric('x', inf),
        numeric('constant', new Array<number>(m).fill(3)),
        numeric('empty', new Array<number>(m).fill(Number.NaN)),
        categorical('nothing', new Array<string | null>(m).fill(null)),
      ]);
      const classes = ['neg', 'pos', 'rare', 'absent'];
      const model = await fit(features, y, 'multiclass', classes, { rng: createRng(37) });
      const p = model.predict(features);
      if (p.task === 'regression') throw new Error('expected probabilities');
      expect(p.proba).toHaveLength(m * 4);
      expect(p.proba.every(Number.isFinite)).toBe(true);
      expect(maxDiff(p, await graphPredict(model.toOnnx(), model, features))).toBeLessThan(1e-5);
    });
  });
}
