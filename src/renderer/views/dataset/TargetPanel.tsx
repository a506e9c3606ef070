import { useMemo } from 'react';
import type { TargetAnalysis } from '../../../shared/domain';
import { classBalanceHeight, classBalanceOption, topClasses } from '../../charts/classBalance';
import { EChart } from '../../components/EChart';
import { Spinner } from '../../components/Spinner';
import { useChartTheme } from '../../components/useChartTheme';
import { formatScore } from '../../lib/format';

const MAX_BARS = 8;

interface Props {
  target: string;
  analysis: TargetAnalysis | null;
  loading: boolean;
  error: string | null;
}

/** What the picked target implies: the task, the class balance and the columns that may leak it. */
export function TargetPanel({ target, analysis, loading, error }: Props) {
  const theme = useChartTheme();
  const classes = analysis?.classBalance ?? [];
  const option = useMemo(() => classBalanceOption(classes, { maxBars: MAX_BARS, theme }), [classes, theme]);
  const bars = topClasses(classes, MAX_BARS).length;
  const total = classes.reduce((n, c) => n + c.count, 0);
  const smallest = classes.length > 1 ? Math.min(...classes.map((c) => c.count)) : 0;
  const largest = classes.length > 1 ? Math.max(...classes.map((c) => c.count)) : 0;

  if (!analysis) {
    return (
      <div className="target-panel" data-testid="target-analysis" data-state={error ? 'error' : 'loading'}>
        {error ? <p className="error-text">Could not analyse {target}: {error}</p> : loading ? <Spinner label={`Analysing ${target}…`} /> : <p className="muted">Pick a target.</p>}
      </div>
    );
  }

  return (
    <div className={`target-panel ${loading ? 'is-stale' : ''}`} data-testid="target-analysis" data-target={analysis.target} data-state={loading ? 'loading' : 'ready'}>
      <p className="target-task">
        <span className={`badge badge-sm task-${analysis.task}`}>{analysis.task}</span> <span className="muted">{analysis.taskReason}</span>
      </p>

      {analysis.task === 'regression' ? null : (
        <section className="class-balance" data-testid="class-balance" data-classes={classes.length}>
          <h3 className="mini-title">
            Class balance <span className="muted">· {classes.length.toLocaleString('en-US')} classes</span>
            {largest > 0 && smallest > 0 && largest / smallest >= 5 && (
              <span className="warn-text"> · imbalanced {Math.round(largest / smallest)}:1</span>
            )}
          </h3>
          {classes.length > 0 ? (
            <EChart option={option} height={classBalanceHeight(bars)} ariaLabel={`Class balance of ${analysis.target}`} />
          ) : (
            <p className="muted">No classes.</p>
          )}
          <ul className="visually-hidden">
            {classes.slice(0, MAX_BARS).map((c) => (
              <li key={c.label} data-testid="class-row">
                {c.label}: {c.count} of {total}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="leakage" data-testid="leakage-suspects" data-count={analysis.leakageSuspects.length}>
        <h3 className="mini-title">Leakage check</h3>
        {analysis.leakageSuspects.length === 0 ? (
          <p className="ok-text">No column predicts {analysis.target} suspiciously well on its own.</p>
        ) : (
          <ul className="leak-list">
            {analysis.leakageSuspects.map((s) => (
              <li key={s.column} className="leak-item">
                <span className="leak-icon" aria-hidden="true">
                  ⚠
                </span>
                <span>
                  <strong>{s.column}</strong> <span className="mono">{s.measure} {formatScore(s.score, 3)}</span>
                  <span className="leak-reason">{s.reason}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
