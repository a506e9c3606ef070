import type { PhaseStatus, RunStatus, TaskStatus } from '../../shared/domain';

type AnyStatus = RunStatus | PhaseStatus | TaskStatus;

interface Props {
  status: AnyStatus;
  testId?: string;
  size?: 'sm' | 'md';
}

/** A coloured pill whose text is exactly the status (e2e tests read it). */
export function StatusBadge({ status, testId, size = 'sm' }: Props) {
  return (
    <span className={`badge badge-${size} status-${status}`} data-testid={testId} data-status={status}>
      {status === 'running' && <span className="pulse" aria-hidden="true" />}
      {status}
    </span>
  );
}
