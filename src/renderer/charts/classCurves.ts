/**
 * ROC and precision-recall curves of the final model on the holdout: one line per class (binary:
 * the positive class), named with its AUC or average precision, and the line a random model
 * would draw (the diagonal; the positive class's prevalence) as a dashed reference.
 */
import type { ComposeOption } from 'echarts/core';
import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ClassCurve } from '../../shared/domain';
import { defaultChartTheme, type ChartTheme } from './theme';

export type CurveOption = ComposeOption<LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

const fixed = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : '—');

/** Legend / series name of a curve: "yes · AUC 0.853". */
export const curveName = (curve: ClassCurve, kind: 'roc' | 'pr'): string => `${curve.label} · ${kind === 'roc' ? `AUC ${fixed(curve.auc)}` : `AP ${fixed(curve.averagePrecision)}`}`;

function axes(theme: ChartTheme, x: string, y: string): Pick<CurveOption, 'xAxis' | 'yAxis'> {
  const axis = (name: string) => ({
    type: 'value' as const,
    min: 0,
    max: 1,
    name,
    nameLocation: 'middle' as const,
    nameGap: 26,
    nameTextStyle: { color: theme.muted },
    axisLabel: { color: theme.muted },
    splitLine: { lineStyle: { color: theme.grid } },
  });
  return { xAxis: axis(x), yAxis: { ...axis(y), nameGap: 34 } };
}

function curveOption(curves: readonly ClassCurve[], kind: 'roc' | 'pr', theme: ChartTheme): CurveOption {
  const many = curves.length > 1;
  const reference: LineSeriesOption =
    kind === 'roc'
      ? { type: 'line', name: 'random', data: [[0, 0], [1, 1]] }
      : { type: 'line', name: 'random', data: curves.length === 1 ? [[0, curves[0].prevalence], [1, curves[0].prevalence]] : [] };
  return {
    animation: false,
    // left leaves room for the y axis's name, which containLabel does not count.
    grid: { left: 28, right: 16, top: many ? 8 : 12, bottom: many ? 64 : 30, containLabel: true },
    tooltip: { trigger: 'item', confine: true, formatter: (p) => { const q = p as unknown as { seriesName: string; data: [number, number] }; return `${q.seriesName}<br/>${kind === 'roc' ? 'FPR' : 'recall'} ${fixed(q.data[0])} · ${kind === 'roc' ? 'TPR' : 'precision'} ${fixed(q.data[1])}`; } },
    legend: many ? { bottom: 0, type: 'scroll', textStyle: { color: theme.muted }, data: curves.map((c) => curveName(c, kind)) } : { show: false },
    ...axes(theme, kind === 'roc' ? 'false positive rate' : 'recall', kind === 'roc' ? 'true positive rate' : 'precision'),
    series: [
      ...curves.map(
        (c, i): LineSeriesOption => ({
          type: 'line',
          name: curveName(c, kind),
          data: kind === 'roc' ? c.roc : c.pr,
          showSymbol: false,
          // Pₙ holds over (Rₙ₋₁, Rₙ], as average precision counts it.
          step: kind === 'pr' ? 'start' : undefined,
          lineStyle: { width: many ? 1.5 : 2, color: theme.palette[i % theme.palette.length] },
          itemStyle: { color: theme.palette[i % theme.palette.length] },
          ...(many ? {} : { areaStyle: { opacity: 0.08 } }),
        }),
      ),
      { ...reference, showSymbol: false, silent: true, lineStyle: { type: 'dashed', width: 1, color: theme.muted }, itemStyle: { color: theme.muted } },
    ],
  };
}

export const rocOption = (curves: readonly ClassCurve[], theme: ChartTheme = defaultChartTheme): CurveOption => curveOption(curves, 'roc', theme);
export const prOption = (curves: readonly ClassCurve[], theme: ChartTheme = defaultChartTheme): CurveOption => curveOption(curves, 'pr', theme);
