/** A column's small histogram: bars of counts per bin (numeric ranges or categories). */
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import type { HistogramBin, StorageKind } from '../../shared/domain';
import { defaultChartTheme, type ChartTheme } from './theme';

export type HistogramOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

export interface HistogramInput {
  bins: HistogramBin[];
  /** How the column is held: numeric bins are ranges (or dates) in order, categorical ones labels. */
  storage: StorageKind;
  /** The bins are in axis order (numbers, dates, text lengths) and are never folded; default: numeric storage. */
  ordered?: boolean;
  /** Categorical columns keep their largest bins and fold the rest into one "other" bar. */
  maxBars?: number;
  theme?: ChartTheme;
}

/** Categorical bins beyond `maxBars - 1` (by count) fold into "(N others)"; ordered bins stay as they are. */
export function limitBins(bins: HistogramBin[], storage: StorageKind, maxBars: number, ordered = storage === 'numeric'): HistogramBin[] {
  if (ordered || bins.length <= maxBars) return bins;
  const sorted = [...bins].sort((a, b) => b.count - a.count);
  const kept = sorted.slice(0, Math.max(1, maxBars - 1));
  const rest = sorted.slice(kept.length);
  return [...kept, { label: `(${rest.length} others)`, count: rest.reduce((n, b) => n + b.count, 0) }];
}

export function histogramOption({ bins, storage, ordered = storage === 'numeric', maxBars = 24, theme = defaultChartTheme }: HistogramInput): HistogramOption {
  const shown = limitBins(bins, storage, maxBars, ordered);
  return {
    animation: false,
    grid: { left: 2, right: 2, top: 4, bottom: 2 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
    },
    xAxis: {
      type: 'category',
      data: shown.map((b) => b.label),
      axisLabel: { show: false },
      axisTick: { show: false },
      axisLine: { lineStyle: { color: theme.grid } },
    },
    yAxis: { type: 'value', show: false },
    series: [
      {
        type: 'bar',
        name: 'rows',
        data: shown.map((b) => b.count),
        color: ordered ? theme.accent : theme.palette[1 % theme.palette.length],
        barCategoryGap: ordered ? '8%' : '30%',
        itemStyle: { borderRadius: [2, 2, 0, 0] },
      },
    ],
  };
}
