import { useMemo } from 'react';
import type { EnsembleReport } from '../../../shared/domain';
import { ensembleKindLabel, ensembleKindsOption } from '../../charts/ensembleKinds';
import { Card } from '../../components/Card';
import { EChart } from '../../components/EChart';
import { useChartTheme } from '../../components/useChartTheme';
import { formatScore } from '../../lib/format';

/** The ensemble agent's comparison: each kind's held-out gain over the best single model, and its verdict. */
export function EnsembleCard({ ensemble, metric }: { ensemble: EnsembleReport; metric: string }) {
  const theme = useChartTheme();
  const option = useMemo(() => ensembleKindsOption(ensemble, metric, theme), [ensemble, metric, theme]);
  const chosen = ensemble.chosen === 'single' ? `no ensemble: ${ensemble.bestSingle.model} alone` : ensembleKindLabel(ensemble.chosen);
  return (
    <Card title="Ensemble" subtitle={`Kinds tried on held-out folds against the best single model (${ensemble.bestSingle.model}, ${formatScore(ensemble.bestSingle.heldOutScore)})`}>
      <div className="pad" data-testid="ensemble-report">
        <p>
          <span className="strong">Chosen: {chosen}.</span> {ensemble.reason}
        </p>
        {ensemble.tried.length > 0 && <EChart option={option} height={Math.max(110, ensemble.tried.length * 30 + 50)} ariaLabel="Ensemble kinds" />}
        <table className="table table-dense">
          <thead>
            <tr>
              <th>Kind</th>
              <th className="num">Members</th>
              <th className="num">Held-out {metric}</th>
              <th className="num">Gain</th>
              <th className="num">Folds won</th>
              <th>Verdict</th>
            </tr>
          </thead>
          <tbody>
            {ensemble.tried.map((t) => (
              <tr key={t.kind} className={t.kind === ensemble.chosen ? 'is-best' : undefined}>
                <td className="strong">{ensembleKindLabel(t.kind)}</td>
                <td className="num">{t.members.length}</td>
                <td className="num mono">{formatScore(t.heldOutScore)}</td>
                <td className="num mono">{t.gain >= 0 ? '+' : ''}{formatScore(t.gain)}</td>
                <td className="num">{t.wins}/{t.folds}</td>
                <td className="params" title={t.reason}>{t.kind === ensemble.chosen ? 'chosen' : t.passed ? 'passed, not best' : 'refused'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
