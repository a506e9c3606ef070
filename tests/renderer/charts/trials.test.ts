import { describe, expect, it } from 'vitest';
import type { ScatterSeriesOption } from 'echarts/charts';
import { BEST_TRIAL_LINE, PRUNED, trialsScatterOption } from '../../../src/renderer/charts/trialsScatter';
import { axisOf, importanceOption, parallelOption, sliceOption } from '../../../src/renderer/charts/trialsExplorer';
import { defaultChartTheme } from '../../../src/renderer/charts/theme';
import { scoreAxisRange } from '../../../src/renderer/charts/scoreAxis';
import { trial } from '../trialFixtures';

const trials = [
  trial(1, 'gbdt', 0.8, { learningRate: 0.1, numLeaves: 31 }),
  trial(2, 'linear', 0.7, { l2: 0.01, penalty: 'l2' }),
  trial(3, 'gbdt', 0.85, { learningRate: 0.05, numLeaves: 15 }),
  trial(4, 'gbdt', 0.6, { learningRate: 0.3, numLeaves: 63 }, 'pruned'),
  trial(5, 'linear', null, { l2: 1, penalty: 'none' }, 'failed'),
];

describe('trialsScatterOption', () => {
  it('puts complete trials in one series per family (x = trial number), pruned ones apart, and a best-so-far line', () => {
    const option = trialsScatterOption({ trials, metric: 'roc_auc' });
    const series = option.series as ScatterSeriesOption[];
    expect(series.map((s) => s.name)).toEqual(['gbdt', 'linear', PRUNED, BEST_TRIAL_LINE]);
    expect(series[0].data).toEqual([
      [1, 0.8, 1],
      [3, 0.85, 3],
    ]);
    expect(series[1].data).toEqual([[2, 0.7, 2]]);
    expect(series[2].data).toEqual([[4, 0.6, 4]]);
    expect(series[3].data).toEqual([
      [1, 0.8],
      [2, 0.8],
      [3, 0.85],
    ]);
    expect(series[0].color).not.toBe(series[1].color);
    expect(option.yAxis).toMatchObject({ name: 'roc_auc' });
  });

  it('follows the direction for the best-so-far line and draws nothing for no trials', () => {
    const down = trialsScatterOption({ trials, greaterIsBetter: false }).series as ScatterSeriesOption[];
    expect(down.find((s) => s.name === BEST_TRIAL_LINE)?.data).toEqual([
      [1, 0.8],
      [2, 0.7],
      [3, 0.7],
    ]);
    expect(trialsScatterOption({ trials: [] }).series).toEqual([]);
  });

  it('keeps a family colour stable as trials stream in', () => {
    const theme = defaultChartTheme;
    const first = (trialsScatterOption({ trials: trials.slice(0, 2), theme }).series as ScatterSeriesOption[]).find((s) => s.name === 'linear');
    const later = (trialsScatterOption({ trials, theme }).series as ScatterSeriesOption[]).find((s) => s.name === 'linear');
    expect(first?.color).toBe(later?.color);
  });
});

describe('trials explorer charts', () => {
  it('types an axis by its values', () => {
    expect(axisOf(trials, 'learningRate')).toEqual({ kind: 'value' });
    expect(axisOf(trials, 'penalty')).toEqual({ kind: 'category', categories: ['l2', 'none'] });
  });

  it('draws parallel coordinates: one axis per parameter plus the score, one line per scored trial, one series per family', () => {
    const option = parallelOption({ trials, params: ['learningRate', 'penalty'], metric: 'roc_auc' }) as unknown as {
      parallelAxis: { dim: number; name: string; type: string; data?: string[] }[];
      series: { type: string; name: string; data: (number | string | null)[][] }[];
    };
    expect(option.parallelAxis.map((a) => [a.dim, a.name, a.type])).toEqual([
      [0, 'learningRate', 'value'],
      [1, 'penalty', 'category'],
      [2, 'roc_auc', 'value'],
    ]);
    expect(option.parallelAxis[1].data).toEqual(['l2', '—']);
    expect(option.series.map((s) => [s.type, s.name, s.data.length])).toEqual([
      ['parallel', 'gbdt', 3],
      ['parallel', 'linear', 1],
    ]);
    // A gbdt trial has no penalty ("—"); a linear trial has no learning rate (a gap).
    expect(option.series[0].data[0]).toEqual([0.1, '—', 0.8]);
    expect(option.series[1].data[0]).toEqual([null, 'l2', 0.7]);
  });

  it('draws importance bars with the most important at the top, and a slice per parameter', () => {
    const bars = importanceOption([
      { param: 'a', importance: 0.7, trials: 10, groups: 3 },
      { param: 'b', importance: 0.1, trials: 10, groups: 2 },
    ]) as unknown as { yAxis: { data: string[] }; series: { data: number[] }[] };
    expect(bars.yAxis.data).toEqual(['b', 'a']);
    expect(bars.series[0].data).toEqual([0.1, 0.7]);

    const slice = sliceOption({ trials, param: 'numLeaves', metric: 'roc_auc' }) as unknown as { xAxis: { type: string; name: string }; series: { name: string; data: unknown[] }[] };
    expect(slice.xAxis).toMatchObject({ type: 'value', name: 'numLeaves' });
    expect(slice.series.map((s) => [s.name, s.data])).toEqual([
      [
        'gbdt',
        [
          [31, 0.8],
          [15, 0.85],
          [63, 0.6],
        ],
      ],
    ]);
  });
});

describe('scoreAxisRange', () => {
  it('keeps AUCs on a narrow axis inside [0, 1] with ends on ticks, not on a whole unit around them', () => {
    expect(scoreAxisRange([0.84])).toEqual({ min: 0.83, max: 0.85, interval: 0.005 });
    expect(scoreAxisRange([0.826, 0.845])).toEqual({ min: 0.81, max: 0.86, interval: 0.01 });
    expect(scoreAxisRange([0.5, 0.99, Number.NaN])).toEqual({ min: 0.4, max: 1, interval: 0.2 });
  });

  it('pads scores outside [0, 1] (log loss, RMSE) without clamping, and gives nothing for no score', () => {
    expect(scoreAxisRange([2, 4])).toEqual({ min: 1.5, max: 4.5, interval: 0.5 });
    expect(scoreAxisRange([])).toBeNull();
    expect(scoreAxisRange([Number.NaN])).toBeNull();
  });

  it('is the trials scatter score axis', () => {
    const option = trialsScatterOption({ trials: [trial(1, 'gbdt', 0.84, {})] });
    expect(option.yAxis).toMatchObject({ min: 0.83, max: 0.85, interval: 0.005 });
  });
});
