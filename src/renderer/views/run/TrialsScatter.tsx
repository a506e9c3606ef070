import { useMemo } from 'react';
import type { TrialInfo } from '../../../shared/domain';
import { trialsScatterOption } from '../../charts/trialsScatter';
import { LiveChart } from '../../components/LiveChart';
import { useChartTheme } from '../../components/useChartTheme';

/** Every trial's CV score as it finishes, coloured by model family (while live, the chart exists before the first trial: LiveChart). */
export function TrialsScatter({ trials, metric, greaterIsBetter, live }: { trials: TrialInfo[] | undefined; metric: string | null; greaterIsBetter: boolean; live: boolean }) {
  const theme = useChartTheme();
  const option = useMemo(() => trialsScatterOption({ trials: trials ?? [], metric, greaterIsBetter, theme }), [trials, metric, greaterIsBetter, theme]);
  const scored = trials?.filter((t) => t.score !== null).length ?? 0;
  return (
    <div className="pad" data-testid="trials-scatter" data-points={scored}>
      {live || scored > 0 ? (
        <LiveChart
          option={option}
          height={260}
          ariaLabel="Trial scores by model family"
          placeholder={trials === undefined ? 'Loading trials…' : scored === 0 ? 'No trial has finished yet: each candidate appears here once it is cross-validated.' : null}
        />
      ) : (
        <p className="muted">{trials === undefined ? 'Loading trials…' : 'This run recorded no scored trials.'}</p>
      )}
    </div>
  );
}
