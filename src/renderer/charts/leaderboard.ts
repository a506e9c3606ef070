/** The report's leaderboard as horizontal bars of CV score (best at the top). */
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import type { LeaderboardEntry } from '../../shared/domain';
import { defaultChartTheme, type ChartTheme } from './theme';

export type LeaderboardOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

export interface LeaderboardInput {
  entries: LeaderboardEntry[];
  greaterIsBetter: boolean;
  metric: string;
  /** Most bars shown. */
  limit?: number;
  theme?: ChartTheme;
}

/** Entries best first by CV score, at most `limit`. */
export function rankEntries(entries: LeaderboardEntry[], greaterIsBetter: boolean, limit = Infinity): LeaderboardEntry[] {
  return [...entries]
    .filter((e) => Number.isFinite(e.cvScore))
    .sort((a, b) => (greaterIsBetter ? b.cvScore - a.cvScore : a.cvScore - b.cvScore))
    .slice(0, limit);
}

export function leaderboardOption({ entries, greaterIsBetter, metric, limit = 12, theme = defaultChartTheme }: LeaderboardInput): LeaderboardOption {
  // ECharts draws the first category at the bottom: reverse so the best is on top.
  const ranked = rankEntries(entries, greaterIsBetter, limit).reverse();
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'value',
      scale: true,
      name: metric,
      nameLocation: 'middle',
      nameGap: 24,
      nameTextStyle: { color: theme.muted },
      axisLabel: { color: theme.muted },
      splitLine: { lineStyle: { color: theme.grid } },
    },
    yAxis: {
      type: 'category',
      data: ranked.map((e) => e.model),
      axisLabel: { color: theme.text },
      axisLine: { lineStyle: { color: theme.grid } },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: `CV ${metric}`,
        data: ranked.map((e, i) => ({
          value: e.cvScore,
          itemStyle: { color: i === ranked.length - 1 ? theme.accent : theme.palette[1 % theme.palette.length] },
        })),
        barMaxWidth: 18,
      },
    ],
  };
}
