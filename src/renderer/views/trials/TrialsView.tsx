/**
 * The Trials explorer (`#/runs/:id/trials`): a run's complete trials as parallel coordinates over
 * the hyperparameters and the score, the importance of each hyperparameter (adjusted η², see
 * lib/paramImportance.ts) and a slice plot per parameter, filtered by model family.
 */
import { useMemo, useState } from 'react';
import type { RunDetail, TrialInfo } from '../../../shared/domain';
import { importanceOption, parallelOption, sliceOption } from '../../charts/trialsExplorer';
import { Card } from '../../components/Card';
import { EChart } from '../../components/EChart';
import { EmptyState } from '../../components/EmptyState';
import { Spinner } from '../../components/Spinner';
import { useChartTheme } from '../../components/useChartTheme';
import { paramImportance } from '../../lib/paramImportance';
import { formatHash } from '../../lib/route';
import { familiesOf, scoreOf } from '../../lib/trials';
import { useStudio } from '../../store';

/** Most parameter axes in the parallel chart, and slice plots shown (the most important first). */
const MAX_AXES = 10;
const MAX_SLICES = 6;

export function TrialsView({ id }: { id: string }) {
  const run = useStudio((s) => s.runDetails[id]);
  const trials = useStudio((s) => s.runTrials[id]);
  const failed = useStudio((s) => s.failedLoads[`trials:${id}`] ?? s.failedLoads[`run:${id}`]);
  if (failed) {
    return (
      <div className="view" data-testid="trials-view" data-state="error">
        <EmptyState title="The trials could not be loaded">
          <p>{failed}</p>
          <p>
            <a href="#/">Back to Home</a>
          </p>
        </EmptyState>
      </div>
    );
  }
  if (!run || !trials) {
    return (
      <div className="view" data-testid="trials-view" data-state="loading">
        <div className="pad">
          <Spinner label="Loading trials…" />
        </div>
      </div>
    );
  }
  return <Explorer run={run} trials={trials} />;
}

function Explorer({ run, trials }: { run: RunDetail; trials: TrialInfo[] }) {
  const theme = useChartTheme();
  const complete = useMemo(() => trials.filter((t) => t.status === 'complete' && scoreOf(t) !== null), [trials]);
  const families = useMemo(() => familiesOf(complete), [complete]);
  const [family, setFamily] = useState<string>('all');
  const shown = useMemo(() => (family === 'all' ? complete : complete.filter((t) => t.model === family)), [complete, family]);
  const importance = useMemo(() => paramImportance(shown), [shown]);
  const axes = useMemo(() => importance.slice(0, MAX_AXES).map((r) => r.param), [importance]);
  const parallel = useMemo(() => parallelOption({ trials: shown, params: axes, metric: run.metric, theme }), [shown, axes, run.metric, theme]);
  const bars = useMemo(() => importanceOption(importance, theme), [importance, theme]);
  const slices = importance.slice(0, MAX_SLICES).map((r) => r.param);
  const pruned = trials.filter((t) => t.status === 'pruned').length;
  const failed = trials.filter((t) => t.status === 'failed').length;

  return (
    <div className="view" data-testid="trials-view" data-run-id={run.id} data-family={family}>
      <header className="view-header">
        <div>
          <p className="eyebrow">
            <a href={formatHash({ name: 'run', id: run.id })}>
              Run · <span className="run-id mono">{run.id}</span>
            </a>{' '}
            · Trials explorer
          </p>
          <h1>
            {run.datasetName}
            <span className="muted"> → </span>
            {run.target}
          </h1>
          <p className="muted" data-testid="trials-count">
            {shown.length} complete trial{shown.length === 1 ? '' : 's'}
            {family !== 'all' ? ` of ${family}` : ''}
            {pruned > 0 && ` · ${pruned} pruned`}
            {failed > 0 && ` · ${failed} failed`} (pruned and failed trials have no full score and are left out)
            {run.metric && ` · ${run.metric} ${run.greaterIsBetter ? '↑' : '↓'}`}
          </p>
        </div>
        <div className="view-actions">
          <label className="field field-inline">
            <span className="field-label">Model family</span>
            <select value={family} onChange={(e) => setFamily(e.target.value)} data-testid="family-filter">
              <option value="all">all families ({complete.length})</option>
              {families.map((f) => (
                <option key={f} value={f}>
                  {f} ({complete.filter((t) => t.model === f).length})
                </option>
              ))}
            </select>
          </label>
        </div>
      </header>

      {complete.length === 0 ? (
        <EmptyState title="No complete trials yet">
          <p>{run.status === 'running' ? 'Trials appear here as the run cross-validates candidates.' : 'This run finished no trial with a full cross-validated score.'}</p>
        </EmptyState>
      ) : (
        <>
          <Card title="Parallel coordinates" subtitle={`One line per trial across its hyperparameters and its ${run.metric ?? 'score'} (the last axis); "—" is a parameter the trial's family does not have`}>
            <div className="pad" data-testid="parallel-chart" data-lines={shown.length} data-axes={axes.length + 1}>
              {axes.length === 0 ? <p className="muted">These trials have no hyperparameters to compare.</p> : <EChart option={parallel} height={360} ariaLabel="Parallel coordinates of the trials" />}
            </div>
          </Card>

          <div className="grid-2">
            <Card
              title="Hyperparameter importance"
              subtitle="Share of the score's variance explained by each parameter alone: adjusted η² of the score grouped by the parameter (numbers in up to 6 quantile bins). Main effects only; interactions are not separated."
            >
              <div className="pad" data-testid="importance-chart" data-params={importance.length} data-top={importance[0]?.param ?? ''}>
                {importance.length === 0 ? (
                  <p className="muted">No parameters to rank.</p>
                ) : (
                  <EChart option={bars} height={Math.max(140, importance.length * 26 + 50)} ariaLabel="Hyperparameter importance" />
                )}
                {importance.length > 0 && importance.every((r) => r.importance === 0) ? (
                  <p className="muted" data-testid="importance-none">No parameter explains the score yet: {shown.length < 3 ? `${shown.length} trial${shown.length === 1 ? '' : 's'} are too few to tell` : 'the differences between trials are within what chance gives'}.</p>
                ) : (
                  shown.length < 8 && importance.length > 0 && <p className="muted">Only {shown.length} trials: these estimates are rough.</p>
                )}
              </div>
            </Card>
            <Card title="Slices" subtitle="Score against each of the most important parameters">
              <div className="slice-grid pad" data-testid="slices">
                {slices.map((param) => (
                  <div key={param} className="slice" data-testid={`slice-${param}`}>
                    <EChart option={sliceOption({ trials: shown, param, metric: run.metric, theme })} height={170} ariaLabel={`Score against ${param}`} />
                  </div>
                ))}
              </div>
            </Card>
          </div>
        </>
      )}
    </div>
  );
}
