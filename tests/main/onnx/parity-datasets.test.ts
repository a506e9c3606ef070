/**
 * ONNX parity on every shared benchmark dataset and every model family: a small model (few
 * trees / epochs, at most TRAIN_ROWS training rows drawn from the fixed train split) is fitted,
 * its whole pipeline exported, and ONNX Runtime's predictions on test-split rows compared with
 * the in-app ones: max |diff| ≤ 1e-5 (probabilities absolute; regression values relative above
 * 1). Finds the datasets in ../shared/datasets beside the repository and skips, saying so, where
 * they are not there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvFile } from '../../../src/main/ml/csv';
import type { Frame } from '../../../src/main/ml/frame';
import { selectRows } from '../../../src/main/ml/frame';
import { DEFAULT_LINEAR_PARAMS, fitLinearPipeline } from '../../../src/main/ml/models/linear';
import { DEFAULT_MLP_PARAMS, fitMlpPipeline } from '../../../src/main/ml/models/mlp';
import type { FittedPipeline } from '../../../src/main/ml/models/pipeline';
import { createRng } from '../../../src/main/ml/rng';
import { prepareTarget, type PreparedTarget } from '../../../src/main/ml/target';
import { defaultTreeSpec, fitTreePipeline, type TreeFamily, type TreeSpec } from '../../../src/main/ml/trees/tree-pipeline';
import { SHARED_DATASETS, testRows } from '../../support/datasets';
import { graphPredict, maxDiff } from '../ml/models/contract';

const DATASETS = [
  { name: 'telco_churn', target: 'churn' },
  { name: 'credit', target: 'Status' },
  { name: 'satellite', target: 'classes' },
  { name: 'diamonds', target: 'price' },
  { name: 'spam', target: 'type' },
  { name: 'letters', target: 'lettr' },
  { name: 'fertility', target: 'morekids' },
] as const;

const TRAIN_ROWS = 1500;
const TEST_ROWS = 400;
const TOLERANCE = 1e-5;

function treeSpec(family: TreeFamily): TreeSpec {
  const spec = defaultTreeSpec(family);
  if (spec.family === 'gbdt') return { family: 'gbdt', params: { ...spec.params, numIterations: 15, earlyStoppingRounds: 0 } };
  return { family: spec.family, params: { ...spec.params, numIterations: 8, numLeaves: 63 } };
}

type Fit = (data: PreparedTarget, rows: Int32Array) => Promise<FittedPipeline>;

const FAMILIES: [string, Fit][] = [
  ...(['gbdt', 'random-forest', 'extra-trees'] as const).map((family): [string, Fit] => [
    family,
    (d, rows) => fitTreePipeline(selectRows(d.features, rows), Float64Array.from(rows, (r) => d.y[r]), d.task, d.classes, treeSpec(family), { rng: createRng(11) }),
  ]),
  ['linear', (d, rows) => fitLinearPipeline(selectRows(d.features, rows), Float64Array.from(rows, (r) => d.y[r]), d.task, d.classes, { ...DEFAULT_LINEAR_PARAMS, epochs: 3 }, { rng: createRng(11) })],
  // The linear preprocessing options on real data: median fill, missing indicators, target encoding.
  [
    'linear (median, indicators, target encoding)',
    (d, rows) =>
      fitLinearPipeline(selectRows(d.features, rows), Float64Array.from(rows, (r) => d.y[r]), d.task, d.classes, { ...DEFAULT_LINEAR_PARAMS, epochs: 3, imputation: 'median', missingIndicators: true, encoding: 'target' }, { rng: createRng(11) }),
  ],
  ['mlp', (d, rows) => fitMlpPipeline(selectRows(d.features, rows), Float64Array.from(rows, (r) => d.y[r]), d.task, d.classes, { ...DEFAULT_MLP_PARAMS, hiddenLayers: '16', epochs: 3 }, { rng: createRng(11) })],
];

interface Loaded {
  data: PreparedTarget;
  train: Int32Array;
  test: Frame;
}

/** Reads a dataset, prepares its target, and picks training rows (seeded sample) and test rows (the fixed split's first ones). */
async function load(name: string, target: string): Promise<Loaded> {
  const raw = await readCsvFile(path.join(SHARED_DATASETS, `${name}.csv`));
  const data = prepareTarget(raw, target);
  const isTest = testRows(name);
  const train: number[] = [];
  const test: number[] = [];
  data.rowIndex.forEach((row, i) => (isTest.has(row) ? test : train).push(i));
  const sample = createRng(3).shuffle(Int32Array.from(train)).slice(0, TRAIN_ROWS).sort();
  return { data, train: sample, test: selectRows(data.features, test.slice(0, TEST_ROWS)) };
}

const missing = DATASETS.filter((d) => !fs.existsSync(path.join(SHARED_DATASETS, `${d.name}.csv`))).map((d) => d.name);
const skipReason = missing.length > 0 ? ` (skipped: ${missing.join(', ')} not found in ${SHARED_DATASETS})` : '';

describe.skipIf(missing.length > 0)(`ONNX parity on the shared datasets, every family${skipReason}`, () => {
  const results: string[] = [];

  for (const { name, target } of DATASETS) {
    let loaded: Promise<Loaded> | null = null;
    const get = (): Promise<Loaded> => (loaded ??= load(name, target));
    for (const [family, fit] of FAMILIES) {
      it(`${name} (${target}) × ${family}: max |diff| ≤ ${TOLERANCE}`, async () => {
        const { data, train, test } = await get();
        const model = await fit(data, train);
        const inApp = model.predict(test);
        expect((inApp.task === 'regression' ? inApp.value : inApp.proba).every(Number.isFinite)).toBe(true);
        const diff = maxDiff(inApp, await graphPredict(model.toOnnx(), model, test));
        results.push(`${name} × ${family}: ${diff.toExponential(2)}`);
        expect(diff).toBeLessThanOrEqual(TOLERANCE);
      }, 60_000);
    }
  }

  it('reports the differences', () => {
    if (process.env.PARITY_REPORT) console.log(results.join('\n'));
    expect(results.length).toBe(DATASETS.length * FAMILIES.length);
  });
});
