import type { RunSummary } from '../../shared/domain';
import { isFinalRunStatus } from '../../shared/domain';
import { navigate } from '../actions/navigation';
import { formatDuration, formatScore, formatWhen } from '../lib/format';
import { runDurationMs } from '../lib/runTime';
import { formatHash } from '../lib/route';
import { StatusBadge } from './StatusBadge';
import { useNow } from './useNow';

interface Props {
  runs: RunSummary[];
  testId?: string;
  /** Hide the dataset column (inside a dataset's own view). */
  hideDataset?: boolean;
}

export function RunTable({ runs, testId, hideDataset = false }: Props) {
  const live = runs.some((r) => !isFinalRunStatus(r.status));
  const now = useNow(live);
  return (
    <div className="table-wrap" data-testid={testId}>
      <table className="table table-click">
        <thead>
          <tr>
            {!hideDataset && <th>Dataset</th>}
            <th>Target</th>
            <th>Metric</th>
            <th className="num">Best score</th>
            <th>Status</th>
            <th>Started</th>
            <th className="num">Duration</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr
              key={r.id}
              data-testid={`run-row-${r.id}`}
              data-status={r.status}
              tabIndex={0}
              onClick={() => navigate({ name: 'run', id: r.id })}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && e.target === e.currentTarget) navigate({ name: 'run', id: r.id });
              }}
            >
              {!hideDataset && (
                <td>
                  <a href={formatHash({ name: 'run', id: r.id })} className="strong" onClick={(e) => e.stopPropagation()}>
                    {r.datasetName}
                  </a>
                </td>
              )}
              <td>
                {hideDataset ? (
                  <a href={formatHash({ name: 'run', id: r.id })} className="strong" onClick={(e) => e.stopPropagation()}>
                    {r.target}
                  </a>
                ) : (
                  r.target
                )}
              </td>
              <td>
                {r.metric ? (
                  <>
                    {r.metric} <span className="muted" title={r.greaterIsBetter ? 'higher is better' : 'lower is better'}>{r.greaterIsBetter ? '↑' : '↓'}</span>
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="num mono">{formatScore(r.bestScore)}</td>
              <td>
                <StatusBadge status={r.status} />
              </td>
              <td className="muted">{formatWhen(r.startedAt ?? r.createdAt)}</td>
              <td className="num">{formatDuration(runDurationMs(r, now))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
