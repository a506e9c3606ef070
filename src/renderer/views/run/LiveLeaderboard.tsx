import type { TrialInfo } from '../../../shared/domain';
import { formatScore } from '../../lib/format';
import { bestTrials } from '../../lib/trials';

const paramsText = (params: TrialInfo['params']): string =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toPrecision(4)) : String(v)}`)
    .join(', ');

/** The best complete trials so far (the leaderboard as it grows; the report has the final one). */
export function LiveLeaderboard({ trials, greaterIsBetter, metric }: { trials: TrialInfo[]; greaterIsBetter: boolean; metric: string | null }) {
  const rows = bestTrials(trials, greaterIsBetter, 8);
  if (rows.length === 0) return <p className="pad muted" data-testid="live-leaderboard">No complete trial yet.</p>;
  return (
    <div className="table-wrap" data-testid="live-leaderboard">
      <table className="table table-dense">
        <thead>
          <tr>
            <th className="num">Rank</th>
            <th>Model</th>
            <th className="num">CV {metric ?? 'score'}</th>
            <th>Phase</th>
            <th>Parameters</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t, i) => (
            <tr key={t.id} className={i === 0 ? 'is-best' : undefined} data-testid="live-leaderboard-row">
              <td className="num muted">{i + 1}</td>
              <td className="strong">{t.model}</td>
              <td className="num mono">{formatScore(t.score)}</td>
              <td>
                <span className="phase-chip">{t.phase}</span>
              </td>
              <td className="params" title={paramsText(t.params)}>
                {paramsText(t.params)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
