/**
 * The refinement's ablation study as bars: how much the score drops when each block is switched
 * to its plainest alternative (positive = the block matters), in the first and the last round,
 * so the user sees which block the refinement worked on and how that changed.
 */
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { AblationRow } from '../../shared/domain';
import { defaultChartTheme, type ChartTheme } from './theme';

export type AblationOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** Per block, its effect in the first and the last round that ablated it, largest last-round effect first. */
export function ablationEffects(rows: readonly AblationRow[]): { block: string; first: number; last: number }[] {
  if (rows.length === 0) return [];
  const rounds = rows.map((r) => r.round);
  const firstRound = Math.min(...rounds);
  const lastRound = Math.max(...rounds);
  const blocks = [...new Set(rows.map((r) => r.block))];
  return blocks
    .map((block) => {
      const mine = rows.filter((r) => r.block === block);
      const effectIn = (round: number): number => mine.find((r) => r.round === round)?.effect ?? Number.NaN;
      return { block, first: effectIn(firstRound), last: effectIn(lastRound) };
    })
    .sort((a, b) => (Number.isNaN(b.last) ? -Infinity : b.last) - (Number.isNaN(a.last) ? -Infinity : a.last));
}

export function ablationOption(rows: readonly AblationRow[], metric: string, theme: ChartTheme = defaultChartTheme): AblationOption {
  const effects = ablationEffects(rows).reverse(); // ECharts draws the first category at the bottom.
  const rounds = rows.map((r) => r.round);
  const single = rounds.length > 0 && Math.min(...rounds) === Math.max(...rounds);
  const value = (x: number): number | '-' => (Number.isNaN(x) ? '-' : x);
  return {
    animation: false,
    grid: { left: 8, right: 24, top: single ? 8 : 28, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: single ? { show: false } : { top: 0, textStyle: { color: theme.muted } },
    xAxis: {
      type: 'value',
      name: `${metric} lost when plain`,
      nameLocation: 'middle',
      nameGap: 24,
      nameTextStyle: { color: theme.muted },
      axisLabel: { color: theme.muted },
      splitLine: { lineStyle: { color: theme.grid } },
    },
    yAxis: { type: 'category', data: effects.map((e) => e.block), axisLabel: { color: theme.text }, axisTick: { show: false }, axisLine: { lineStyle: { color: theme.grid } } },
    series: [
      ...(single ? [] : [{ type: 'bar' as const, name: `round ${Math.min(...rounds)}`, data: effects.map((e) => value(e.first)), itemStyle: { color: theme.palette[1 % theme.palette.length] }, barMaxWidth: 12 }]),
      { type: 'bar' as const, name: `round ${Math.max(...rounds, 1)}`, data: effects.map((e) => value(e.last)), itemStyle: { color: theme.accent }, barMaxWidth: 12 },
    ],
  };
}
