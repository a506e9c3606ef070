/**
 * The Live view's trials scatter: every finished trial's cross-validated score against its number
 * (the order trials finished in), one colour per model family; pruned trials (stopped after a
 * few folds, their running mean) are hollow and grey, so the eye reads the complete ones.
 */
import type { ComposeOption } from 'echarts/core';
import type { LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { TrialInfo } from '../../shared/domain';
import { familiesOf, scoreOf } from '../lib/trials';
import { scoreAxisRange } from './scoreAxis';
import { defaultChartTheme, type ChartTheme } from './theme';

export type TrialsScatterOption = ComposeOption<ScatterSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export const PRUNED = 'pruned';
export const BEST_TRIAL_LINE = 'best so far';

export interface TrialsScatterInput {
  trials: readonly TrialInfo[];
  metric?: string | null;
  greaterIsBetter?: boolean;
  theme?: ChartTheme;
}

/** A family's colour: the palette in the order families first appear (stable while a run streams). */
export const familyColor = (families: readonly string[], family: string, theme: ChartTheme): string =>
  theme.palette[Math.max(0, families.indexOf(family)) % theme.palette.length];

/** Scatter point: [trial number, score, trial id] (the id is for the tooltip). */
type Point = [number, number, number];

export function trialsScatterOption({ trials, metric, greaterIsBetter = true, theme = defaultChartTheme }: TrialsScatterInput): TrialsScatterOption {
  const families = familiesOf(trials);
  const byFamily = new Map<string, Point[]>(families.map((f) => [f, []]));
  const pruned: Point[] = [];
  const best: [number, number][] = [];
  let running: number | null = null;
  trials.forEach((t, i) => {
    const score = scoreOf(t);
    if (score === null) return;
    const point: Point = [i + 1, score, t.id];
    if (t.status === 'complete') {
      byFamily.get(t.model)?.push(point);
      running = running === null ? score : greaterIsBetter ? Math.max(running, score) : Math.min(running, score);
      best.push([i + 1, running]);
    } else {
      pruned.push(point);
    }
  });
  const large = trials.length > 2000;
  const series: (ScatterSeriesOption | LineSeriesOption)[] = families.map((family) => ({
    type: 'scatter',
    name: family,
    data: byFamily.get(family) ?? [],
    symbolSize: 7,
    large,
    color: familyColor(families, family, theme),
    emphasis: { focus: 'series' },
  }));
  if (pruned.length > 0) {
    series.push({ type: 'scatter', name: PRUNED, data: pruned, symbol: 'emptyCircle', symbolSize: 6, large, color: theme.muted, z: 1 });
  }
  if (best.length > 1) {
    series.push({ type: 'line', name: BEST_TRIAL_LINE, data: best, step: 'end', showSymbol: false, lineStyle: { width: 1.5, type: 'dashed' }, color: theme.text, z: 0 });
  }
  const byId = new Map(trials.map((t) => [t.id, t]));
  const axis = {
    axisLine: { lineStyle: { color: theme.grid } },
    axisLabel: { color: theme.muted },
    splitLine: { lineStyle: { color: theme.grid } },
    nameTextStyle: { color: theme.muted },
  };
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 36, bottom: 28, containLabel: true },
    legend: { top: 0, textStyle: { color: theme.text }, data: series.map((s) => String(s.name)) },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const value = (p as { value?: unknown }).value;
        if (!Array.isArray(value) || value.length < 3) return '';
        const t = byId.get(value[2] as number);
        if (!t) return '';
        return `#${value[0]} ${t.model} (${t.phase}${t.status === 'complete' ? '' : `, ${t.status}`})<br/>${metric ?? 'score'} ${(value[1] as number).toFixed(4)}`;
      },
    },
    xAxis: { type: 'value', name: 'trial', nameLocation: 'middle', nameGap: 22, minInterval: 1, ...axis, splitLine: { show: false } },
    yAxis: { type: 'value', scale: true, ...(scoreAxisRange(trials.map((t) => scoreOf(t) ?? Number.NaN)) ?? {}), name: metric ?? undefined, ...axis },
    series,
  };
}
