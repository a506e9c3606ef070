/**
 * Bad input, for every model family: each case is handled (finite predictions that the exported
 * graph reproduces within 1e-5) or refused with a message naming what is wrong (the column, and
 * the row where there is one) — never a hang, never a NaN model.
 *
 * Decisions: rows with a missing target are dropped by prepareTarget, counted in
 * `droppedMissing` and told in `notes`; an infinite target is refused (column and row); ±Infinity
 * in a feature is missing for the linear family (imputed, as in the exported graph) and the
 * largest / smallest value for the tree families; constant and all-missing features carry no
 * signal but do no harm; a class with one sample or none is kept as a class; folds whose training
 * part would hold a single class are refused before any fit.
 */
import { describe, expect, it } from 'vitest';
import type { TaskKind } from '../../../../src/shared/domain';
import { isDataError } from '../../../../src/main/ml/data-error';
import type { Frame } from '../../../../src/main/ml/frame';
import { selectRows } from '../../../../src/main/ml/frame';
import { DEFAULT_LINEAR_PARAMS, fitLinearPipeline } from '../../../../src/main/ml/models/linear';
import type { FitOptions, FittedPipeline } from '../../../../src/main/ml/models/pipeline';
import type { Prediction } from '../../../../src/main/ml/prediction';
import { assertFoldsTrainable, kFold } from '../../../../src/main/ml/splits';
import { prepareTarget } from '../../../../src/main/ml/target';
import { defaultTreeSpec, fitTreePipeline, type TreeFamily, type TreeSpec } from '../../../../src/main/ml/trees/tree-pipeline';
import { graphPredict, maxDiff } from './contract';
import { categorical, createRng, frame, numeric } from './synthetic';

type Fit = (features: Frame, y: Float64Array, task: TaskKind, classes: string[] | null, options: FitOptions) => Promise<FittedPipeline>;

function treeSpec(family: TreeFamily): TreeSpec {
  const spec = defaultTreeSpec(family);
  if (spec.family === 'gbdt') return { family: 'gbdt', params: { ...spec.params, numIterations: 20, minDataInLeaf: 5 } };
  return { family: spec.family, params: { ...spec.params, numIterations: 10, numLeaves: 32 } };
}

const FAMILIES: [string, Fit][] = [
  ['linear', (f, y, t, c, o) => fitLinearPipeline(f, y, t, c, { ...DEFAULT_LINEAR_PARAMS, epochs: 5, batchSize: 64, learningRate: 0.05 }, o)],
  ...(['gbdt', 'random-forest', 'extra-trees'] as const).map((family): [string, Fit] => [family, (f, y, t, c, o) => fitTreePipeline(f, y, t, c, treeSpec(family), o)]),
];

function values(p: Prediction): Float64Array {
  return p.task === 'regression' ? p.value : p.proba;
}

/** Finite in-app predictions that the exported graph reproduces. */
async function expectSound(model: FittedPipeline, rows: Frame): Promise<Prediction> {
  const p = model.predict(rows);
  expect(values(p).every(Number.isFinite)).toBe(true);
  expect(maxDiff(p, await graphPredict(model.toOnnx(), model, rows))).toBeLessThan(1e-5);
  return p;
}

/** A raw table: x informative, the target column 'label' or 'price', optional extras. */
function table(n: number, seed: number): { x: number[]; label: (string | null)[]; price: number[] } {
  const rng = createRng(seed);
  const x = Array.from({ length: n }, () => rng.normal());
  return { x, label: x.map((v) => (v > 0 ? 'yes' : 'no')), price: x.map((v) => 1000 + 300 * v + rng.normal()) };
}

for (const [family, fit] of FAMILIES) {
  describe(`bad input: ${family}`, () => {
    const opts = (seed: number): FitOptions => ({ rng: createRng(seed) });

    it('drops rows whose target is missing, with the count and the rows in a note', async () => {
      const t = table(150, 1);
      t.label[3] = null;
      t.label[10] = null;
      const raw = frame([numeric('x', t.x), categorical('label', t.label)]);
      const prepared = prepareTarget(raw, 'label');
      expect(prepared.droppedMissing).toBe(2);
      expect(prepared.notes).toEqual(['Dropped 2 rows whose target "label" is missing (data rows 4, 11).']);
      expect(prepared.features.rowCount).toBe(148);
      const model = await fit(prepared.features, prepared.y, prepared.task, prepared.classes, opts(1));
      await expectSound(model, prepared.features);
      // A NaN handed straight to a fit (without prepareTarget) is refused with its row.
      const y = prepared.y.slice();
      y[7] = Number.NaN;
      await expect(fit(prepared.features, y, 'binary', prepared.classes, opts(1))).rejects.toThrow(/missing or not a number at row 7/);
    });

    it('refuses an infinite regression target, naming the column and the row', async () => {
      const t = table(100, 2);
      t.price[41] = Number.POSITIVE_INFINITY;
      const raw = frame([numeric('x', t.x), numeric('price', t.price)]);
      let error: unknown = null;
      try {
        prepareTarget(raw, 'price', 'regression', 'diamonds.csv');
      } catch (e) {
        error = e;
      }
      expect(isDataError(error)).toBe(true);
      expect((error as Error).message).toMatch(/target column "price" in "diamonds.csv" holds infinity at data row 42/);
      expect(() => prepareTarget(raw, 'price')).toThrow(/"price".*row 42/); // also when the task is inferred
      await expect(fit(frame([numeric('x', t.x)]), Float64Array.from(t.price), 'regression', null, opts(2))).rejects.toThrow(/infinite at row 41/);
    });

    it('refuses a one-class target with a clear message', async () => {
      const t = table(60, 3);
      const raw = frame([numeric('x', t.x), categorical('label', t.x.map(() => 'yes'))]);
      expect(() => prepareTarget(raw, 'label')).toThrow(/"label" .*only one value, "yes"/);
      await expect(fit(frame([numeric('x', t.x)]), new Float64Array(60), 'binary', ['no', 'yes'], opts(3))).rejects.toThrow(/Only one class \('no'\)/);
    });

    it('keeps a class with one sample (and a class with none) as classes', async () => {
      const t = table(120, 4);
      const y = Float64Array.from(t.x, (v) => (v > 0 ? 1 : 0));
      y[5] = 2;
      const features = frame([numeric('x', t.x)]);
      const model = await fit(features, y, 'multiclass', ['a', 'b', 'single', 'none'], opts(4));
      const p = await expectSound(model, features);
      expect(p.task !== 'regression' && p.classes).toEqual(['a', 'b', 'single', 'none']);
    });

    it('fits around constant and all-missing features; refuses or handles a frame with nothing else', async () => {
      const t = table(100, 5);
      const y = Float64Array.from(t.price);
      const useless = [numeric('constant', new Array<number>(100).fill(7)), numeric('empty', new Array<number>(100).fill(Number.NaN)), categorical('blank', new Array<string | null>(100).fill(null))];
      const model = await fit(frame([numeric('x', t.x), ...useless]), y, 'regression', null, opts(5));
      await expectSound(model, frame([numeric('x', t.x), ...useless]));
      // With no usable column at all: linear refuses, trees fit the mean; neither gives NaN.
      const only = frame(useless);
      const outcome = await fit(only, y, 'regression', null, opts(5)).then(
        (m) => m,
        (e: Error) => e,
      );
      if (outcome instanceof Error) expect(outcome.message).toMatch(/No usable feature column/);
      else await expectSound(outcome, only);
    });

    it('treats ±Infinity in features without poisoning the model (training and prediction)', async () => {
      const t = table(200, 6);
      const x = t.x.map((v, i) => (i % 9 === 0 ? (v > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY) : v));
      const y = Float64Array.from(t.x, (v) => (v > 0 ? 1 : 0));
      const features = frame([numeric('x', x), numeric('big', t.x.map((v, i) => (i === 3 ? 1e300 : v * 1e30)))]);
      const model = await fit(features, y, 'binary', ['no', 'yes'], opts(6));
      await expectSound(model, features);
      const rows = frame([numeric('x', [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 1e39, 0.3]), numeric('big', [Number.NEGATIVE_INFINITY, 1e300, Number.NaN, 0, 1e30])]);
      await expectSound(model, rows);
    });

    it('cross-validates with more classes than rows per fold; refuses folds that train on one class', async () => {
      // 12 classes of 3 rows and one of 1, 5 folds: each fold's test part misses classes, each training part lacks some.
      const counts = [...new Array<number>(12).fill(3), 1];
      const y = Float64Array.from(counts.flatMap((n, c) => new Array<number>(n).fill(c)));
      const classes = counts.map((_, c) => `k${c}`);
      const x = Array.from(y, (c, i) => c + 0.1 * (i % 3));
      const features = frame([numeric('x', x)]);
      const folds = kFold(y, 'multiclass', 5, createRng(7));
      expect(() => assertFoldsTrainable(folds, y, 'multiclass', classes)).not.toThrow();
      for (const fold of folds.slice(0, 2)) {
        expect(fold.test.length).toBeLessThan(classes.length);
        const model = await fit(selectRows(features, fold.train), Float64Array.from(fold.train, (r) => y[r]), 'multiclass', classes, opts(7));
        await expectSound(model, selectRows(features, fold.test));
      }
      // Binary with a single minority row: the fold holding it trains on one class only.
      const yb = Float64Array.from({ length: 40 }, (_, i) => (i === 17 ? 1 : 0));
      const bf = kFold(yb, 'binary', 5, createRng(8));
      expect(() => assertFoldsTrainable(bf, yb, 'binary', ['no', 'yes'])).toThrow(/fold \d holds only class "no", because "yes" has 1 row/);
    });
  });
}
