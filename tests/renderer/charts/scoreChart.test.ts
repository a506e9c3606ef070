import { describe, expect, it } from 'vitest';
import type { LineSeriesOption } from 'echarts/charts';
import { BEST_SO_FAR, bestSoFar, scoreChartOption, seriesByName } from '../../../src/renderer/charts/scoreChart';
import { metric } from '../fixtures';

const seriesOf = (option: ReturnType<typeof scoreChartOption>) => option.series as LineSeriesOption[];

describe('scoreChartOption', () => {
  it('makes one line per metric name, x = step, sorted by step', () => {
    const option = scoreChartOption({
      points: [metric(2, 0.8), metric(1, 0.7), metric(1, 0.5, 'holdout'), metric(3, 0.75)],
    });
    const series = seriesOf(option);
    expect(series.map((s) => s.name)).toEqual(['cv_score', 'holdout', BEST_SO_FAR]);
    expect(series[0].data).toEqual([
      [1, 0.7],
      [2, 0.8],
      [3, 0.75],
    ]);
    expect(series[1].data).toEqual([[1, 0.5]]);
    expect(option.xAxis).toMatchObject({ type: 'value', name: 'step' });
  });

  it('adds a best-so-far line for the primary metric that follows the direction', () => {
    const points = [metric(1, 0.5), metric(2, 0.4), metric(3, 0.6)];
    const up = seriesOf(scoreChartOption({ points, greaterIsBetter: true })).find((s) => s.name === BEST_SO_FAR);
    expect(up?.data).toEqual([
      [1, 0.5],
      [2, 0.5],
      [3, 0.6],
    ]);
    const down = seriesOf(scoreChartOption({ points, greaterIsBetter: false })).find((s) => s.name === BEST_SO_FAR);
    expect(down?.data).toEqual([
      [1, 0.5],
      [2, 0.4],
      [3, 0.4],
    ]);
  });

  it('puts the primary metric first even when another name came first', () => {
    const option = scoreChartOption({ points: [metric(1, 3, 'loss'), metric(1, 0.9, 'auc')], primary: 'auc' });
    expect(seriesOf(option).map((s) => s.name)).toEqual(['auc', 'loss']);
  });

  it('shows the legend only with more than one series, and handles no points', () => {
    expect(scoreChartOption({ points: [metric(1, 0.5)] }).legend).toMatchObject({ show: false });
    const empty = scoreChartOption({ points: [] });
    expect(empty.series).toEqual([]);
  });

  it('skips non-finite values and keeps the last value of a repeated step', () => {
    const groups = seriesByName([metric(1, 0.5), metric(1, 0.6), metric(2, Number.NaN)]);
    expect(groups.get('cv_score')).toEqual([[1, 0.6]]);
  });

  it('bestSoFar of nothing is nothing', () => {
    expect(bestSoFar([], true)).toEqual([]);
  });
});
