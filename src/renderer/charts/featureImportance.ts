/** The final model's feature importance as horizontal bars, the most important on top. */
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import type { FeatureImportanceReport } from '../../shared/domain';
import { defaultChartTheme, type ChartTheme } from './theme';

export type ImportanceOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

/** Height that fits `n` bars. */
export const importanceHeight = (n: number): number => Math.max(120, n * 22 + 40);

export function featureImportanceOption(report: FeatureImportanceReport, theme: ChartTheme = defaultChartTheme): ImportanceOption {
  const rows = [...report.features].reverse(); // ECharts draws the first category at the bottom.
  return {
    animation: false,
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, valueFormatter: (v) => `${(Number(v) * 100).toFixed(1)}%` },
    xAxis: { type: 'value', axisLabel: { color: theme.muted, formatter: (v: number) => `${Math.round(v * 100)}%` }, splitLine: { lineStyle: { color: theme.grid } } },
    yAxis: { type: 'category', data: rows.map((f) => f.feature), axisLabel: { color: theme.text, width: 160, overflow: 'truncate' }, axisTick: { show: false }, axisLine: { lineStyle: { color: theme.grid } } },
    series: [
      {
        type: 'bar',
        name: 'importance',
        data: rows.map((f) => f.importance),
        barMaxWidth: 14,
        itemStyle: { color: theme.accent },
        label: { show: true, position: 'right', color: theme.muted, formatter: (p) => `${(Number(p.value) * 100).toFixed(1)}%` },
      },
    ],
  };
}
