import { memo } from 'react';
import type { TaskInfo } from '../../../shared/domain';
import { StatusBadge } from '../../components/StatusBadge';
import { LiveDuration } from './LiveDuration';

const SHOWN = 400;

/** One task's row; memoized, so a progress event re-renders only the rows of the tasks it changed. */
const TaskRow = memo(function TaskRow({ task: t }: { task: TaskInfo }) {
  return (
    <tr data-testid={`task-${t.id}`} data-status={t.status}>
      <td className="num muted">{t.id}</td>
      <td>
        <span className="phase-chip">{t.phase}</span>
      </td>
      <td className="strong">
        {t.name}
        {t.attempt > 1 && <span className="muted"> (attempt {t.attempt})</span>}
      </td>
      <td>
        <StatusBadge status={t.status} />
      </td>
      <td className="num muted">
        <LiveDuration startedAt={t.startedAt} finishedAt={t.finishedAt} running={t.status === 'running'} />
      </td>
      <td className="task-result">
        {t.error ? <span className="error-text">{t.error}</span> : (t.summary ?? <span className="muted">—</span>)}
      </td>
    </tr>
  );
});

/** The agents' tasks, newest first (the list can grow to hundreds of trials); running tasks' times tick. */
export function TaskList({ tasks }: { tasks: TaskInfo[] }) {
  if (tasks.length === 0) {
    return (
      <div data-testid="task-list" className="pad muted">
        No tasks yet: they appear as the agents schedule work.
      </div>
    );
  }
  const newestFirst = [...tasks].sort((a, b) => b.id - a.id);
  const shown = newestFirst.slice(0, SHOWN);
  return (
    <div className="table-wrap task-wrap" data-testid="task-list">
      <table className="table table-dense">
        <thead>
          <tr>
            <th className="num">#</th>
            <th>Phase</th>
            <th>Task</th>
            <th>Status</th>
            <th className="num">Time</th>
            <th>Result</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((t) => (
            <TaskRow key={t.id} task={t} />
          ))}
        </tbody>
      </table>
      {tasks.length > SHOWN && <p className="muted pad">Showing the newest {SHOWN} of {tasks.length} tasks.</p>}
    </div>
  );
}
