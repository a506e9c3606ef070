import type { PhaseInfo } from '../../../shared/domain';
import { PHASES } from '../../../shared/domain';
import { LiveDuration } from './LiveDuration';

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

/** The five phases left to right, each with its state and elapsed time (the running one's ticks). */
export function PhaseTimeline({ phases }: { phases: PhaseInfo[] }) {
  const byName = new Map(phases.map((p) => [p.name, p]));
  return (
    <ol className="timeline" data-testid="timeline">
      {PHASES.map((name, i) => {
        const p = byName.get(name);
        const status = p?.status ?? 'pending';
        return (
          <li key={name} className={`phase phase-${status}`} data-testid={`phase-${name}`} data-status={status} title={p?.error ?? DESCRIPTIONS[name]}>
            <div className="phase-marker" aria-hidden="true">
              <span className="phase-dot">{ICONS[status] || i + 1}</span>
            </div>
            <div className="phase-body">
              <span className="phase-name">{name}</span>
              <span className="phase-status">
                {status}
                {p && status !== 'pending' && <LiveDuration startedAt={p.startedAt} finishedAt={p.finishedAt} running={status === 'running'} prefix=" · " />}
              </span>
              {p?.error && <span className="phase-error">{p.error}</span>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
