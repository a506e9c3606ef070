import { describe, expect, it } from 'vitest';
import { formatHash, parseHash, type Route } from '../../../src/renderer/lib/route';

describe('hash routes', () => {
  it('parses the three views', () => {
    expect(parseHash('')).toEqual({ name: 'home' });
    expect(parseHash('#/')).toEqual({ name: 'home' });
    expect(parseHash('#/datasets/ds_1')).toEqual({ name: 'dataset', id: 'ds_1' });
    expect(parseHash('#/runs/r-9/')).toEqual({ name: 'run', id: 'r-9' });
  });

  it('falls back home on anything else', () => {
    for (const h of ['#/runs', '#/runs/a/b', '#/nope/x', '#/runs/%E0%A4%A', '#/datasets/a%20b']) {
      expect(parseHash(h)).toEqual({ name: 'home' });
    }
  });

  it('round-trips', () => {
    for (const r of [{ name: 'home' }, { name: 'dataset', id: 'a' }, { name: 'run', id: 'b_2' }] as const) {
      expect(parseHash(formatHash(r))).toEqual(r);
    }
  });
});

describe('the compare route', () => {
  it('parses the run ids, dropping bad and repeated ones', () => {
    expect(parseHash('#/compare?ids=a,b_2')).toEqual({ name: 'compare', ids: ['a', 'b_2'] });
    expect(parseHash('#/compare?ids=a,,a,../x,%20,c')).toEqual({ name: 'compare', ids: ['a', 'c'] });
    expect(parseHash('#/compare')).toEqual({ name: 'compare', ids: [] });
    expect(parseHash('#/compare?ids=' + Array.from({ length: 20 }, (_, i) => `r${i}`).join(','))).toEqual({ name: 'compare', ids: Array.from({ length: 8 }, (_, i) => `r${i}`) });
  });

  it('round-trips', () => {
    const route: Route = { name: 'compare', ids: ['x-1', 'y_2', 'z'] };
    expect(formatHash(route)).toBe('#/compare?ids=x-1,y_2,z');
    expect(parseHash(formatHash(route))).toEqual(route);
  });
});
