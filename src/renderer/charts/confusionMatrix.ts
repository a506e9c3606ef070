/**
 * The confusion matrix as a heatmap: actual classes down, predicted across, each cell coloured by
 * its share of the actual class's rows (so small classes read as clearly as large ones) and
 * labelled with its count while the matrix is small enough to read.
 */
import type { ComposeOption } from 'echarts/core';
import type { HeatmapSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption, VisualMapComponentOption } from 'echarts/components';
import type { ClassificationCharts } from '../../shared/domain';
import { defaultChartTheme, type ChartTheme } from './theme';

export type ConfusionOption = ComposeOption<HeatmapSeriesOption | GridComponentOption | TooltipComponentOption | VisualMapComponentOption>;

/** Cells labelled with their counts up to this many classes. */
export const LABELLED_CLASSES = 12;

/** [predicted, actual, share of the actual row, count] per cell. */
export function confusionCells(confusion: ClassificationCharts['confusion']): [number, number, number, number][] {
  const cells: [number, number, number, number][] = [];
  confusion.counts.forEach((row, actual) => {
    const total = row.reduce((a, b) => a + b, 0);
    row.forEach((count, predicted) => cells.push([predicted, actual, total > 0 ? count / total : 0, count]));
  });
  return cells;
}

/** Share of all rows on the diagonal. */
export function matrixAccuracy(confusion: ClassificationCharts['confusion']): number {
  let hits = 0;
  let total = 0;
  confusion.counts.forEach((row, i) => row.forEach((c, j) => ((total += c), i === j && (hits += c))));
  return total > 0 ? hits / total : Number.NaN;
}

export function confusionOption(confusion: ClassificationCharts['confusion'], theme: ChartTheme = defaultChartTheme): ConfusionOption {
  const labels = confusion.labels;
  const labelled = labels.length <= LABELLED_CLASSES;
  const axisLabel = { color: theme.text, width: 90, overflow: 'truncate' as const, interval: 0, rotate: labels.length > 6 ? 45 : 0 };
  return {
    animation: false,
    grid: { left: 8, right: 56, top: 8, bottom: 28, containLabel: true },
    tooltip: {
      confine: true,
      formatter: (p) => {
        const [predicted, actual, share, count] = (p as unknown as { value: [number, number, number, number] }).value;
        return `actual <b>${escapeHtml(labels[actual])}</b> → predicted <b>${escapeHtml(labels[predicted])}</b><br/>${count} rows (${(share * 100).toFixed(1)}% of ${escapeHtml(labels[actual])})`;
      },
    },
    xAxis: { type: 'category', data: labels, name: 'predicted', nameLocation: 'middle', nameGap: 24, nameTextStyle: { color: theme.muted }, axisLabel, axisTick: { show: false }, splitArea: { show: false } },
    yAxis: { type: 'category', data: labels, inverse: true, name: 'actual', nameLocation: 'end', nameTextStyle: { color: theme.muted }, axisLabel: { ...axisLabel, rotate: 0 }, axisTick: { show: false } },
    visualMap: {
      min: 0,
      max: 1,
      dimension: 2,
      calculable: false,
      orient: 'vertical',
      right: 0,
      top: 'middle',
      itemHeight: 120,
      itemWidth: 10,
      text: ['100%', '0%'],
      textStyle: { color: theme.muted },
      inRange: { color: [theme.grid, theme.accent] },
    },
    series: [
      {
        type: 'heatmap',
        name: 'confusion',
        // Counts in white on the dark (accent) cells, in the text colour on the pale ones.
        data: confusionCells(confusion).map((cell) => ({ value: cell, label: { color: cell[2] > 0.45 ? '#ffffff' : theme.text } })),
        label: { show: labelled, formatter: (p) => String((p as unknown as { value: number[] }).value[3]), fontSize: 12 },
        itemStyle: { borderColor: theme.grid, borderWidth: 1 },
        emphasis: { itemStyle: { borderColor: theme.text, borderWidth: 1 } },
      },
    ],
  };
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
