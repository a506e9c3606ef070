import { useMemo } from 'react';
import type { RunReport } from '../../../shared/domain';
import { ablationEffects, ablationOption } from '../../charts/ablation';
import { Card } from '../../components/Card';
import { EChart } from '../../components/EChart';
import { useChartTheme } from '../../components/useChartTheme';
import { RefinementRoundsTable } from './RefinementRoundsTable';

/** The refinement agent's work: what the ablation study found, and what each round tried and kept. */
export function RefinementCard({ report }: { report: RunReport }) {
  const theme = useChartTheme();
  const ablations = report.ablations ?? [];
  const rounds = report.refinement ?? [];
  const option = useMemo(() => ablationOption(ablations, report.metric, theme), [ablations, report.metric, theme]);
  if (report.ablations === undefined && report.refinement === undefined) return null;
  const blocks = ablationEffects(ablations).length;
  const unavailable = (report.refinementBlocks ?? []).filter((b) => b.status !== 'active');
  return (
    <Card title="Refinement" subtitle="Ablation study: the score lost when each block is switched to its plainest alternative; the block that matters most is refined">
      <div className="pad" data-testid="refinement">
        {ablations.length === 0 && rounds.length === 0 && <p className="muted">No round ran: the refinement's share of the time budget was spent before the first ablation.</p>}
        {ablations.length > 0 && <EChart option={option} height={Math.max(120, blocks * 34 + 50)} ariaLabel="Ablation effects" />}
        {rounds.length > 0 && (
          <RefinementRoundsTable rounds={rounds} metric={report.metric} testId="refinement-rounds" />
        )}
        {unavailable.length > 0 && (
          <p className="muted refinement-note">
            Not refined: {unavailable.map((b) => `${b.block} (${b.reason})`).join('; ')}.
          </p>
        )}
      </div>
    </Card>
  );
}
