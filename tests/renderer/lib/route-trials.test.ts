import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from '../../../src/renderer/lib/route';

describe('the Trials explorer route', () => {
  it('parses #/runs/:id/trials and formats it back', () => {
    expect(parseHash('#/runs/abc-1/trials')).toEqual({ name: 'trials', id: 'abc-1' });
    expect(formatHash({ name: 'trials', id: 'abc-1' })).toBe('#/runs/abc-1/trials');
    expect(parseHash('#/runs/abc-1')).toEqual({ name: 'run', id: 'abc-1' });
  });

  it('sends anything else under a run or a dataset home', () => {
    expect(parseHash('#/runs/abc-1/other')).toEqual({ name: 'home' });
    expect(parseHash('#/datasets/abc-1/trials')).toEqual({ name: 'home' });
    expect(parseHash('#/runs/bad id!/trials')).toEqual({ name: 'home' });
  });
});
