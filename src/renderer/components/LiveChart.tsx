import type { EChartsCoreOption } from './echarts';
import { EChart } from './EChart';

interface Props {
  option: EChartsCoreOption;
  height: number;
  ariaLabel: string;
  /** Shown over the chart while it has nothing to draw (null: the chart shows). */
  placeholder: string | null;
}

/**
 * A chart that exists before its data: while `placeholder` is set, the text covers a chart that is
 * already created and drawn empty. A live view mounts it when it opens, so the chart's creation
 * and first drawing (ECharts' slowest, the first time its code runs: 25–35 ms of CPU on the 2-core
 * test machine) happen then, not in the frame where the first result streams in.
 */
export function LiveChart({ option, height, ariaLabel, placeholder }: Props) {
  return (
    <div className="live-chart">
      <EChart option={option} height={height} ariaLabel={ariaLabel} />
      {placeholder !== null && <div className="chart-placeholder live-chart-placeholder">{placeholder}</div>}
    </div>
  );
}
