/**
 * The live score chart of a run: one line per metric name (x = step), plus a dashed
 * "best so far" line for the primary metric.
 */
import type { ComposeOption } from 'echarts/core';
import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { MetricPoint } from '../../shared/domain';
import { defaultChartTheme, type ChartTheme } from './theme';

export type ScoreChartOption = ComposeOption<
  LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export interface ScoreChartInput {
  points: MetricPoint[];
  /** The metric the best-so-far line follows; default 'cv_score' when present, else the first name. */
  primary?: string | null;
  /** Direction of the primary metric; best-so-far is a running max when true, a running min otherwise. */
  greaterIsBetter?: boolean;
  theme?: ChartTheme;
}

export const BEST_SO_FAR = 'best so far';

/** Points grouped by metric name (first-seen order), each group sorted by step; a repeated step keeps its last value. */
export function seriesByName(points: MetricPoint[]): Map<string, [number, number][]> {
  const groups = new Map<string, Map<number, number>>();
  for (const p of points) {
    if (!Number.isFinite(p.step) || !Number.isFinite(p.value)) continue;
    let g = groups.get(p.name);
    if (!g) {
      g = new Map();
      groups.set(p.name, g);
    }
    g.set(p.step, p.value);
  }
  const out = new Map<string, [number, number][]>();
  for (const [name, g] of groups) {
    out.set(
      name,
      [...g.entries()].sort((a, b) => a[0] - b[0]),
    );
  }
  return out;
}

/** Running best of a series: max when greater is better, min otherwise. */
export function bestSoFar(data: [number, number][], greaterIsBetter: boolean): [number, number][] {
  let best = greaterIsBetter ? -Infinity : Infinity;
  return data.map(([x, y]) => {
    best = greaterIsBetter ? Math.max(best, y) : Math.min(best, y);
    return [x, best];
  });
}

export function scoreChartOption({ points, primary, greaterIsBetter = true, theme = defaultChartTheme }: ScoreChartInput): ScoreChartOption {
  const groups = seriesByName(points);
  const names = [...groups.keys()];
  const main = primary && groups.has(primary) ? primary : groups.has('cv_score') ? 'cv_score' : names[0];
  const ordered = main ? [main, ...names.filter((n) => n !== main)] : names;
  const series: LineSeriesOption[] = ordered.map((name, i) => {
    const data = groups.get(name) ?? [];
    return {
      type: 'line',
      name,
      data,
      showSymbol: data.length <= 60,
      symbolSize: 5,
      lineStyle: { width: name === main ? 2 : 1.5 },
      color: theme.palette[i % theme.palette.length],
      emphasis: { focus: 'series' },
    };
  });
  const mainData = main ? groups.get(main) ?? [] : [];
  if (mainData.length > 1) {
    series.push({
      type: 'line',
      name: BEST_SO_FAR,
      data: bestSoFar(mainData, greaterIsBetter),
      step: 'end',
      showSymbol: false,
      lineStyle: { width: 1.5, type: 'dashed' },
      color: theme.muted,
      z: 1,
    });
  }
  const axisCommon = {
    axisLine: { lineStyle: { color: theme.grid } },
    axisLabel: { color: theme.muted },
    splitLine: { lineStyle: { color: theme.grid } },
    nameTextStyle: { color: theme.muted },
  };
  return {
    animation: false,
    grid: { left: 8, right: 16, top: series.length > 1 ? 36 : 16, bottom: 24, containLabel: true },
    legend: {
      show: series.length > 1,
      top: 0,
      textStyle: { color: theme.text },
      data: series.map((s) => String(s.name)),
    },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? v.toFixed(4) : String(v)) },
    xAxis: { type: 'value', name: 'step', nameLocation: 'middle', nameGap: 24, minInterval: 1, ...axisCommon, splitLine: { show: false } },
    yAxis: { type: 'value', scale: true, ...axisCommon },
    series,
  };
}
