import { formatHash, type Route } from '../lib/route';
import { formatScore } from '../lib/format';
import { toggleTheme } from '../actions/theme';
import { useStudio } from '../store';
import { RECENT_RUNS } from '../store/slices/runs';
import { Logo } from './Logo';

/** Datasets listed (the runs are the RECENT_RUNS newest the window loads). */
const RECENT = 8;

const isActive = (route: Route, target: Route) => formatHash(route) === formatHash(target);

export function Sidebar() {
  const route = useStudio((s) => s.route);
  const datasets = useStudio((s) => s.datasetList);
  const runs = useStudio((s) => s.runList);
  const info = useStudio((s) => s.info);
  const bridge = useStudio((s) => s.bridge);
  const connection = useStudio((s) => s.connection);
  const theme = useStudio((s) => s.theme);

  return (
    <nav className="sidebar" aria-label="Main">
      <a className="brand" href="#/">
        <Logo />
        <span className="brand-name">MLE-STAR Studio</span>
      </a>
      <a className={`nav-item ${route.name === 'home' ? 'active' : ''}`} href="#/">
        <span className="nav-icon" aria-hidden="true">⌂</span> Home
      </a>

      <div className="nav-section">
        <p className="nav-heading">Datasets</p>
        {datasets === null ? (
          <p className="nav-empty">Loading…</p>
        ) : datasets.length === 0 ? (
          <p className="nav-empty">None yet — drop a file.</p>
        ) : (
          datasets.slice(0, RECENT).map((d) => {
            const target: Route = { name: 'dataset', id: d.id };
            return (
              <a key={d.id} className={`nav-item ${isActive(route, target) ? 'active' : ''}`} href={formatHash(target)} title={d.name}>
                <span className="nav-icon" aria-hidden="true">▦</span>
                <span className="nav-label">{d.name}</span>
              </a>
            );
          })
        )}
      </div>

      <div className="nav-section" data-testid="recent-runs">
        <p className="nav-heading">Runs</p>
        {runs === null ? (
          <p className="nav-empty">Loading…</p>
        ) : runs.length === 0 ? (
          <p className="nav-empty">None yet.</p>
        ) : (
          runs.slice(0, RECENT_RUNS).map((r) => {
            const target: Route = { name: 'run', id: r.id };
            return (
              <a key={r.id} className={`nav-item ${isActive(route, target) ? 'active' : ''}`} href={formatHash(target)} title={`${r.datasetName} → ${r.target}`}>
                <span className={`dot status-${r.status}`} aria-label={r.status} />
                <span className="nav-label">
                  {r.datasetName} <span className="nav-muted">→ {r.target}</span>
                </span>
                {r.bestScore !== null && <span className="nav-score">{formatScore(r.bestScore, 3)}</span>}
              </a>
            );
          })
        )}
      </div>

      <footer className="sidebar-footer">
        <button
          type="button"
          className="theme-toggle"
          onClick={toggleTheme}
          aria-pressed={theme === 'dark'}
          title={`Switch to the ${theme === 'dark' ? 'light' : 'dark'} theme`}
          data-testid="theme-toggle"
          data-theme={theme}
        >
          <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span> {theme === 'dark' ? 'Light theme' : 'Dark theme'}
        </button>
        {bridge === 'websocket' && (
          <span className={`conn conn-${connection}`}>
            <span className="dot" aria-hidden="true" />
            {connection === 'open' ? 'Connected' : connection === 'connecting' ? 'Connecting…' : connection === 'reconnecting' ? 'Reconnecting…' : 'Disconnected'}
          </span>
        )}
        {info && (
          <span className="version">
            v{info.version} · {info.host}
          </span>
        )}
      </footer>
    </nav>
  );
}
