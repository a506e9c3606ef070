import { useMemo } from 'react';
import type { LiveRefinement } from '../../../shared/domain';
import { ablationEffects, ablationOption } from '../../charts/ablation';
import { Card } from '../../components/Card';
import { EChart } from '../../components/EChart';
import { useChartTheme } from '../../components/useChartTheme';
import { RefinementRoundsTable } from './RefinementRoundsTable';

/** The refinement while it runs: each round's ablation bars as they are measured, and the block each round chose. */
export function LiveRefinementCard({ refinement, metric }: { refinement: LiveRefinement; metric: string }) {
  const theme = useChartTheme();
  const { ablations, rounds } = refinement;
  const option = useMemo(() => ablationOption(ablations, metric, theme), [ablations, metric, theme]);
  const blocks = ablationEffects(ablations).length;
  const lastAblated = ablations.reduce((m, a) => Math.max(m, a.round), 0);
  const inProgress = lastAblated > (rounds[rounds.length - 1]?.round ?? 0);
  return (
    <Card title="Refinement (live)" subtitle="Score lost when each block is switched to its plainest alternative; the block that matters most is refined next">
      <div className="pad" data-testid="live-refinement" data-rounds={rounds.length}>
        {ablations.length > 0 && <EChart option={option} height={Math.max(120, blocks * 34 + 50)} ariaLabel="Ablation effects" />}
        {inProgress && <p className="muted">Round {lastAblated}: ablation measured, trying variants of the chosen block…</p>}
        {rounds.length > 0 && (
          <RefinementRoundsTable rounds={rounds} metric={metric} blockHeader="Block chosen" />
        )}
      </div>
    </Card>
  );
}
