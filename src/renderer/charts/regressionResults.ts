/**
 * Regression results of the final model on the holdout: predicted against actual (with the line
 * a perfect model would lie on), residuals against predicted (with zero), and the histogram of
 * all residuals.
 */
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import type { RegressionCharts } from '../../shared/domain';
import { defaultChartTheme, type ChartTheme } from './theme';

export type RegressionOption = ComposeOption<ScatterSeriesOption | LineSeriesOption | BarSeriesOption | GridComponentOption | TooltipComponentOption>;

/** Short axis numbers: 1.2k, 35, 0.042. */
export function shortNumber(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${(v / 1e6).toFixed(a >= 1e7 ? 0 : 1)}M`;
  if (a >= 1e3) return `${(v / 1e3).toFixed(a >= 1e4 ? 0 : 1)}k`;
  if (a === 0 || a >= 10) return String(Math.round(v));
  return v.toPrecision(2).replace(/\.?0+$/, '');
}

function valueAxis(name: string, theme: ChartTheme, gap = 26) {
  return {
    type: 'value' as const,
    scale: true,
    name,
    nameLocation: 'middle' as const,
    nameGap: gap,
    nameTextStyle: { color: theme.muted },
    axisLabel: { color: theme.muted, formatter: shortNumber },
    splitLine: { lineStyle: { color: theme.grid } },
  };
}

const base = (theme: ChartTheme) => ({
  animation: false,
  // left and bottom leave room for the axes' names, which containLabel does not count.
  grid: { left: 30, right: 16, top: 16, bottom: 30, containLabel: true },
  tooltip: { trigger: 'item' as const, confine: true },
  textStyle: { color: theme.text },
});

const scatterStyle = (theme: ChartTheme) => ({ symbolSize: 4, itemStyle: { color: theme.accent, opacity: 0.55 } });

export function predictedVsActualOption(charts: Pick<RegressionCharts, 'points'>, theme: ChartTheme = defaultChartTheme): RegressionOption {
  let lo = Infinity;
  let hi = -Infinity;
  for (const [a, p] of charts.points) {
    lo = Math.min(lo, a, p);
    hi = Math.max(hi, a, p);
  }
  const diagonal = Number.isFinite(lo) ? [[lo, lo], [hi, hi]] : [];
  return {
    ...base(theme),
    xAxis: valueAxis('actual', theme),
    yAxis: valueAxis('predicted', theme, 40),
    series: [
      { type: 'scatter', name: 'holdout rows', data: charts.points, ...scatterStyle(theme), large: true },
      { type: 'line', name: 'perfect', data: diagonal, showSymbol: false, silent: true, lineStyle: { type: 'dashed', width: 1, color: theme.muted } },
    ],
  };
}

/** [predicted, actual − predicted] per sampled row. */
export const residualPoints = (points: readonly [number, number][]): [number, number][] => points.map(([a, p]) => [p, a - p]);

export function residualsOption(charts: Pick<RegressionCharts, 'points'>, theme: ChartTheme = defaultChartTheme): RegressionOption {
  const points = residualPoints(charts.points);
  const xs = points.map((p) => p[0]);
  const zero = xs.length ? [[Math.min(...xs), 0], [Math.max(...xs), 0]] : [];
  return {
    ...base(theme),
    xAxis: valueAxis('predicted', theme),
    yAxis: valueAxis('residual (actual − predicted)', theme, 40),
    series: [
      { type: 'scatter', name: 'holdout rows', data: points, ...scatterStyle(theme), large: true },
      { type: 'line', name: 'zero', data: zero, showSymbol: false, silent: true, lineStyle: { type: 'dashed', width: 1, color: theme.muted } },
    ],
  };
}

export function residualHistogramOption(histogram: RegressionCharts['residualHistogram'], theme: ChartTheme = defaultChartTheme): RegressionOption {
  const labels = histogram.counts.map((_, i) => `${shortNumber(histogram.edges[i])} … ${shortNumber(histogram.edges[i + 1])}`);
  return {
    ...base(theme),
    grid: { left: 30, right: 16, top: 28, bottom: 30, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    xAxis: { type: 'category', data: labels, name: 'residual', nameLocation: 'middle', nameGap: 26, nameTextStyle: { color: theme.muted }, axisLabel: { color: theme.muted, formatter: (l: string) => l.split(' … ')[0] }, axisTick: { show: false }, axisLine: { lineStyle: { color: theme.grid } } },
    yAxis: { type: 'value', name: 'rows', nameTextStyle: { color: theme.muted }, axisLabel: { color: theme.muted }, splitLine: { lineStyle: { color: theme.grid } } },
    series: [{ type: 'bar', name: 'rows', data: histogram.counts, barCategoryGap: '8%', itemStyle: { color: theme.accent } }],
  };
}
