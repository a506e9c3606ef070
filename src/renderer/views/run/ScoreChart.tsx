import { useMemo } from 'react';
import type { MetricPoint } from '../../../shared/domain';
import { scoreChartOption } from '../../charts/scoreChart';
import { EChart } from '../../components/EChart';
import { useChartTheme } from '../../components/useChartTheme';

interface Props {
  metrics: MetricPoint[];
  greaterIsBetter: boolean;
  live: boolean;
}

export function ScoreChart({ metrics, greaterIsBetter, live }: Props) {
  const theme = useChartTheme();
  const option = useMemo(() => scoreChartOption({ points: metrics, greaterIsBetter, theme }), [metrics, greaterIsBetter, theme]);
  return (
    <div className="score-chart" data-testid="score-chart" data-points={metrics.length}>
      {metrics.length === 0 ? (
        <div className="chart-placeholder" style={{ height: 260 }}>
          {live ? 'Scores appear here as candidate models are cross-validated.' : 'This run recorded no scores.'}
        </div>
      ) : (
        <EChart option={option} height={260} ariaLabel="Score by step" />
      )}
    </div>
  );
}
