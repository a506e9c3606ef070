/**
 * The ensemble agent's comparison as bars: each kind's held-out gain over the best single model
 * (positive = better), the chosen one highlighted, so "why this ensemble (or none)" is visible.
 */
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import type { EnsembleReport } from '../../shared/domain';
import { defaultChartTheme, type ChartTheme } from './theme';

export type EnsembleKindsOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

const KIND_LABELS: Record<EnsembleReport['tried'][number]['kind'], string> = {
  'soft-vote': 'soft vote',
  'weighted-vote': 'weighted vote',
  'hard-vote': 'hard vote',
  greedy: 'greedy selection',
  blending: 'blending',
  stacking: 'stacking',
  'stacking-mlp': 'stacking (MLP)',
  'stacking-trees': 'stacking (trees)',
};

/** A kind this build does not know (a report from a newer one) shows as its own name. */
export const ensembleKindLabel = (kind: EnsembleReport['tried'][number]['kind']): string => KIND_LABELS[kind] ?? kind;

export function ensembleKindsOption(report: EnsembleReport, metric: string, theme: ChartTheme = defaultChartTheme): EnsembleKindsOption {
  const tried = [...report.tried].reverse();
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'value',
      name: `held-out ${metric} gain vs ${report.bestSingle.model}`,
      nameLocation: 'middle',
      nameGap: 24,
      nameTextStyle: { color: theme.muted },
      axisLabel: { color: theme.muted },
      splitLine: { lineStyle: { color: theme.grid } },
    },
    yAxis: { type: 'category', data: tried.map((t) => ensembleKindLabel(t.kind)), axisLabel: { color: theme.text }, axisTick: { show: false }, axisLine: { lineStyle: { color: theme.grid } } },
    series: [
      {
        type: 'bar',
        name: 'gain',
        data: tried.map((t) => ({ value: t.gain, itemStyle: { color: t.kind === report.chosen ? theme.accent : t.gain > 0 ? theme.palette[1 % theme.palette.length] : theme.muted } })),
        barMaxWidth: 14,
      },
    ],
  };
}
