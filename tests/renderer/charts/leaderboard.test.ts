import { describe, expect, it } from 'vitest';
import type { BarSeriesOption } from 'echarts/charts';
import { leaderboardOption, rankEntries } from '../../../src/renderer/charts/leaderboard';

const entries = [
  { model: 'gbdt', params: {}, cvScore: 0.84, cvStd: 0.01 },
  { model: 'logistic', params: {}, cvScore: 0.8, cvStd: 0.02 },
  { model: 'forest', params: {}, cvScore: 0.82, cvStd: 0.01 },
];

describe('leaderboard chart', () => {
  it('ranks best first in the direction of the metric', () => {
    expect(rankEntries(entries, true).map((e) => e.model)).toEqual(['gbdt', 'forest', 'logistic']);
    expect(rankEntries(entries, false).map((e) => e.model)).toEqual(['logistic', 'forest', 'gbdt']);
    expect(rankEntries(entries, true, 1)).toHaveLength(1);
  });

  it('lists the best model at the top of the category axis', () => {
    const option = leaderboardOption({ entries, greaterIsBetter: true, metric: 'roc_auc' });
    // ECharts draws categories bottom-up.
    expect(option.yAxis).toMatchObject({ type: 'category', data: ['logistic', 'forest', 'gbdt'] });
    const [series] = option.series as BarSeriesOption[];
    expect((series.data as { value: number }[]).map((d) => d.value)).toEqual([0.8, 0.82, 0.84]);
  });
});
