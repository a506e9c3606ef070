/**
 * The Trials explorer's charts, as pure option builders: parallel coordinates over the
 * hyperparameters and the score (one line per trial, coloured by model family), the importance
 * bars (lib/paramImportance) and a slice plot (score against one parameter).
 */
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, ParallelSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, ParallelComponentOption, TooltipComponentOption } from 'echarts/components';
import type { TrialInfo } from '../../shared/domain';
import type { ParamImportance } from '../lib/paramImportance';
import { familiesOf, scoreOf } from '../lib/trials';
import { scoreAxisRange } from './scoreAxis';
import { defaultChartTheme, type ChartTheme } from './theme';
import { familyColor } from './trialsScatter';

type Value = number | string | boolean;

export type ParallelOption = ComposeOption<ParallelSeriesOption | ParallelComponentOption | LegendComponentOption | TooltipComponentOption>;
export type ImportanceOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;
export type SliceOption = ComposeOption<ScatterSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** The axis of one parameter: numeric when every value present is a finite number, else the categories seen (sorted). */
export function axisOf(trials: readonly TrialInfo[], param: string): { kind: 'value' } | { kind: 'category'; categories: string[] } {
  const values = trials.map((t) => t.params[param]).filter((v): v is Value => v !== undefined);
  if (values.length > 0 && values.every((v) => typeof v === 'number' && Number.isFinite(v))) return { kind: 'value' };
  return { kind: 'category', categories: [...new Set(values.map(String))].sort() };
}

const axisText = (theme: ChartTheme) => ({
  axisLine: { lineStyle: { color: theme.muted } },
  axisLabel: { color: theme.muted },
  nameTextStyle: { color: theme.text },
});

export interface ParallelInput {
  trials: readonly TrialInfo[];
  /** The parameters to show, left to right (e.g. by importance); the score axis comes last. */
  params: readonly string[];
  metric?: string | null;
  theme?: ChartTheme;
}

/**
 * One axis per parameter plus the score; one line per trial with a score. A trial without a
 * parameter (another family's) is drawn at "—" on a category axis and left out of a numeric one's
 * range by a null, which ECharts draws as a gap.
 */
export function parallelOption({ trials, params, metric, theme = defaultChartTheme }: ParallelInput): ParallelOption {
  const scored = trials.filter((t) => scoreOf(t) !== null);
  const families = familiesOf(scored);
  const axes = params.map((param) => ({ param, axis: axisOf(scored, param) }));
  const parallelAxis: Record<string, unknown>[] = axes.map(({ param, axis }, dim) => ({
    dim,
    name: param,
    ...(axis.kind === 'category' ? { type: 'category' as const, data: [...axis.categories, '—'] } : { type: 'value' as const, scale: true }),
    ...axisText(theme),
  }));
  parallelAxis.push({ dim: params.length, name: metric ?? 'score', type: 'value', scale: true, ...(scoreAxisRange(scored.map((t) => scoreOf(t) ?? Number.NaN)) ?? {}), ...axisText(theme) });
  const rowOf = (t: TrialInfo): (number | string | null)[] => [
    ...axes.map(({ param, axis }) => {
      const v = t.params[param];
      if (axis.kind === 'category') return v === undefined ? '—' : String(v);
      return typeof v === 'number' ? v : null;
    }),
    t.score as number,
  ];
  const option = {
    animation: false,
    legend: { top: 0, textStyle: { color: theme.text }, data: families },
    tooltip: { trigger: 'item' },
    parallel: { left: 60, right: 90, top: 56, bottom: 36, parallelAxisDefault: { nameLocation: 'end', nameGap: 14, nameTextStyle: { fontSize: 11 } } },
    parallelAxis,
    series: families.map((family) => ({
      type: 'parallel',
      name: family,
      data: scored.filter((t) => t.model === family).map(rowOf),
      lineStyle: { width: 1.2, opacity: 0.55, color: familyColor(families, family, theme) },
      emphasis: { lineStyle: { width: 2.5, opacity: 1 } },
      color: familyColor(families, family, theme),
    })),
  };
  // ECharts' composed type does not model a parallelAxis list well; the shape is checked by the unit tests.
  return option as unknown as ParallelOption;
}

/** Horizontal bars of parameter importance (η²), most important at the top. */
export function importanceOption(rows: readonly ParamImportance[], theme: ChartTheme = defaultChartTheme): ImportanceOption {
  const top = [...rows].reverse(); // a category axis draws its first item at the bottom
  return {
    animation: false,
    grid: { left: 8, right: 40, top: 8, bottom: 24, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const row = top[(p as { dataIndex: number }).dataIndex];
        return row ? `${row.param}: η² ${row.importance.toFixed(3)}<br/>${row.trials} trials in ${row.groups} groups` : '';
      },
    },
    xAxis: { type: 'value', min: 0, max: 1, name: 'share of score variance', nameLocation: 'middle', nameGap: 24, ...axisText(theme), splitLine: { lineStyle: { color: theme.grid } } },
    yAxis: { type: 'category', data: top.map((r) => r.param), ...axisText(theme) },
    series: [
      {
        type: 'bar',
        data: top.map((r) => Number(r.importance.toFixed(4))),
        color: theme.accent,
        barMaxWidth: 18,
        label: { show: true, position: 'right', color: theme.muted, formatter: (p: { value?: unknown }) => Number(p.value).toFixed(2) },
      },
    ],
  };
}

export interface SliceInput {
  trials: readonly TrialInfo[];
  param: string;
  metric?: string | null;
  theme?: ChartTheme;
}

/** Score against one parameter's value, one colour per family (only trials that have the parameter). */
export function sliceOption({ trials, param, metric, theme = defaultChartTheme }: SliceInput): SliceOption {
  const scored = trials.filter((t) => scoreOf(t) !== null && t.params[param] !== undefined);
  const allFamilies = familiesOf(trials.filter((t) => scoreOf(t) !== null));
  const families = familiesOf(scored);
  const axis = axisOf(scored, param);
  return {
    animation: false,
    grid: { left: 8, right: 12, top: 28, bottom: 30, containLabel: true },
    tooltip: { trigger: 'item', valueFormatter: (v) => (typeof v === 'number' ? v.toFixed(4) : String(v)) },
    xAxis:
      axis.kind === 'category'
        ? { type: 'category', data: axis.categories, name: param, nameLocation: 'middle', nameGap: 24, ...axisText(theme) }
        : { type: 'value', scale: true, name: param, nameLocation: 'middle', nameGap: 24, ...axisText(theme), splitLine: { show: false } },
    yAxis: { type: 'value', scale: true, ...(scoreAxisRange(scored.map((t) => scoreOf(t) ?? Number.NaN)) ?? {}), name: metric ?? undefined, ...axisText(theme), splitLine: { lineStyle: { color: theme.grid } } },
    series: families.map((family) => ({
      type: 'scatter',
      name: family,
      symbolSize: 6,
      color: familyColor(allFamilies, family, theme),
      data: scored.filter((t) => t.model === family).map((t) => [axis.kind === 'category' ? String(t.params[param]) : (t.params[param] as number), t.score as number]),
    })),
  };
}
