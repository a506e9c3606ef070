/** Hash routes: `#/`, `#/datasets/:id`, `#/runs/:id`, `#/compare?ids=a,b` (a reload keeps the view). */
export type Route = { name: 'home' } | { name: 'dataset'; id: string } | { name: 'run'; id: string } | { name: 'trials'; id: string } | { name: 'compare'; ids: string[] };

/** Most runs the compare view takes side by side. */
export const MAX_COMPARE = 8;

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseHash(hash: string): Route {
  const compare = parseCompare(hash);
  if (compare) return compare;
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  const [section, rawId, ...rest] = path.split('/');
  const trials = section === 'runs' && rest.length === 1 && rest[0] === 'trials';
  if ((rest.length === 0 || trials) && rawId !== undefined) {
    let id: string;
    try {
      id = decodeURIComponent(rawId);
    } catch {
      return { name: 'home' };
    }
    if (ID.test(id)) {
      if (section === 'datasets') return { name: 'dataset', id };
      if (section === 'runs') return trials ? { name: 'trials', id } : { name: 'run', id };
    }
  }
  return { name: 'home' };
}

export function formatHash(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'dataset':
      return `#/datasets/${encodeURIComponent(route.id)}`;
    case 'run':
      return `#/runs/${encodeURIComponent(route.id)}`;
    case 'trials':
      return `#/runs/${encodeURIComponent(route.id)}/trials`;
    case 'compare':
      return `#/compare?ids=${route.ids.map(encodeURIComponent).join(',')}`;
  }
}

/** `#/compare?ids=a,b`: the valid ids, once each, at most {@link MAX_COMPARE} (null for another route). */
function parseCompare(hash: string): Route | null {
  const match = /^#?\/*compare\/*(?:\?(.*))?$/.exec(hash);
  if (!match) return null;
  const raw = new URLSearchParams(match[1] ?? '').get('ids') ?? '';
  const ids = [...new Set(raw.split(',').map((s) => s.trim()).filter((id) => ID.test(id)))].slice(0, MAX_COMPARE);
  return { name: 'compare', ids };
}

export const sameRoute = (a: Route, b: Route): boolean => formatHash(a) === formatHash(b);
