import { useMemo } from 'react';
import type { TrialInfo } from '../../../shared/domain';
import { trialsScatterOption } from '../../charts/trialsScatter';
import { EChart } from '../../components/EChart';
import { useChartTheme } from '../../components/useChartTheme';

/** Every trial's CV score as it finishes, coloured by model family. */
export function TrialsScatter({ trials, metric, greaterIsBetter, live }: { trials: TrialInfo[] | undefined; metric: string | null; greaterIsBetter: boolean; live: boolean }) {
  const theme = useChartTheme();
  const option = useMemo(() => trialsScatterOption({ trials: trials ?? [], metric, greaterIsBetter, theme }), [trials, metric, greaterIsBetter, theme]);
  const scored = trials?.filter((t) => t.score !== null).length ?? 0;
  return (
    <div className="pad" data-testid="trials-scatter" data-points={scored}>
      {trials === undefined ? (
        <p className="muted">Loading trials…</p>
      ) : scored === 0 ? (
        <p className="muted">{live ? 'No trial has finished yet: each candidate appears here once it is cross-validated.' : 'This run recorded no scored trials.'}</p>
      ) : (
        <EChart option={option} height={260} ariaLabel="Trial scores by model family" />
      )}
    </div>
  );
}
