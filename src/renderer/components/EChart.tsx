import { useEffect, useRef } from 'react';
import { echarts, type EChartsCoreOption, type EChartsType } from './echarts';

interface Props {
  option: EChartsCoreOption;
  height: number;
  className?: string;
  testId?: string;
  ariaLabel?: string;
}

/** One ECharts instance: created on mount, resized with its box, disposed on unmount. */
export function EChart({ option, height, className, testId, ariaLabel }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
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
