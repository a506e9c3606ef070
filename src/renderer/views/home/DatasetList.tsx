import { formatHash } from '../../lib/route';
import { formatNumber, formatWhen } from '../../lib/format';
import type { DatasetSummary } from '../../../shared/domain';
import { EmptyState } from '../../components/EmptyState';
import { navigate } from '../../actions/navigation';

export function DatasetList({ datasets }: { datasets: DatasetSummary[] | null }) {
  if (datasets === null) return <p className="muted pad">Loading datasets…</p>;
  if (datasets.length === 0) {
    return (
      <EmptyState title="No datasets yet">
        <p>Drop a CSV file above, or try the sample dataset to see a full run.</p>
      </EmptyState>
    );
  }
  return (
    <div className="table-wrap" data-testid="datasets-list">
      <table className="table table-click">
        <thead>
          <tr>
            <th>Name</th>
            <th className="num">Rows</th>
            <th className="num">Columns</th>
            <th>Suggested target</th>
            <th>Added</th>
          </tr>
        </thead>
        <tbody>
          {datasets.map((d) => (
            <tr key={d.id} data-testid={`dataset-row-${d.id}`} onClick={() => navigate({ name: 'dataset', id: d.id })}>
              <td>
                <a href={formatHash({ name: 'dataset', id: d.id })} className="strong" onClick={(e) => e.stopPropagation()}>
                  {d.name}
                </a>
              </td>
              <td className="num" title={d.sample ? `A random sample of the file's ${formatNumber(d.sample.of)} rows` : undefined}>
                {formatNumber(d.rows)}
                {d.sample && <span className="muted"> (sample)</span>}
              </td>
              <td className="num">{formatNumber(d.columns)}</td>
              <td>{d.suggestedTarget ?? <span className="muted">—</span>}</td>
              <td className="muted">{formatWhen(d.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
