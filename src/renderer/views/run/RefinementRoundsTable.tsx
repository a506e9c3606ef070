import type { RefinementRound } from '../../../shared/domain';
import { formatScore } from '../../lib/format';

/** One row per refinement round: the block chosen, its attempts, the best CV score and what was kept (live and final cards). */
export function RefinementRoundsTable({ rounds, metric, blockHeader = 'Block', testId }: { rounds: readonly RefinementRound[]; metric: string; blockHeader?: string; testId?: string }) {
  return (
    <table className="table table-dense" data-testid={testId}>
      <thead>
        <tr>
          <th className="num">Round</th>
          <th>{blockHeader}</th>
          <th className="num">Attempts</th>
          <th className="num">Best CV {metric}</th>
          <th>Outcome</th>
        </tr>
      </thead>
      <tbody>
        {rounds.map((r) => (
          <tr key={r.round} className={r.improved ? 'is-best' : undefined}>
            <td className="num muted">{r.round}</td>
            <td className="strong">{r.block ?? '—'}</td>
            <td className="num">{r.attempts}</td>
            <td className="num mono">{formatScore(r.best)}</td>
            <td className="params" title={r.change}>
              {r.improved ? 'kept' : 'no gain'}
              {r.change ? `: ${r.change}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
