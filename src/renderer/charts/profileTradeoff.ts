/**
 * The exported config profiles on an accuracy-vs-latency chart: each point is a distinct model
 * (profiles that chose the same model share it and its label), its size grows with the model's
 * file size, so the trade-off between score, speed and size reads at a glance.
 */
import type { ComposeOption } from 'echarts/core';
import type { ScatterSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ExportedProfile } from '../../shared/domain';
import { defaultChartTheme, type ChartTheme } from './theme';

export type TradeoffOption = ComposeOption<ScatterSeriesOption | GridComponentOption | TooltipComponentOption>;

export interface TradeoffPoint {
  /** Names of the profiles holding this model. */
  profiles: string[];
  model: string;
  latencyP95Ms: number;
  score: number;
  modelBytes: number;
}

/** One point per distinct model (same model, latency, score and size), in profile order. */
export function tradeoffPoints(profiles: readonly ExportedProfile[]): TradeoffPoint[] {
  const points: TradeoffPoint[] = [];
  for (const p of profiles) {
    const same = points.find((q) => q.model === p.model && q.latencyP95Ms === p.latencyP95Ms && q.score === p.holdoutScore && q.modelBytes === p.modelBytes);
    if (same) same.profiles.push(p.name);
    else points.push({ profiles: [p.name], model: p.model, latencyP95Ms: p.latencyP95Ms, score: p.holdoutScore, modelBytes: p.modelBytes });
  }
  return points;
}

/** Symbol diameter in px: area in proportion to the model's size, 12 px for the smallest up to 44 px. */
export function symbolSizeOf(bytes: number, maxBytes: number): number {
  if (!(maxBytes > 0)) return 12;
  return 12 + 32 * Math.sqrt(Math.max(0, bytes) / maxBytes);
}

/** Axis bounds around `values` with room for the symbols and labels (a lone point gets a range too). */
export function paddedRange(values: readonly number[], floor?: number): { min: number; max: number } {
  if (values.length === 0) return { min: 0, max: 1 };
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = hi > lo ? (hi - lo) * 0.25 : Math.abs(hi) * 0.05 || 0.01;
  const min = lo - pad;
  return { min: floor !== undefined ? Math.max(floor, min) : min, max: hi + pad };
}

/** Tick labels with as many decimals as the axis's span needs (0.8493 and 0.8501 must not both read 0.85). */
export function tickFormatter(range: { min: number; max: number }): (v: number) => string {
  const span = range.max - range.min;
  const decimals = span > 0 ? Math.min(6, Math.max(0, Math.ceil(-Math.log10(span)) + 1)) : 2;
  return (v) => v.toFixed(decimals);
}

const sizeText = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`);

export function tradeoffOption(profiles: readonly ExportedProfile[], metric: string, theme: ChartTheme = defaultChartTheme): TradeoffOption {
  const points = tradeoffPoints(profiles);
  const maxBytes = Math.max(0, ...points.map((p) => p.modelBytes));
  const x = paddedRange(points.map((p) => p.latencyP95Ms), 0);
  const y = paddedRange(points.map((p) => p.score));
  // The explicit bounds are not round numbers: their own labels would crowd the nearest tick's.
  const axisLabel = (range: { min: number; max: number }) => ({ color: theme.muted, formatter: tickFormatter(range), showMinLabel: false, showMaxLabel: false });
  return {
    animation: false,
    // left and bottom leave room for the axes' names, which containLabel does not count.
    grid: { left: 32, right: 32, top: 16, bottom: 30, containLabel: true },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p) => {
        const q = points[(p as { dataIndex: number }).dataIndex];
        return q ? `<b>${q.profiles.join(', ')}</b><br/>${q.model}<br/>${metric} ${q.score.toFixed(4)} · p95 ${q.latencyP95Ms.toFixed(3)} ms · ${sizeText(q.modelBytes)}` : '';
      },
    },
    xAxis: { type: 'value', ...x, name: 'p95 latency (ms, one row)', nameLocation: 'middle', nameGap: 26, nameTextStyle: { color: theme.muted }, axisLabel: axisLabel(x), splitLine: { lineStyle: { color: theme.grid } } },
    yAxis: { type: 'value', ...y, name: `holdout ${metric}`, nameLocation: 'middle', nameGap: 50, nameTextStyle: { color: theme.muted }, axisLabel: axisLabel(y), splitLine: { lineStyle: { color: theme.grid } } },
    series: [
      {
        type: 'scatter',
        name: 'profiles',
        data: points.map((p, i) => ({
          value: [p.latencyP95Ms, p.score],
          symbolSize: symbolSizeOf(p.modelBytes, maxBytes),
          itemStyle: { color: theme.palette[i % theme.palette.length], opacity: 0.8 },
          label: { show: true, position: 'right', color: theme.text, formatter: `${p.profiles.join(', ')} · ${sizeText(p.modelBytes)}` },
        })),
        labelLayout: { hideOverlap: true },
      },
    ],
  };
}
