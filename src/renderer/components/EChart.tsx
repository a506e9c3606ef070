import { useEffect, useRef } from 'react';
import { echarts, type EChartsCoreOption, type EChartsType } from './echarts';

interface Props {
  option: EChartsCoreOption;
  height: number;
  className?: string;
  testId?: string;
  ariaLabel?: string;
}

/**
 * One ECharts instance: created once its box has a size, resized with its box, disposed on unmount.
 * The size comes from the ResizeObserver (measured after layout) and is handed to ECharts, which
 * otherwise reads it with getComputedStyle: a forced layout of the whole page, that took 100+ ms
 * inside a chart's creation while the Live run view streamed.
 */
export function EChart({ option, height, className, testId, ariaLabel }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let instance: EChartsType | null = null;
    const observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (!box || box.width === 0 || box.height === 0) return;
      const size = { width: Math.round(box.width), height: Math.round(box.height) };
      if (!instance) {
        instance = echarts.init(el, undefined, { renderer: 'canvas', ...size });
        chart.current = instance;
        instance.setOption(latest.current, { replaceMerge: ['series'] });
      } else {
        instance.resize(size);
      }
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // replaceMerge keeps what the user toggled (legend selection) while series come and go.
    chart.current?.setOption(option, { replaceMerge: ['series'], lazyUpdate: true });
  }, [option]);

  return (
    <div
      ref={ref}
      className={className ? `echart ${className}` : 'echart'}
      style={{ height }}
      data-testid={testId}
      role="img"
      aria-label={ariaLabel}
    />
  );
}
