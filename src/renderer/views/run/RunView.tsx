import { memo } from 'react';
import type { RunDetail } from '../../../shared/domain';
import { isFinalRunStatus } from '../../../shared/domain';
import { cancelRun, resumeRun } from '../../actions/runs';
import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { Spinner } from '../../components/Spinner';
import { StatusBadge } from '../../components/StatusBadge';
import { useThrottled } from '../../components/useThrottled';
import { formatDuration, formatScore, formatWhen } from '../../lib/format';
import { formatHash } from '../../lib/route';
import { useStudio } from '../../store';
import { LogPanel } from './LogPanel';
import { PhaseTimeline } from './PhaseTimeline';
import { ReportPanel } from './ReportPanel';
import { ScoreChart } from './ScoreChart';
import { TaskList } from './TaskList';
import { BudgetBar } from './BudgetBar';
import { LiveLeaderboard } from './LiveLeaderboard';
import { LiveDuration } from './LiveDuration';
import { LiveRefinementCard } from './LiveRefinementCard';
import { TrialsScatter } from './TrialsScatter';

export function RunView({ id }: { id: string }) {
  const run = useStudio((s) => s.runDetails[id]);
  const failed = useStudio((s) => s.failedLoads[`run:${id}`]);
  if (!run) {
    return (
      <div className="view" data-testid="run-view" data-state={failed ? 'error' : 'loading'}>
        {failed ? (
          <EmptyState title="This run could not be opened">
            <p>{failed}</p>
            <p>
              <a href="#/">Back to Home</a> to pick another run.
            </p>
          </EmptyState>
        ) : (
          <div className="pad">
            <Spinner label="Loading run…" />
          </div>
        )}
      </div>
    );
  }
  // Keyed by run: a new run mounts a fresh view, so the throttled copies below (useThrottled keeps
  // its last value for up to 250 ms) never show the previous run's trials, budget or Cancel button.
  return <LoadedRun key={run.id} run={run} />;
}

// Memoized: a progress event changes a part of the run, and each of these re-renders only when
// its own part did (the clock ticks inside LiveDuration and BudgetBar, not here).
const MemoLogPanel = memo(LogPanel);
const MemoScoreChart = memo(ScoreChart);
const MemoTrialsScatter = memo(TrialsScatter);
const MemoLiveLeaderboard = memo(LiveLeaderboard);
const MemoLiveRefinementCard = memo(LiveRefinementCard);
const MemoPhaseTimeline = memo(PhaseTimeline);
const MemoTaskList = memo(TaskList);

const STATUS_NOTES: Partial<Record<RunDetail['status'], string>> = {
  queued: 'Waiting for a worker to start the run…',
  cancelled: 'This run was cancelled before it finished. Its finished tasks, trials and scores are kept below.',
  interrupted: 'This run did not finish: the app stopped (it was closed, or it crashed) while the run was working. Its finished tasks, trials and scores are kept below.',
};

/** Runs that can go on from their last finished task. */
const RESUMABLE: ReadonlySet<RunDetail['status']> = new Set(['interrupted', 'cancelled']);

function LoadedRun({ run: latest }: { run: RunDetail }) {
  // While it streams, the view follows the run four times a second (see useThrottled).
  const run = useThrottled(latest, isFinalRunStatus(latest.status) ? 0 : 250);
  const live = !isFinalRunStatus(run.status);
  const trials = useThrottled(useStudio((s) => s.runTrials[run.id]), live ? 250 : 0);
  const cancelling = useStudio((s) => s.busy[`cancel:${run.id}`]);
  const resuming = useStudio((s) => s.busy[`resume:${run.id}`]);
  const failed = run.tasks.filter((t) => t.status === 'failed');
  const failedTasks = failed.length;
  const runningTasks = run.tasks.filter((t) => t.status === 'running').length;

  return (
    <div className="view" data-testid="run-view" data-run-id={run.id}>
      <header className="view-header">
        <div>
          <p className="eyebrow">
            Run · <span className="run-id mono">{run.id}</span>
          </p>
          <h1>
            <a href={formatHash({ name: 'dataset', id: run.datasetId })}>{run.datasetName}</a>
            <span className="muted"> → </span>
            {run.target}
          </h1>
          <p className="muted">
            {run.task ?? run.settings.task ?? 'task auto'}
            {run.metric && (
              <>
                {' · '}
                {run.metric} {run.greaterIsBetter ? '↑' : '↓'}
              </>
            )}
            {' · '}budget {formatDuration(run.settings.budgetSeconds * 1000)} · seed {run.settings.seed}
          </p>
        </div>
        <div className="view-actions">
          <StatusBadge status={run.status} size="md" testId="run-status" />
          <a className="btn" href={formatHash({ name: 'trials', id: run.id })} data-testid="open-trials" title="Parallel coordinates, hyperparameter importance and slices">
            Trials explorer
          </a>
          {live && (
            <button type="button" className="btn btn-danger" onClick={() => void cancelRun(run.id)} disabled={!!cancelling} data-testid="cancel-run">
              {cancelling ? 'Cancelling…' : 'Cancel run'}
            </button>
          )}
        </div>
      </header>

      <div className="stat-strip">
        <div className="stat">
          <span className="stat-label">Best score{run.metric ? ` (${run.metric})` : ''}</span>
          <span className="stat-value mono" data-testid="run-best-score">{formatScore(run.bestScore)}</span>
        </div>
        <div className="stat">
          <span className="stat-label">Started</span>
          <span className="stat-value">{formatWhen(run.startedAt ?? run.createdAt)}</span>
        </div>
        <div className="stat">
          <span className="stat-label">{live ? 'Elapsed' : 'Duration'}</span>
          <span className="stat-value">
            <LiveDuration startedAt={run.startedAt} finishedAt={run.finishedAt} running={live} />
          </span>
        </div>
        <div className="stat">
          <span className="stat-label">Tasks</span>
          <span className="stat-value">
            {run.tasks.length}
            {runningTasks > 0 && <span className="stat-hint"> · {runningTasks} running</span>}
            {failedTasks > 0 && <span className="stat-hint error-text"> · {failedTasks} failed</span>}
          </span>
        </div>
      </div>

      <BudgetBar budgetSeconds={run.settings.budgetSeconds} startedAt={run.startedAt} finishedAt={run.finishedAt} live={live} />

      {failedTasks > 0 && (
        <div className="callout callout-error" data-testid="failed-tasks">
          <strong>
            {failedTasks} task{failedTasks === 1 ? '' : 's'} failed
          </strong>
          {run.status !== 'failed' && ' (the run went on without them)'}:
          <ul className="failed-task-list">
            {failed.slice(-5).map((t) => (
              <li key={t.id} data-testid="failed-task">
                <span className="phase-chip">{t.phase}</span> <span className="strong">{t.name}</span>: {t.error ?? 'no error was recorded'}
              </li>
            ))}
          </ul>
          {failedTasks > 5 && <span className="muted">The {failedTasks - 5} earlier ones are in the task list below.</span>}
        </div>
      )}

      {run.status === 'failed' && (
        <div className="callout callout-error" data-testid="run-error">
          <strong>The run failed.</strong> {run.error ?? 'No reason was recorded; see the log below.'}
        </div>
      )}
      {STATUS_NOTES[run.status] &&
        (RESUMABLE.has(run.status) ? (
          // What happened and the way on, side by side: the Resume button sits with its explanation.
          <div className="callout callout-warn callout-with-action" data-testid="run-state-note">
            <div>
              <p className="strong">{run.status === 'interrupted' ? 'Interrupted' : 'Cancelled'}</p>
              <p>{STATUS_NOTES[run.status]}</p>
              <p className="muted">Resuming continues from the last finished task; the phases already done are not run again.</p>
            </div>
            <button type="button" className="btn btn-primary" onClick={() => void resumeRun(run.id)} disabled={!!resuming} data-testid="resume-run">
              {resuming ? 'Resuming…' : 'Resume run'}
            </button>
          </div>
        ) : (
          <div className="callout" data-testid="run-state-note">
            {STATUS_NOTES[run.status]}
          </div>
        ))}

      <Card title="Phases">
        <MemoPhaseTimeline phases={run.phases} />
      </Card>

      {run.status === 'succeeded' &&
        (run.report ? (
          <ReportPanel report={run.report} />
        ) : (
          <div className="callout">
            <Spinner label="Loading the report…" />
          </div>
        ))}

      {live && run.refinement && run.metric && <MemoLiveRefinementCard refinement={run.refinement} metric={run.metric} />}

      <Card
        title="Trials"
        subtitle="Each trial's cross-validated score in the order they finished, by model family (hollow: pruned after a few folds)"
        actions={
          <a href={formatHash({ name: 'trials', id: run.id })} className="link-small">
            Explore →
          </a>
        }
      >
        <MemoTrialsScatter trials={trials} metric={run.metric} greaterIsBetter={run.greaterIsBetter} live={live} />
      </Card>

      {live && (
        <Card title="Leaderboard (live)" subtitle="The best complete trials so far">
          <MemoLiveLeaderboard trials={trials ?? []} greaterIsBetter={run.greaterIsBetter} metric={run.metric} />
        </Card>
      )}

      <Card title="Scores" subtitle="Cross-validated score of each trial, and the best so far">
        <MemoScoreChart metrics={run.metrics} greaterIsBetter={run.greaterIsBetter} live={live} />
      </Card>

      <Card title="Tasks" subtitle="What each agent did">
        <MemoTaskList tasks={run.tasks} />
      </Card>

      <Card title="Log">
        <MemoLogPanel logs={run.logs} />
      </Card>
    </div>
  );
}
