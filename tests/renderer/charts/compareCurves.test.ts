import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../../../src/shared/domain';
import { bestOverTime, compareCurvesOption } from '../../../src/renderer/charts/compareCurves';
import { defaultChartTheme } from '../../../src/renderer/charts/theme';

const t0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const at = (ms: number) => new Date(t0 + ms).toISOString();
const p = (ms: number, value: number, name = 'cv_score'): MetricPoint => ({ name, step: ms, value, at: at(ms) });

describe('bestOverTime', () => {
  it('keeps the improvements of the chosen metric, in seconds since the start, carried to the last point', () => {
    const points = [p(3000, 0.8), p(1000, 0.7), p(2000, 0.65), p(4000, 0.75), p(5000, 0.9, 'best_cv_score'), p(6500, 0.79)];
    expect(bestOverTime(points, 'cv_score', at(0), true)).toEqual([
      [1, 0.7],
      [3, 0.8],
      [6.5, 0.8],
    ]);
  });

  it('follows a smaller-is-better metric down', () => {
    const points = [p(1000, 5), p(2000, 6), p(2500, 4), p(4000, 3)];
    expect(bestOverTime(points, 'cv_score', at(0), false)).toEqual([
      [1, 5],
      [2.5, 4],
      [4, 3],
    ]);
  });

  it('starts at the first point when the start is unknown, and skips bad values', () => {
    const points = [p(2000, 0.5), p(3000, Number.NaN), { ...p(3500, 0.9), at: 'not a time' }, p(4000, 0.6)];
    expect(bestOverTime(points, 'cv_score', null, true)).toEqual([
      [0, 0.5],
      [2, 0.6],
    ]);
    expect(bestOverTime([], 'cv_score', at(0), true)).toEqual([]);
  });
});

describe('compareCurvesOption', () => {
  const runs = [
    { label: 'A · telco → churn', startedAt: at(0), points: [p(1000, 0.7), p(2000, 0.8)], greaterIsBetter: true },
    { label: 'B · telco → churn', startedAt: at(0), points: [p(1500, 0.75), p(4000, 0.85)], greaterIsBetter: true },
    { label: 'C · empty', startedAt: null, points: [], greaterIsBetter: true },
  ];

  it('draws one stepped line per run, coloured in palette order, with a legend of the labels', () => {
    const option = compareCurvesOption({ runs, theme: defaultChartTheme });
    const series = option.series as { name: string; data: [number, number][]; step: string; color: string }[];
    expect(series.map((s) => s.name)).toEqual(runs.map((r) => r.label));
    expect(series[0].data).toEqual([
      [1, 0.7],
      [2, 0.8],
    ]);
    expect(series[1].data).toEqual([
      [1.5, 0.75],
      [4, 0.85],
    ]);
    expect(series[2].data).toEqual([]);
    expect(series.every((s) => s.step === 'end')).toBe(true);
    expect(series.map((s) => s.color)).toEqual(defaultChartTheme.palette.slice(0, 3));
    expect((option.legend as { data: string[] }).data).toEqual(runs.map((r) => r.label));
  });

  it('names the axes after the metric and follows the theme colours', () => {
    const theme = { ...defaultChartTheme, muted: '#123456', text: '#abcdef' };
    const option = compareCurvesOption({ runs, metric: 'cv_score', theme });
    const yAxis = option.yAxis as { name: string; axisLabel: { color: string } };
    expect(yAxis.name).toBe('best cv score');
    expect(yAxis.axisLabel.color).toBe('#123456');
    expect((option.legend as { textStyle: { color: string } }).textStyle.color).toBe('#abcdef');
  });
});
