import { useCallback } from 'react';
import { importFiles } from './actions/datasets';
import { ConnectionBanner } from './components/ConnectionBanner';
import { ErrorBanner } from './components/ErrorBanner';
import { Sidebar } from './components/Sidebar';
import { useWindowFileDrop } from './components/useFileDrop';
import { useStudio } from './store';
import { CompareView } from './views/compare/CompareView';
import { DatasetView } from './views/dataset/DatasetView';
import { HomeView } from './views/home/HomeView';
import { RunView } from './views/run/RunView';
import { TrialsView } from './views/trials/TrialsView';

export function App() {
  const route = useStudio((s) => s.route);
  const onFiles = useCallback((files: File[]) => void importFiles(files), []);
  const dragging = useWindowFileDrop(onFiles);

  return (
    <div className="app">
      <a className="skip-link" href="#main-content" onClick={skipToContent} data-testid="skip-link">
        Skip to content
      </a>
      <Sidebar />
      <main className="main" id="main-content" tabIndex={-1}>
        <div className="banners">
          <ConnectionBanner />
          <ErrorBanner />
        </div>
        {route.name === 'home' && <HomeView dragging={dragging} />}
        {route.name === 'dataset' && <DatasetView id={route.id} />}
        {route.name === 'run' && <RunView id={route.id} />}
        {route.name === 'trials' && <TrialsView id={route.id} />}
        {route.name === 'compare' && <CompareView ids={route.ids} />}
      </main>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true" data-testid="drop-overlay">
          <div className="drop-overlay-inner">Drop to import the dataset</div>
        </div>
      )}
    </div>
  );
}

/** The skip link moves focus to the view (the hash is the router's, so the link must not change it). */
function skipToContent(e: { preventDefault(): void }): void {
  e.preventDefault();
  document.getElementById('main-content')?.focus();
}
