import { useMemo } from 'react';
import type { MetricPoint } from '../../../shared/domain';
import { scoreChartOption } from '../../charts/scoreChart';
import { LiveChart } from '../../components/LiveChart';
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
      {live || metrics.length > 0 ? (
        <LiveChart option={option} height={260} ariaLabel="Score by step" placeholder={metrics.length === 0 ? 'Scores appear here as candidate models are cross-validated.' : null} />
      ) : (
        <div className="chart-placeholder" style={{ height: 260 }}>
          This run recorded no scores.
        </div>
      )}
    </div>
  );
}
