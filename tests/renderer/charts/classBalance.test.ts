import { describe, expect, it } from 'vitest';
import type { BarSeriesOption } from 'echarts/charts';
import { classBalanceHeight, classBalanceOption, topClasses } from '../../../src/renderer/charts/classBalance';

describe('classBalanceOption', () => {
  it('draws the largest class on top with each class share as its label', () => {
    const option = classBalanceOption([
      { label: 'yes', count: 25 },
      { label: 'no', count: 75 },
    ]);
    expect(option.yAxis).toMatchObject({ type: 'category', data: ['yes', 'no'] });
    const [series] = option.series as BarSeriesOption[];
    expect(series.data).toEqual([25, 75]);
    const formatter = (series.label as { formatter: (p: { value: number }) => string }).formatter;
    expect(formatter({ value: 25 })).toBe('25.0 %');
  });

  it('folds the smallest classes into one bar', () => {
    const classes = Array.from({ length: 26 }, (_, i) => ({ label: String.fromCharCode(65 + i), count: 100 - i }));
    const top = topClasses(classes, 8);
    expect(top).toHaveLength(8);
    expect(top[7]).toEqual({ label: '(19 others)', count: classes.slice(7).reduce((n, c) => n + c.count, 0) });
    expect(classBalanceHeight(8)).toBeGreaterThan(classBalanceHeight(2));
  });
});
