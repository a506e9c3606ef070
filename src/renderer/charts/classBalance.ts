/** The target's class balance as horizontal bars (largest class on top), with each class's share. */
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import { defaultChartTheme, type ChartTheme } from './theme';

export type ClassBalanceOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

export interface ClassCount {
  label: string;
  count: number;
}

/** The largest `maxBars - 1` classes, the rest folded into "(N others)"; largest first. */
export function topClasses(classes: readonly ClassCount[], maxBars: number): ClassCount[] {
  const sorted = [...classes].sort((a, b) => b.count - a.count);
  if (sorted.length <= maxBars) return sorted;
  const kept = sorted.slice(0, Math.max(1, maxBars - 1));
  const rest = sorted.slice(kept.length);
  return [...kept, { label: `(${rest.length} others)`, count: rest.reduce((n, c) => n + c.count, 0) }];
}

/** Height in px that fits `bars` bars. */
export const classBalanceHeight = (bars: number): number => 16 + Math.max(1, bars) * 24;

const share = (count: number, total: number): string => (total > 0 ? `${((100 * count) / total).toFixed(count === total ? 0 : 1)} %` : '');

export function classBalanceOption(classes: readonly ClassCount[], { maxBars = 8, theme = defaultChartTheme }: { maxBars?: number; theme?: ChartTheme } = {}): ClassBalanceOption {
  const shown = topClasses(classes, maxBars);
  const total = classes.reduce((n, c) => n + c.count, 0);
  // ECharts draws the first category at the bottom: reverse so the largest is on top.
  const bars = [...shown].reverse();
  return {
    animation: false,
    grid: { left: 4, right: 64, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    xAxis: { type: 'value', show: false, max: 'dataMax' },
    yAxis: {
      type: 'category',
      data: bars.map((c) => c.label),
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: { color: theme.text, width: 120, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        name: 'rows',
        data: bars.map((c) => c.count),
        color: theme.palette[2 % theme.palette.length],
        barMaxWidth: 16,
        itemStyle: { borderRadius: [0, 3, 3, 0] },
        label: { show: true, position: 'right', color: theme.muted, formatter: (p) => share(Number(p.value), total) },
      },
    ],
  };
}
