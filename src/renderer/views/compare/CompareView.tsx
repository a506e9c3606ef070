/**
 * Compare runs (`#/compare?ids=a,b`): settings side by side with the differences highlighted,
 * the metrics with the best run of each marked, and the runs' best-score curves overlaid.
 */
import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { RunDetail } from '../../../shared/domain';
import { loadRun } from '../../actions/runs';
import { Card } from '../../components/Card';
import { EChart } from '../../components/EChart';
import { EmptyState } from '../../components/EmptyState';
import { Spinner } from '../../components/Spinner';
import { StatusBadge } from '../../components/StatusBadge';
import { useChartTheme } from '../../components/useChartTheme';
import { compareCurvesOption } from '../../charts/compareCurves';
import { metricRows, runLetter, settingRows } from '../../lib/compareRuns';
import { formatHash } from '../../lib/route';
import { useStudio } from '../../store';

export function CompareView({ ids }: { ids: string[] }) {
  // The same array while none of these runs changes, so the tables and chart are not rebuilt for nothing.
  const picked = useStudio(useShallow((s) => ids.map((id) => s.runDetails[id])));
  const failed = useStudio((s) => s.failedLoads);
  const key = ids.join(',');

  useEffect(() => {
    // A run seen live earlier may lack its report; fetch every run once when the view opens.
    for (const id of key ? key.split(',') : []) void loadRun(id);
  }, [key]);

  const runs = useMemo(() => picked.filter((r): r is RunDetail => r !== undefined), [picked]);
  const errors = ids.flatMap((id) => (failed[`run:${id}`] ? [`${id}: ${failed[`run:${id}`]}`] : []));

  if (ids.length < 2) {
    return (
      <div className="view compare-view" data-testid="compare-view">
        <Header count={ids.length} />
        <EmptyState title="Pick two or more runs to compare" testId="compare-empty">
          <p>
            On <a href="#/">Home</a>, tick the runs in the table and press <strong>Compare runs</strong>.
          </p>
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="view compare-view" data-testid="compare-view">
      <Header count={ids.length} />
      {errors.length > 0 && (
        <p className="field-error" role="alert">
          Some runs could not be loaded — {errors.join('; ')}
        </p>
      )}
      {runs.length < ids.length && errors.length === 0 ? <Spinner label="Loading the runs…" /> : runs.length >= 2 ? <Comparison runs={runs} /> : null}
    </div>
  );
}

function Header({ count }: { count: number }) {
  return (
    <header className="view-header">
      <div>
        <p className="crumbs muted">
          <a href="#/">Home</a> / Compare
        </p>
        <h1>Compare runs</h1>
        <p className="muted">{count >= 2 ? `${count} runs side by side. Rows whose values differ are highlighted; the best figure of each metric is marked.` : 'Settings, metrics and score curves side by side.'}</p>
      </div>
    </header>
  );
}

function RunHeads({ runs }: { runs: RunDetail[] }) {
  return (
    <>
      {runs.map((r, i) => (
        <th key={r.id} scope="col" className="compare-head">
          <span className={`run-letter letter-${i}`}>{runLetter(i)}</span>
          <a href={formatHash({ name: 'run', id: r.id })} title={r.id}>
            {r.datasetName} → {r.target}
          </a>
          <span className="muted mono compare-id">{r.id.slice(0, 8)}</span>
          <StatusBadge status={r.status} />
        </th>
      ))}
    </>
  );
}

function Comparison({ runs }: { runs: RunDetail[] }) {
  const theme = useChartTheme();
  const settings = useMemo(() => settingRows(runs), [runs]);
  const metrics = useMemo(() => metricRows(runs), [runs]);
  const metricNames = new Set(runs.map((r) => r.metric));
  const option = useMemo(
    () =>
      compareCurvesOption({
        runs: runs.map((r, i) => ({ label: `${runLetter(i)} · ${r.datasetName} → ${r.target}`, startedAt: r.startedAt, points: r.metrics, greaterIsBetter: r.greaterIsBetter })),
        metric: 'cv_score',
        theme,
      }),
    [runs, theme],
  );
  const anyPoints = runs.some((r) => r.metrics.some((p) => p.name === 'cv_score'));
  const differing = settings.filter((s) => s.differs).length;

  return (
    <>
      <Card title="Settings" subtitle={differing === 0 ? 'The runs were set up the same way.' : `${differing} setting${differing === 1 ? '' : 's'} differ (highlighted).`} testId="compare-settings">
        <div className="table-wrap">
          <table className="table compare-table">
            <thead>
              <tr>
                <th scope="col">Setting</th>
                <RunHeads runs={runs} />
              </tr>
            </thead>
            <tbody>
              {settings.map((row) => (
                <tr key={row.label} className={row.differs ? 'is-diff' : undefined} data-testid="compare-setting" data-label={row.label} data-differs={row.differs}>
                  <th scope="row">
                    {row.label}
                    {row.differs && <span className="diff-tag">differs</span>}
                  </th>
                  {row.values.map((v, i) => (
                    <td key={i} className={row.differs && v !== row.values[0] ? 'cell-diff' : undefined}>
                      {v}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>

      <Card title="Metrics" subtitle={metricNames.size > 1 ? 'The runs optimise different metrics, so their scores are not ranked.' : 'Holdout figures come from the validation phase; ★ marks the best.'} testId="compare-metrics">
        <div className="table-wrap">
          <table className="table compare-table">
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <RunHeads runs={runs} />
              </tr>
            </thead>
            <tbody>
              {metrics.map((row) => (
                <tr key={row.label} className={row.differs ? 'is-diff-soft' : undefined} data-testid="compare-metric" data-label={row.label}>
                  <th scope="row">{row.label}</th>
                  {row.values.map((v, i) => (
                    <td key={i} className={`num mono ${row.best === i ? 'cell-best' : ''}`} data-best={row.best === i}>
                      {v}
                      {row.best === i && (
                        <span className="best-star" aria-label="best">
                          {' '}
                          ★
                        </span>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>

      <Card title="Best score over time" subtitle="Each run's best cross-validated score so far, against the seconds since it started." testId="compare-curves-card">
        {anyPoints ? (
          <EChart option={option} height={320} testId="compare-curves" ariaLabel="Best cross-validated score over time, one line per run" />
        ) : (
          <EmptyState title="No scores yet">
            <p>The curves appear once the runs have cross-validated a model.</p>
          </EmptyState>
        )}
      </Card>
    </>
  );
}
