/** The final solution's members as bars of their weight in the vote, blend or stack. */
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import type { SolutionMemberReport } from '../../shared/domain';
import { defaultChartTheme, type ChartTheme } from './theme';

export type MemberWeightsOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

/** "1. gbdt": numbered, so two members of one family are two bars. */
export const memberLabel = (m: SolutionMemberReport, i: number): string => `${i + 1}. ${m.model}`;

export function memberWeightsOption(members: readonly SolutionMemberReport[], theme: ChartTheme = defaultChartTheme): MemberWeightsOption {
  const rows = members.map((m, i) => ({ label: memberLabel(m, i), weight: m.weight })).reverse();
  return {
    animation: false,
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, valueFormatter: (v) => Number(v).toFixed(3) },
    xAxis: { type: 'value', axisLabel: { color: theme.muted }, splitLine: { lineStyle: { color: theme.grid } } },
    yAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { color: theme.text }, axisTick: { show: false }, axisLine: { lineStyle: { color: theme.grid } } },
    series: [
      {
        type: 'bar',
        name: 'weight',
        data: rows.map((r) => r.weight),
        barMaxWidth: 14,
        itemStyle: { color: theme.palette[2 % theme.palette.length] },
        label: { show: true, position: 'right', color: theme.muted, formatter: (p) => Number(p.value).toFixed(3) },
      },
    ],
  };
}
