import { describe, expect, it } from 'vitest';
import { readCsvFile } from '../../../../src/main/ml/csv';
import { createRng } from '../../../../src/main/ml/rng';
import { prepareTarget } from '../../../../src/main/ml/target';
import { identifierFinding } from '../../../../src/main/workflow/checks/identifiers';
import { checkTargetLeakage } from '../../../../src/main/workflow/checks/leakage';
import { datasetPath } from '../../../support/datasets';
import { cat, frameOf, num } from './frames';

function plantedBinary(n: number, seed: number) {
  const rng = createRng(seed);
  const y = Float64Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
  const frame = frameOf(
    num('honest', Array.from(y, (v) => v * 0.8 + rng.normal())),
    num('leak_numeric', Array.from(y, (v) => v * 10 + rng.next())), // e.g. "days since cancellation"
    num('leak_nonmonotone', Array.from(y, (v) => (v ? 1 : -1) * (2 + rng.next()) * (rng.next() < 0.5 ? 1 : -1) * (v ? 1 : 0) + (v ? 0 : rng.next() - 0.5))),
    cat('leak_category', Array.from(y, (v, i) => (v ? `closed-${i % 7}` : `open-${i % 5}`))),
    cat('plan', Array.from({ length: n }, () => ['a', 'b', 'c'][rng.int(3)])),
    cat('customer_id', Array.from({ length: n }, (_, i) => `C${100000 + i}`)),
    num('row_number', Array.from({ length: n }, (_, i) => i + 1)),
    num('amount', Array.from({ length: n }, () => rng.next() * 100)),
  );
  return { frame, y };
}

describe('target-leakage checker', () => {
  it('flags planted leaks (numeric, non-monotone numeric, categorical) with their figure, and nothing honest', () => {
    const { frame, y } = plantedBinary(1000, 1);
    const report = checkTargetLeakage(frame, y, 'binary', 2, createRng(1));
    const flagged = report.features.filter((f) => f.flagged).map((f) => f.column);
    expect(flagged.sort()).toEqual(['leak_category', 'leak_nonmonotone', 'leak_numeric']);
    const leak = report.features.find((f) => f.column === 'leak_numeric')!;
    expect(leak).toMatchObject({ metric: 'roc_auc', flagged: true });
    expect(leak.score).toBeGreaterThan(0.999);
    expect(report.features.find((f) => f.column === 'honest')!.score).toBeGreaterThan(0.6);
    expect(report.findings.some((s) => s.includes('"leak_numeric" alone predicts the target with ROC AUC 1.0000'))).toBe(true);
  });

  it('flags identifier-like columns (unique text, unique integers) but not a unique continuous measurement', () => {
    const { frame, y } = plantedBinary(300, 2);
    const report = checkTargetLeakage(frame, y, 'binary', 2, createRng(2));
    expect(report.identifiers.map((f) => f.column)).toEqual(['customer_id', 'row_number']);
    // An identifier cannot leak through out-of-fold group rates: every group is unseen.
    expect(report.features.find((f) => f.column === 'customer_id')!.flagged).toBe(false);
    expect(report.findings).toContain('Identifier-like column "customer_id": every one of its 300 rows has a different text value, like a row identifier. It should not be a feature.');
    expect(identifierFinding(num('x', [1, 2, 3]), 3)).toBeNull();
  });

  it('regression and multiclass leaks are flagged by R² and macro AUC', () => {
    const rng = createRng(3);
    const n = 800;
    const y = Float64Array.from({ length: n }, () => rng.normal() * 5);
    const reg = checkTargetLeakage(frameOf(num('y_copy', Array.from(y, (v) => 2 * v + 0.01 * rng.normal())), num('noise', Array.from(y, () => rng.normal()))), y, 'regression', 0, createRng(3));
    expect(reg.features.map((f) => [f.column, f.metric, f.flagged])).toEqual([
      ['y_copy', 'r2', true],
      ['noise', 'r2', false],
    ]);
    const yc = Float64Array.from({ length: n }, () => rng.int(4));
    const mc = checkTargetLeakage(frameOf(cat('label_text', Array.from(yc, (v) => `class ${v}`)), num('noise', Array.from(yc, () => rng.normal()))), yc, 'multiclass', 4, createRng(3));
    expect(mc.features[0]).toMatchObject({ column: 'label_text', metric: 'roc_auc', flagged: true });
    expect(mc.features[1].flagged).toBe(false);
  });

  it('looks only at the given rows', () => {
    const { frame, y } = plantedBinary(400, 4);
    const rows = Int32Array.from({ length: 200 }, (_, i) => i * 2);
    const report = checkTargetLeakage(frame, y, 'binary', 2, createRng(4), { rows });
    expect(report.features.find((f) => f.column === 'leak_numeric')!.flagged).toBe(true);
    expect(report.identifiers.map((f) => f.column)).toEqual(['customer_id', 'row_number']);
  });

  it('raises no false alarm on telco_churn', async () => {
    const frame = await readCsvFile(datasetPath('telco_churn.csv'));
    const target = prepareTarget(frame, 'churn');
    const report = checkTargetLeakage(target.features, target.y, target.task, target.classes!.length, createRng(1));
    expect(report.findings).toEqual([]);
    expect(report.features).toHaveLength(19);
    const top = report.features[0];
    expect(top.score).toBeGreaterThan(0.6); // contract / tenure genuinely predict churn...
    expect(top.score).toBeLessThan(0.9); // ...but nothing alone predicts it almost perfectly
  });
});

describe('AUC of a score with few distinct values', () => {
  it('equals the rank-based ROC AUC, ties included', async () => {
    const { rocAuc } = await import('../../../../src/main/ml/metrics');
    const { aucOfFewValues } = await import('../../../../src/main/workflow/checks/one-feature-score');
    const rng = createRng(6);
    const y = Float64Array.from({ length: 500 }, () => (rng.next() < 0.4 ? 1 : 0));
    const score = Float64Array.from(y, (v) => Math.round(4 * rng.next() + 2 * v) / 4);
    expect(aucOfFewValues(y, score)).toBeCloseTo(rocAuc(y, score), 12);
    expect(aucOfFewValues(Float64Array.from([1, 1]), Float64Array.from([0.1, 0.2]))).toBeNaN();
  });
});
