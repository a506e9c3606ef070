import type { TargetRow } from '../../../shared/domain';
import { Card } from '../../components/Card';

const STATUS_CLASS: Record<TargetRow['status'], string> = { met: 'status-succeeded', missed: 'status-failed', 'no goal': '' };

/** The validation agent's targets table: each goal, what the run achieved, met or missed. */
export function TargetsCard({ targets }: { targets: TargetRow[] }) {
  const set = targets.filter((t) => t.status !== 'no goal');
  const met = set.filter((t) => t.status === 'met').length;
  return (
    <Card title="Targets" subtitle={set.length > 0 ? `${met} of ${set.length} goals met` : 'No goals were set for this run; the time budget always counts'}>
      <div className="table-wrap">
        <table className="table table-dense" data-testid="targets">
          <thead>
            <tr>
              <th>Target</th>
              <th>Goal</th>
              <th>Achieved</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {targets.map((t) => (
              <tr key={t.target}>
                <td className="strong">{t.target}</td>
                <td className="mono">{t.goal}</td>
                <td className="mono">{t.achieved}</td>
                <td>
                  <span className={`badge badge-sm ${STATUS_CLASS[t.status]}`}>{t.status}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
