/** Hash routes: `#/`, `#/datasets/:id`, `#/runs/:id` (a reload keeps the view). */
export type Route = { name: 'home' } | { name: 'dataset'; id: string } | { name: 'run'; id: string };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  const [section, rawId, ...rest] = path.split('/');
  if (rest.length === 0 && rawId !== undefined) {
    let id: string;
    try {
      id = decodeURIComponent(rawId);
    } catch {
      return { name: 'home' };
    }
    if (ID.test(id)) {
      if (section === 'datasets') return { name: 'dataset', id };
      if (section === 'runs') return { name: 'run', id };
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
  }
}

export const sameRoute = (a: Route, b: Route): boolean => formatHash(a) === formatHash(b);
