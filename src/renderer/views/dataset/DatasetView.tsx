import { useEffect, useState } from 'react';
import type { DatasetDetail } from '../../../shared/domain';
import { analyzeTarget, deleteDataset } from '../../actions/datasets';
import { loadDatasetRuns } from '../../actions/runs';
import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { RunTable } from '../../components/RunTable';
import { Spinner } from '../../components/Spinner';
import { formatNumber, formatWhen } from '../../lib/format';
import { useStudio } from '../../store';
import { ColumnProfiles } from './ColumnProfiles';
import { PreviewGrid } from './PreviewGrid';
import { RunSetupForm } from './RunSetupForm';
import { TableFacts } from './TableFacts';
import { TargetPanel } from './TargetPanel';

export function DatasetView({ id }: { id: string }) {
  const dataset = useStudio((s) => s.datasetDetails[id]);
  const failed = useStudio((s) => s.failedLoads[`dataset:${id}`]);
  if (!dataset) {
    return (
      <div className="view" data-testid="dataset-view" data-state={failed ? 'error' : 'loading'}>
        {failed ? (
          <EmptyState title="This dataset could not be opened">
            <p>{failed}</p>
            <p>
              <a href="#/">Back to Home</a> to import it again.
            </p>
          </EmptyState>
        ) : (
          <div className="pad">
            <Spinner label="Loading dataset…" />
          </div>
        )}
      </div>
    );
  }
  // Keyed by id: the form starts fresh for each dataset.
  return <LoadedDataset key={dataset.id} dataset={dataset} />;
}

const defaultTarget = (d: DatasetDetail): string => {
  const columns = d.profile.length > 0 ? d.profile.map((c) => c.name) : d.preview.columns;
  if (d.suggestedTarget && columns.includes(d.suggestedTarget)) return d.suggestedTarget;
  return columns[columns.length - 1] ?? '';
};

function LoadedDataset({ dataset }: { dataset: DatasetDetail }) {
  const [target, setTarget] = useState(() => defaultTarget(dataset));
  // The dataset's newest runs and how many it has (never every run).
  const runs = useStudio((s) => s.datasetRuns[dataset.id]);
  const deleting = useStudio((s) => s.busy[`delete:${dataset.id}`]);
  const picked = useStudio((s) => s.targetAnalyses[dataset.id]);
  const datasetRuns = runs?.runs ?? [];
  const runCount = runs?.total ?? 0;

  useEffect(() => {
    void loadDatasetRuns(dataset.id);
  }, [dataset.id]);

  useEffect(() => {
    if (target) void analyzeTarget(dataset.id, target);
  }, [dataset.id, target]);

  // The analysis for the target in the form: the one asked for, else the suggested target's.
  const current = picked?.target === target ? picked : null;
  const analysis = current?.analysis ?? (dataset.targetAnalysis?.target === target ? dataset.targetAnalysis : null);

  const onDelete = () => {
    if (window.confirm(`Delete ${dataset.name}? Its runs stay listed, but it can't be used for new runs.`)) void deleteDataset(dataset.id);
  };

  return (
    <div className="view" data-testid="dataset-view">
      <header className="view-header">
        <div>
          <p className="eyebrow">Dataset</p>
          <h1 data-testid="dataset-name">{dataset.name}</h1>
          <p className="muted">
            <span data-testid="dataset-shape">
              {formatNumber(dataset.rows)} rows × {formatNumber(dataset.columns)} columns
            </span>
            {dataset.sample && (
              <>
                {' · '}
                <span className="warn-text" data-testid="dataset-sample" data-rows={dataset.sample.rows} data-of={dataset.sample.of}>
                  a random sample of the file&apos;s {formatNumber(dataset.sample.of)} rows (seed {dataset.sample.seed})
                </span>
              </>
            )}
            {' · '}added {formatWhen(dataset.createdAt)}
          </p>
        </div>
        <div className="view-actions">
          <button type="button" className="btn btn-ghost btn-danger" onClick={onDelete} disabled={!!deleting}>
            {deleting ? 'Deleting…' : 'Delete'}
          </button>
        </div>
      </header>

      {dataset.notes && dataset.notes.length > 0 && (
        <div className="callout" data-testid="dataset-notes">
          {dataset.notes.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </div>
      )}

      <TableFacts dataset={dataset} />

      <div className="grid-2">
        <Card title="New run" subtitle="Search, refine, ensemble and validate models for one target." className="setup-card">
          <RunSetupForm dataset={dataset} target={target} onTargetChange={setTarget} analysis={analysis} />
        </Card>
        <Card title={`Target: ${target || '—'}`} subtitle="The task it implies, its classes, and columns that may leak it." className="target-card">
          <TargetPanel target={target} analysis={analysis} loading={current?.loading ?? false} error={current?.error ?? null} />
        </Card>
      </div>

      <Card title="Rows" subtitle={`All ${formatNumber(dataset.rows)} rows; scroll to page through them.`} className="preview-card">
        <PreviewGrid dataset={dataset} target={target} />
      </Card>

      <Card title="Columns" subtitle="Type, warnings, missing values and distribution of each column. Change a type or leave a column out; it is saved at once.">
        <ColumnProfiles datasetId={dataset.id} profile={dataset.profile} rows={dataset.rows} target={target} />
      </Card>

      {datasetRuns.length > 0 && (
        <Card
          title="Runs on this dataset"
          subtitle={runCount > datasetRuns.length ? `The latest ${datasetRuns.length} of ${formatNumber(runCount)}; Home's runs table has them all.` : undefined}
        >
          <RunTable runs={datasetRuns} hideDataset testId="dataset-runs" />
        </Card>
      )}
    </div>
  );
}
