import { useCallback } from 'react';
import { importFiles } from './actions/datasets';
import { ConnectionBanner } from './components/ConnectionBanner';
import { ErrorBanner } from './components/ErrorBanner';
import { Sidebar } from './components/Sidebar';
import { useWindowFileDrop } from './components/useFileDrop';
import { useStudio } from './store';
import { DatasetView } from './views/dataset/DatasetView';
import { HomeView } from './views/home/HomeView';
import { RunView } from './views/run/RunView';

export function App() {
  const route = useStudio((s) => s.route);
  const onFiles = useCallback((files: File[]) => void importFiles(files), []);
  const dragging = useWindowFileDrop(onFiles);

  return (
    <div className="app">
      <Sidebar />
      <main className="main">
        <div className="banners">
          <ConnectionBanner />
          <ErrorBanner />
        </div>
        {route.name === 'home' && <HomeView dragging={dragging} />}
        {route.name === 'dataset' && <DatasetView id={route.id} />}
        {route.name === 'run' && <RunView id={route.id} />}
      </main>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-overlay-inner">Drop to import the dataset</div>
        </div>
      )}
    </div>
  );
}
