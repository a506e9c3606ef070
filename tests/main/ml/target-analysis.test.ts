import { describe, expect, it } from 'vitest';
import type { Column, Frame } from '../../../src/main/ml/frame';
import { cat, frameOf, num } from '../../support/columns';
import { profileFrame } from '../../../src/main/ml/profile';
import { createRng } from '../../../src/main/ml/rng';
import { analyzeTarget } from '../../../src/main/ml/target-analysis';

const analyze = (f: Frame, target: string) => analyzeTarget(f, profileFrame(f).columns, target);

describe('task', () => {
  const n = 600;
  const rng1 = createRng(1);
  const r = (): number => rng1.next();
  const x = Array.from({ length: n }, () => r());

  it('reads labels as binary or multiclass', () => {
    const f = frameOf(num('x', x), cat('churn', x.map((v) => (v > 0.7 ? 'Yes' : 'No'))), cat('colour', x.map((v) => ['r', 'g', 'b'][Math.floor(v * 3)])));
    expect(analyze(f, 'churn')).toMatchObject({ task: 'binary', classBalance: [{ label: 'No' }, { label: 'Yes' }] });
    expect(analyze(f, 'colour').task).toBe('multiclass');
  });

  it('reads few whole numbers with many rows each as classes, as prepareTarget does', () => {
    const f = frameOf(num('x', x), num('grade', x.map((v) => Math.floor(v * 5))), num('flag', x.map((v) => (v > 0.5 ? 1 : 0))), num('y', x.map((v) => v * 3)));
    expect(analyze(f, 'grade')).toMatchObject({ task: 'multiclass', taskReason: expect.stringMatching(/5 distinct/) });
    expect(analyze(f, 'grade').classBalance).toHaveLength(5);
    expect(analyze(f, 'flag').task).toBe('binary');
    expect(analyze(f, 'y')).toMatchObject({ task: 'regression', classBalance: [] });
  });

  it('makes a numeric target the user typed categorical a classification, and one typed numeric a regression', () => {
    const f = frameOf(num('x', x), num('score', x.map((v) => Math.floor(v * 40))), num('grade', x.map((v) => Math.floor(v * 5))));
    const columns = profileFrame(f).columns;
    expect(analyzeTarget(f, columns, 'score').task).toBe('regression');
    const asCategory = columns.map((c) => (c.name === 'score' ? { ...c, type: 'categorical' as const } : c));
    expect(analyzeTarget(f, asCategory, 'score')).toMatchObject({ task: 'multiclass', taskReason: expect.stringMatching(/typed categorical/) });
    const asNumber = columns.map((c) => (c.name === 'grade' ? { ...c, type: 'numeric' as const } : c));
    expect(analyzeTarget(f, asNumber, 'grade').task).toBe('regression');
  });

  it('caps the class balance at 50 labels and other', () => {
    const labels = Array.from({ length: 1000 }, (_, i) => `c${i % 60}`);
    const a = analyze(frameOf(cat('t', labels), num('x', labels.map((_, i) => i % 7))), 't');
    expect(a.classBalance).toHaveLength(51);
    // 40 labels have 17 rows, 20 have 16: the top 50 are the 40 and ten of the 16s.
    expect(a.classBalance[50]).toEqual({ label: 'other', count: 10 * 16 });
    expect(a.classBalance.reduce((s, c) => s + c.count, 0)).toBe(1000);
  });

  it('rejects an unknown or single-valued target', () => {
    const f = frameOf(num('x', [1, 2, 3]), num('k', [1, 1, 1]));
    expect(() => analyze(f, 'nope')).toThrow(/no column named "nope"/);
    expect(() => analyze(f, 'k')).toThrow(/only one value/);
  });
});

describe('leakage suspects', () => {
  const n = 5000;
  const rng7 = createRng(7);
  const r = (): number => rng7.next();
  const honest = Array.from({ length: n }, () => r());
  const churn = honest.map((v) => (r() < 0.3 + 0.4 * v ? 1 : 0));
  const noisy = churn.map((c) => (r() < 0.005 ? 1 - c : c)); // a copy of the target with 0.5% noise

  it('flags a noisy copy of a binary target (numeric: AUC; categorical: accuracy), not an honest feature', () => {
    const f = frameOf(
      num('honest', honest),
      num('refund_issued', noisy),
      cat('refund_text', noisy.map((v) => (v ? 'refunded' : 'kept'))),
      num('customer_id', honest.map((_, i) => 1000 + i)),
      cat('churn', churn.map((c) => (c ? 'yes' : 'no'))),
    );
    const a = analyze(f, 'churn');
    const names = a.leakageSuspects.map((s) => s.column);
    expect(names).not.toContain('honest');
    const refund = a.leakageSuspects.find((s) => s.column === 'refund_issued')!;
    expect(refund).toMatchObject({ measure: 'AUC' });
    expect(refund.score).toBeGreaterThan(0.99);
    expect(refund.reason).toMatch(/^"refund_issued" alone predicts "churn" with AUC 0\.99\d: it may be recorded after the outcome\.$/);
    expect(a.leakageSuspects.find((s) => s.column === 'refund_text')).toMatchObject({ measure: 'accuracy' });
    expect(a.leakageSuspects.find((s) => s.column === 'customer_id')).toMatchObject({ reason: expect.stringMatching(/an identifier: unique per row, it can let a model memorise rows/) });
  });

  it('does not call a unique-per-row column perfect just because each value maps to one row', () => {
    // A categorical column unique per row that the user keeps as a feature (typed categorical).
    const f = frameOf(cat('ticket', honest.map((_, i) => `T${i}`)), cat('churn', churn.map((c) => (c ? 'yes' : 'no'))));
    const columns = profileFrame(f).columns.map((c) => (c.name === 'ticket' ? { ...c, type: 'categorical' as const, excluded: false } : c));
    expect(analyzeTarget(f, columns, 'churn').leakageSuspects).toEqual([]);
    // As inferred, it is an identifier: listed as one, not as a perfect predictor.
    const inferred = analyze(f, 'churn').leakageSuspects;
    expect(inferred).toHaveLength(1);
    expect(inferred[0]).toMatchObject({ column: 'ticket', measure: 'distinct share', score: 1 });
  });

  it('flags a noisy copy of a multiclass target and of a regression target', () => {
    const k = honest.map((v) => Math.floor(v * 4));
    const copy = k.map((c) => (r() < 0.003 ? (c + 1) % 4 : c));
    const f = frameOf(num('honest', honest.map((v) => v + r())), num('copy', copy), cat('label', k.map((c) => `k${c}`)));
    const multi = analyze(f, 'label').leakageSuspects;
    expect(multi.map((s) => s.column)).toEqual(['copy']);
    expect(multi[0].measure).toBe('accuracy');

    const y = honest.map((v) => Math.exp(3 * v));
    const g = frameOf(num('honest', honest.map((v) => v + r())), num('y_copy', y.map((v) => v * (1 + 0.001 * (r() - 0.5)))), cat('band', y.map((v) => `b${Math.round(v * 100)}`)), num('y', y));
    const reg = analyze(g, 'y').leakageSuspects;
    expect(reg.find((s) => s.column === 'y_copy')).toMatchObject({ measure: 'R²', reason: expect.stringMatching(/may be computed from the target/) });
    expect(reg.map((s) => s.column)).not.toContain('honest');
  });

  it('skips excluded columns', () => {
    const f = frameOf(num('refund_issued', noisy), cat('churn', churn.map((c) => (c ? 'yes' : 'no'))));
    const columns = profileFrame(f).columns.map((c) => (c.name === 'refund_issued' ? { ...c, excluded: true } : c));
    expect(analyzeTarget(f, columns, 'churn').leakageSuspects).toEqual([]);
  });

  it('runs on 200,000 rows by 20 columns', () => {
    const rows = 200_000;
    const columns: Column[] = [];
    for (let j = 0; j < 18; j++) columns.push(num(`x${j}`, Float64Array.from({ length: rows }, () => r())));
    columns.push(cat('c', Array.from({ length: rows }, (_, i) => `v${i % 50}`)));
    columns.push(num('t', Float64Array.from({ length: rows }, (_, i) => i % 2)));
    const f = frameOf(...columns);
    const profile = profileFrame(f);
    const a = analyzeTarget(f, profile.columns, 't');
    expect(a.task).toBe('binary');
    expect(a.classBalance).toEqual([
      { label: '0', count: 100_000 },
      { label: '1', count: 100_000 },
    ]);
  });
});
