import { describe, expect, it } from 'vitest';
import type { BarSeriesOption } from 'echarts/charts';
import { histogramOption, limitBins } from '../../../src/renderer/charts/histogram';

const bins = (n: number) => Array.from({ length: n }, (_, i) => ({ label: `c${i}`, count: i + 1 }));

describe('histogramOption', () => {
  it('draws one bar per bin with the bin labels on a category axis', () => {
    const option = histogramOption({ bins: [{ label: '[0, 1)', count: 3 }, { label: '[1, 2)', count: 5 }], storage: 'numeric' });
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['[0, 1)', '[1, 2)'] });
    const [series] = option.series as BarSeriesOption[];
    expect(series.type).toBe('bar');
    expect(series.data).toEqual([3, 5]);
  });

  it('folds the smallest categories into one "others" bar', () => {
    const limited = limitBins(bins(10), 'categorical', 4);
    expect(limited.map((b) => b.label)).toEqual(['c9', 'c8', 'c7', '(7 others)']);
    expect(limited[3].count).toBe(1 + 2 + 3 + 4 + 5 + 6 + 7);
  });

  it('never folds numeric bins (their order is the axis)', () => {
    expect(limitBins(bins(40), 'numeric', 4)).toHaveLength(40);
  });

  it('keeps ordered bins of a categorical-held column (dates, text lengths) in order', () => {
    expect(limitBins(bins(40), 'categorical', 4, true)).toHaveLength(40);
    const option = histogramOption({ bins: bins(30), storage: 'categorical', ordered: true });
    expect((option.xAxis as { data: string[] }).data.slice(0, 2)).toEqual(['c0', 'c1']);
  });

  it('handles an empty histogram', () => {
    const option = histogramOption({ bins: [], storage: 'categorical' });
    expect((option.series as BarSeriesOption[])[0].data).toEqual([]);
  });
});
