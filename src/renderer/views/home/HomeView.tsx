import { Card } from '../../components/Card';
import { useStudio } from '../../store';
import { DatasetList } from './DatasetList';
import { DropZone } from './DropZone';
import { RunsTable } from './RunsTable';

export function HomeView({ dragging }: { dragging: boolean }) {
  const datasets = useStudio((s) => s.datasetList);
  const runs = useStudio((s) => s.runList);
  // All runs, whatever the table's filters (the facets count every run).
  const total = useStudio((s) => (s.runPage ? s.runPage.facets.datasets.reduce((n, d) => n + d.runs, 0) : null));
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

      <Card title="Runs" subtitle={total !== null && total > 0 ? `${total.toLocaleString('en-US')} run${total === 1 ? '' : 's'}` : undefined}>
        <RunsTable />
      </Card>

      <Card title="Datasets" subtitle={datasets && datasets.length > 0 ? `${datasets.length} imported` : undefined}>
        <DatasetList datasets={datasets} />
      </Card>
    </div>
  );
}
