import { useEffect, useRef } from 'react';
import { echarts, type EChartsCoreOption, type EChartsType } from './echarts';
import { frameQueue } from './frameQueue';

interface Size {
  width: number;
  height: number;
}

interface Props {
  option: EChartsCoreOption;
  height: number;
  className?: string;
  testId?: string;
  ariaLabel?: string;
}

/**
 * One ECharts instance: created once its box has a size, resized with its box, disposed on unmount.
 *
 * The size comes from the ResizeObserver (measured after layout) and is handed to ECharts, which
 * otherwise reads it with getComputedStyle: a forced layout of the whole page, that took 100+ ms
 * inside a chart's creation while the Live run view streamed.
 *
 * Every drawing step (create, resize, new option) waits for its turn in the window's frame queue
 * (frameQueue.ts) and does one thing per frame: charts fed by the same progress event draw in
 * consecutive frames instead of all in one, and a chart's creation is not also its first
 * drawing. Options are applied synchronously (ECharts draws within setOption), so a frame holds
 * at most one chart's work; an option that changes again before its turn is drawn once.
 *
 * On unmount its canvases are emptied (width and height 0) as well as disposed, so their pixels are
 * freed then and not in a garbage collector's pause.
 */
export function EChart({ option, height, className, testId, ariaLabel }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const latest = useRef(option);
  latest.current = option;
  const wake = useRef<(() => void) | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const queue = frameQueue();
    const owner = {};
    let instance: EChartsType | null = null;
    let size: Size | null = null;
    let drawnSize: Size | null = null;
    let drawn: EChartsCoreOption | null = null;
    let disposed = false;
    // One step of bringing the chart up to date; queues itself again while there is more to do.
    const step = (): void => {
      if (disposed || !size) return;
      if (!instance) {
        instance = echarts.init(el, undefined, { renderer: 'canvas', ...size });
        drawnSize = size;
      } else if (drawn !== latest.current) {
        drawn = latest.current;
        // replaceMerge keeps what the user toggled (legend selection) while series come and go.
        instance.setOption(drawn, { replaceMerge: ['series'] });
      } else if (drawnSize !== size) {
        drawnSize = size;
        instance.resize(size);
      }
      if (drawn !== latest.current || drawnSize !== size) queue.schedule(owner, step);
    };
    wake.current = () => queue.schedule(owner, step);
    const observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (!box || box.width === 0 || box.height === 0) return;
      const width = Math.round(box.width);
      const height = Math.round(box.height);
      if (size && size.width === width && size.height === height) return;
      size = { width, height };
      queue.schedule(owner, step);
    });
    observer.observe(el);
    return () => {
      disposed = true;
      wake.current = null;
      queue.cancel(owner);
      observer.disconnect();
      // A dropped canvas keeps its pixels until a full garbage collection, whose atomic pause then
      // frees them all (Blink's canvas pre-finalizers): the dataset screen's 21 charts added 32 ms
      // to the first one after leaving it, inside the streaming Live run view. Emptied here, each
      // is freed now, in the task that unmounts it, for a fraction of a millisecond.
      const canvases = el.querySelectorAll('canvas');
      instance?.dispose();
      for (const canvas of canvases) {
        canvas.width = 0;
        canvas.height = 0;
      }
    };
  }, []);

  useEffect(() => {
    wake.current?.();
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
