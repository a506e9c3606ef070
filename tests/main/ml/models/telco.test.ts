/**
 * Real-data check on the telco churn set (../shared/datasets): fit on 80%, score the rest,
 * export to ONNX and compare. Skips with a reason where the dataset folder is absent.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { columnByName, dropColumns, selectRows } from '../../../../src/main/ml/frame';
import { DEFAULT_LINEAR_PARAMS, fitLinearPipeline } from '../../../../src/main/ml/models/linear';
import { OnnxModel, feedsFromFrame, measureLatency } from '../../../../src/main/onnx/runtime';
import { loadCsvFrame } from './csv-frame';
import { accuracy, createRng } from './synthetic';

const FILE = '/work/shared/datasets/telco_churn.csv';
const present = fs.existsSync(FILE);

describe.skipIf(!present)(`telco churn (skipped when ${FILE} is absent)`, () => {
  it('reaches a sensible holdout score and the exported graph agrees', async () => {
    const all = loadCsvFrame(FILE);
    const target = columnByName(all, 'churn');
    if (!target || target.kind !== 'categorical') throw new Error('churn should be categorical');
    const classes = ['No', 'Yes'];
    const y = Float64Array.from(target.codes, (c) => classes.indexOf(target.categories[c]));
    const features = dropColumns(all, ['churn']);
    const order = createRng(1).shuffle(Array.from({ length: all.rowCount }, (_, i) => i));
    const cut = Math.floor(all.rowCount * 0.8);
    const [train, test] = [order.slice(0, cut), order.slice(cut)];
    const yTrain = Float64Array.from(train, (i) => y[i]);
    const yTest = Float64Array.from(test, (i) => y[i]);

    const started = performance.now();
    const model = await fitLinearPipeline(selectRows(features, train), yTrain, 'binary', classes, DEFAULT_LINEAR_PARAMS, { rng: createRng(2) });
    const fitMs = performance.now() - started;

    const holdout = selectRows(features, test);
    const inApp = model.predict(holdout);
    if (inApp.task === 'regression') throw new Error('expected probabilities');
    const acc = accuracy(inApp.proba, yTest, 2);
    expect(acc).toBeGreaterThan(0.78);

    const onnx = await OnnxModel.load(model.toOnnx(), { threads: 2 });
    try {
      const fromGraph = await onnx.predict(feedsFromFrame(holdout, model.inputs), holdout.rowCount, 'binary', classes);
      if (fromGraph.task === 'regression') throw new Error('expected probabilities');
      const parity = inApp.proba.reduce((m, v, i) => Math.max(m, Math.abs(v - fromGraph.proba[i])), 0);
      expect(parity).toBeLessThan(1e-5);
      const latency = await measureLatency(onnx, feedsFromFrame(selectRows(holdout, [0]), model.inputs), 200);
      console.log(
        `telco: ${train.length} train rows, fit ${fitMs.toFixed(0)} ms, holdout accuracy ${acc.toFixed(4)}, parity ${parity.toExponential(2)}, ` +
          `latency p50 ${latency.p50.toFixed(3)} ms p99 ${latency.p99.toFixed(3)} ms`,
      );
    } finally {
      await onnx.release();
    }
    expect(model.featureImportance()[0].importance).toBeGreaterThan(0);
  });
});
