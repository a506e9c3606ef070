import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { RunTable } from '../../components/RunTable';
import { useStudio } from '../../store';
import { DatasetList } from './DatasetList';
import { DropZone } from './DropZone';

export function HomeView({ dragging }: { dragging: boolean }) {
  const datasets = useStudio((s) => s.datasetList);
  const runs = useStudio((s) => s.runList);
  const firstLaunch = datasets !== null && datasets.length === 0 && runs !== null && runs.length === 0;

  return (
    <div className="view home-view" data-testid="home-view">
      <header className="view-header">
        <div>
          <h1>{firstLaunch ? 'Welcome to MLE-STAR Studio' : 'Home'}</h1>
          <p className="muted">
            Drop a tabular dataset: Studio profiles it, searches and refines models, ensembles them, validates the best and exports it as ONNX.
          </p>
        </div>
      </header>

      <DropZone dragging={dragging} />

      <Card title="Runs" subtitle={runs && runs.length > 0 ? `${runs.length} run${runs.length === 1 ? '' : 's'}` : undefined}>
        {runs === null ? (
          <p className="muted pad">Loading runs…</p>
        ) : runs.length === 0 ? (
          <EmptyState title="No runs yet" testId="runs-list">
            <p>
              Open a dataset, pick the column to predict and press <strong>Start run</strong>.
            </p>
          </EmptyState>
        ) : (
          <RunTable runs={runs} testId="runs-list" />
        )}
      </Card>

      <Card title="Datasets" subtitle={datasets && datasets.length > 0 ? `${datasets.length} imported` : undefined}>
        <DatasetList datasets={datasets} />
      </Card>
    </div>
  );
}
