import { useNow } from '../../components/useNow';
import { budgetLeft } from '../../lib/budget';
import { formatDuration } from '../../lib/format';
import { LIVE_CLOCK_MS } from './LiveDuration';

/**
 * The time budget as a bar that fills while the run goes, with the time left (a countdown while
 * it runs, on its own clock). The fill moves by a transform, without a transition: a width
 * transition re-ran style, layout and paint of the page on every frame of a streaming run.
 */
export function BudgetBar({ budgetSeconds, startedAt, finishedAt, live }: { budgetSeconds: number; startedAt: string | null; finishedAt: string | null; live: boolean }) {
  const now = useNow(live, LIVE_CLOCK_MS);
  const b = budgetLeft(budgetSeconds, startedAt, live ? null : finishedAt, now);
  const percent = Math.round(b.fraction * 100);
  const label = !startedAt
    ? `${formatDuration(b.budgetMs)} budget, not started`
    : live
      ? b.over
        ? `budget spent ${formatDuration(b.spentMs - b.budgetMs)} ago: finishing the validation`
        : `${formatDuration(b.leftMs)} left of ${formatDuration(b.budgetMs)}`
      : `used ${formatDuration(b.spentMs)} of ${formatDuration(b.budgetMs)}`;
  return (
    <div className="budget" data-testid="budget-left" data-left-ms={Math.round(b.leftMs)} data-live={live ? 'true' : 'false'}>
      <div className="budget-head">
        <span className="stat-label">Time budget</span>
        <span className="budget-text">{label}</span>
      </div>
      <div className="budget-track" role="progressbar" aria-label="Time budget used" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className={`budget-fill${b.over ? ' is-over' : ''}`} style={{ transform: `translateX(${(b.fraction * 100 - 100).toFixed(2)}%)` }} />
      </div>
    </div>
  );
}
