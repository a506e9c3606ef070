import { formatHash, parseHash, sameRoute, type Route } from '../lib/route';
import { useStudio } from '../store';
import { loadDataset, loadDatasets } from './datasets';
import { loadRun, loadRuns } from './runs';
import { loadTrials } from './trials';

/** Go to a view: the hash is the source of truth, so a reload keeps the view. */
export function navigate(route: Route): void {
  if (typeof window !== 'undefined' && window.location.hash !== formatHash(route)) {
    window.location.hash = formatHash(route);
  }
  routeChanged(route);
}

/** Loads what a view needs. Called on every navigation and hash change. */
export function routeChanged(route: Route): void {
  const { route: previous, setRoute } = useStudio.getState();
  const changed = !sameRoute(previous, route);
  if (changed) setRoute(route);
  switch (route.name) {
    case 'home':
      if (changed) {
        void loadDatasets();
        void loadRuns();
      }
      break;
    case 'dataset':
      void loadDataset(route.id);
      break;
    case 'run':
      void loadRun(route.id, { ifMissing: true });
      if (changed) void loadTrials(route.id);
      break;
    case 'trials':
      void loadRun(route.id, { ifMissing: true });
      if (changed) void loadTrials(route.id);
      break;
  }
}

/** Follows `location.hash` (back/forward, reload, links). Returns the unsubscribe. */
export function startRouting(win: Window): () => void {
  const onHash = () => routeChanged(parseHash(win.location.hash));
  win.addEventListener('hashchange', onHash);
  const initial = parseHash(win.location.hash);
  useStudio.getState().setRoute(initial);
  if (initial.name === 'dataset') void loadDataset(initial.id);
  if (initial.name === 'run') void loadRun(initial.id);
  if (initial.name === 'trials') void loadRun(initial.id);
  if (initial.name === 'run' || initial.name === 'trials') void loadTrials(initial.id);
  return () => win.removeEventListener('hashchange', onHash);
}
