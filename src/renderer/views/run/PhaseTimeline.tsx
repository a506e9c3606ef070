import type { PhaseInfo } from '../../../shared/domain';
import { PHASES } from '../../../shared/domain';
import { formatDuration } from '../../lib/format';
import { spanMs } from '../../lib/runTime';

const DESCRIPTIONS: Record<PhaseInfo['name'], string> = {
  search: 'Profile the data, retrieve candidate models',
  foundation: 'Train and cross-validate the top candidates',
  refinement: 'Ablation study, then refine the block that matters most',
  ensemble: 'Voting, stacking and greedy ensemble selection',
  validation: 'Holdout checks, ONNX export, latency',
};

const ICONS: Record<PhaseInfo['status'], string> = {
  pending: '',
  running: '',
  succeeded: '✓',
  failed: '✕',
  cancelled: '–',
  interrupted: '!',
};

/** The five phases left to right, each with its state and elapsed time. */
export function PhaseTimeline({ phases, now }: { phases: PhaseInfo[]; now: number }) {
  const byName = new Map(phases.map((p) => [p.name, p]));
  return (
    <ol className="timeline" data-testid="timeline">
      {PHASES.map((name, i) => {
        const p = byName.get(name);
        const status = p?.status ?? 'pending';
        const elapsed = p ? spanMs(p.startedAt, p.finishedAt, status === 'running', now) : null;
        return (
          <li key={name} className={`phase phase-${status}`} data-testid={`phase-${name}`} data-status={status} title={p?.error ?? DESCRIPTIONS[name]}>
            <div className="phase-marker" aria-hidden="true">
              <span className="phase-dot">{ICONS[status] || i + 1}</span>
            </div>
            <div className="phase-body">
              <span className="phase-name">{name}</span>
              <span className="phase-status">
                {status}
                {elapsed !== null && status !== 'pending' && <> · {formatDuration(elapsed)}</>}
              </span>
              {p?.error && <span className="phase-error">{p.error}</span>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
