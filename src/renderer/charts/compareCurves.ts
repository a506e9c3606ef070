/**
 * The compare view's chart: each run's best score so far over the run's own elapsed time, one
 * line per run overlaid on one axis, so the runs' pace and ceiling can be read side by side.
 */
import type { ComposeOption } from 'echarts/core';
import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { MetricPoint } from '../../shared/domain';
import { defaultChartTheme, type ChartTheme } from './theme';

export type CompareCurvesOption = ComposeOption<LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export interface CompareCurveRun {
  /** Legend name ("A · telco → churn"). */
  label: string;
  /** When the run started (x = seconds since); the first point's time when absent. */
  startedAt: string | null;
  points: MetricPoint[];
  greaterIsBetter: boolean;
}

export interface CompareCurvesInput {
  runs: CompareCurveRun[];
  /** The metric point name the curves follow. */
  metric?: string;
  theme?: ChartTheme;
}

/** Best value so far at each point's time, in seconds since the start: [seconds, best][]. */
export function bestOverTime(points: MetricPoint[], metric: string, startedAt: string | null, greaterIsBetter: boolean): [number, number][] {
  const timed = points
    .filter((p) => p.name === metric && Number.isFinite(p.value) && !Number.isNaN(Date.parse(p.at)))
    .map((p) => ({ t: Date.parse(p.at), v: p.value }))
    .sort((a, b) => a.t - b.t);
  if (timed.length === 0) return [];
  const parsedStart = startedAt ? Date.parse(startedAt) : NaN;
  const start = Number.isNaN(parsedStart) ? timed[0].t : Math.min(parsedStart, timed[0].t);
  const out: [number, number][] = [];
  let best = greaterIsBetter ? -Infinity : Infinity;
  for (const { t, v } of timed) {
    const improved = greaterIsBetter ? v > best : v < best;
    if (!improved && out.length > 0) continue;
    best = improved ? v : best;
    const x = Math.round((t - start) / 10) / 100;
    // Two improvements in the same hundredth of a second: keep the later (better) one.
    if (out.length > 0 && out[out.length - 1][0] === x) out[out.length - 1] = [x, best];
    else out.push([x, best]);
  }
  // Carry the best to the last point, so the line spans the whole search.
  const end = Math.round((timed[timed.length - 1].t - start) / 10) / 100;
  if (end > out[out.length - 1][0]) out.push([end, best]);
  return out;
}

export function compareCurvesOption({ runs, metric = 'cv_score', theme = defaultChartTheme }: CompareCurvesInput): CompareCurvesOption {
  const series: LineSeriesOption[] = runs.map((run, i) => ({
    type: 'line',
    name: run.label,
    data: bestOverTime(run.points, metric, run.startedAt, run.greaterIsBetter),
    step: 'end',
    showSymbol: true,
    symbolSize: 5,
    lineStyle: { width: 2 },
    color: theme.palette[i % theme.palette.length],
    emphasis: { focus: 'series' },
  }));
  const axisCommon = {
    axisLine: { lineStyle: { color: theme.grid } },
    axisLabel: { color: theme.muted },
    splitLine: { lineStyle: { color: theme.grid } },
    nameTextStyle: { color: theme.muted },
  };
  return {
    animation: false,
    grid: { left: 8, right: 20, top: 40, bottom: 28, containLabel: true },
    legend: { show: true, top: 0, type: 'scroll', textStyle: { color: theme.text }, data: series.map((s) => String(s.name)) },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? v.toFixed(4) : String(v)) },
    xAxis: { type: 'value', name: 'seconds since the run started', nameLocation: 'middle', nameGap: 26, min: 0, ...axisCommon, splitLine: { show: false } },
    yAxis: { type: 'value', scale: true, ...axisCommon, name: `best ${metric.replace(/_/g, ' ')}`, nameTextStyle: { color: theme.muted, align: 'left' } },
    series,
  };
}
