import { describe, expect, it } from 'vitest';
import { readCsvFile } from '../../../../src/main/ml/csv';
import { dataUsageReport } from '../../../../src/main/workflow/checks/data-usage';
import { datasetPath } from '../../../support/datasets';
import { cat, frameOf, num } from './frames';

describe('data-usage report', () => {
  const n = 30;
  const frame = frameOf(
    num('target', Array.from({ length: n }, (_, i) => i % 2)),
    num('age', Array.from({ length: n }, (_, i) => 20 + (i % 9))),
    num('empty', new Array<number>(n).fill(Number.NaN)),
    cat('country', new Array<string>(n).fill('NZ')),
    num('flag_or_missing', Array.from({ length: n }, (_, i) => (i % 3 ? 1 : Number.NaN))),
    cat('id', Array.from({ length: n }, (_, i) => `row-${i}`)),
    num('secret', Array.from({ length: n }, (_, i) => i * 0.5)),
  );

  it('says for every column whether it is used or why it was dropped', () => {
    const r = dataUsageReport(frame, { target: 'target', excluded: ['secret'] });
    expect(r.columns.map((c) => [c.column, c.usage])).toEqual([
      ['target', 'target'],
      ['age', 'used'],
      ['empty', 'all-missing'],
      ['country', 'constant'],
      ['flag_or_missing', 'used'],
      ['id', 'identifier'],
      ['secret', 'excluded'],
    ]);
    expect(r.columns.find((c) => c.column === 'country')!.detail).toBe('every row holds the same value (NZ)');
    expect(r.columns.find((c) => c.column === 'flag_or_missing')!.detail).toBe('used as a feature (10 missing values imputed)');
    expect(r.used).toEqual(['age', 'flag_or_missing']);
    expect(r.dropped).toEqual(['target', 'empty', 'country', 'id', 'secret']);
  });

  it('can keep identifiers, and refuses unknown names', () => {
    expect(dataUsageReport(frame, { target: 'target', dropIdentifiers: false }).used).toContain('id');
    expect(() => dataUsageReport(frame, { target: 'nope' })).toThrow(/nope/);
    expect(() => dataUsageReport(frame, { target: 'target', excluded: ['ghost'] })).toThrow(/ghost/);
  });

  it('uses every feature of telco_churn', async () => {
    const data = await readCsvFile(datasetPath('telco_churn.csv'));
    const r = dataUsageReport(data, { target: 'churn' });
    expect(r.dropped).toEqual(['churn']);
    expect(r.used).toHaveLength(19);
  });
});
