import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from '../../../src/renderer/lib/route';

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
