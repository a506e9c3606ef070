import { describe, expect, it } from 'vitest';
import { paretoFront, type ProfileCandidate, selectProfiles } from '../../../../src/main/workflow/profiles/select-profiles';

const KB = 1024;
const cand = (id: string, score: number, latencyP95Ms: number, modelBytes: number, peakMemoryBytes = modelBytes * 2, greaterIsBetter = true): ProfileCandidate => ({ id, score, greaterIsBetter, latencyP95Ms, modelBytes, peakMemoryBytes });

// A typical spread: a big GBDT, a smaller GBDT, a stacked ensemble, a linear model.
const CANDIDATES = [
  cand('gbdt-500', 0.861, 0.9, 900 * KB),
  cand('stack', 0.864, 2.4, 2400 * KB),
  cand('gbdt-100', 0.857, 0.2, 180 * KB),
  cand('linear', 0.83, 0.02, 2 * KB),
  cand('dominated', 0.85, 1.5, 1000 * KB),
];

const chosen = (sel: ReturnType<typeof selectProfiles>): Record<string, string> => Object.fromEntries(sel.profiles.map((p) => [p.profile, p.candidateId]));

describe('selectProfiles', () => {
  it('picks the four profiles with reasons', () => {
    const sel = selectProfiles(CANDIDATES, { latencyGoalMs: 0.5, metricName: 'roc_auc' });
    expect(chosen(sel)).toEqual({ 'high-performance': 'stack', 'fast-inference': 'gbdt-100', 'memory-efficient': 'gbdt-100', balanced: 'gbdt-100' });
    expect(sel.paretoFront).toEqual(['gbdt-500', 'stack', 'gbdt-100', 'linear']);
    const [hp, fast] = sel.profiles;
    expect(hp.reason).toBe('Best roc_auc 0.8640 of 5 candidates (p95 2.40 ms, 2.3 MiB).');
    expect(fast.reason).toBe('Best roc_auc 0.8570 among the 2 candidates meeting the 0.500 ms p95 latency goal (p95 0.200 ms).');
    expect(fast.note).toBeNull();
    expect(sel.profiles.every((p) => p.reason.length > 0)).toBe(true);
  });

  it('fast inference falls back to the fastest with a note when no candidate meets the goal, or no goal is set', () => {
    const strict = selectProfiles(CANDIDATES, { latencyGoalMs: 0.001 });
    expect(chosen(strict)['fast-inference']).toBe('linear');
    expect(strict.profiles[1].note).toBe('No candidate meets the 0.001 ms p95 latency goal; the fastest (0.020 ms) was chosen instead.');
    expect(selectProfiles(CANDIDATES).profiles[1].note).toMatch(/No latency goal/);
  });

  it('memory efficient: smallest peak memory within the tolerance of the best score', () => {
    expect(chosen(selectProfiles(CANDIDATES, { scoreTolerance: { absolute: 0.001 } }))['memory-efficient']).toBe('stack');
    expect(chosen(selectProfiles(CANDIDATES, { scoreTolerance: { absolute: 0.004 } }))['memory-efficient']).toBe('gbdt-500');
    expect(chosen(selectProfiles(CANDIDATES, { scoreTolerance: { relative: 0.05 } }))['memory-efficient']).toBe('linear');
  });

  it('is direction-aware (lower log loss is better)', () => {
    const ll = [cand('a', 0.30, 5, 5000, 5000, false), cand('b', 0.35, 1, 1000, 1000, false), cand('c', 0.60, 0.1, 10, 10, false)];
    const sel = selectProfiles(ll, { latencyGoalMs: 2, scoreTolerance: { relative: 0.2 } });
    expect(chosen(sel)).toEqual({ 'high-performance': 'a', 'fast-inference': 'b', 'memory-efficient': 'b', balanced: 'b' });
  });

  it('balanced is the knee: the point nearest the ideal on normalized axes', () => {
    // A convex 2-D front (model bytes equal): the middle point bends toward the ideal.
    const front = [cand('accurate', 0.9, 10, 100), cand('knee', 0.88, 1, 100), cand('fast', 0.7, 0.5, 100)];
    expect(chosen(selectProfiles(front))['balanced']).toBe('knee');
    // A single candidate is every profile.
    expect(chosen(selectProfiles([cand('only', 0.5, 1, 1)]))).toEqual({ 'high-performance': 'only', 'fast-inference': 'only', 'memory-efficient': 'only', balanced: 'only' });
  });

  it('breaks ties deterministically by input order, and keeps equal candidates on the front', () => {
    const twins = [cand('x', 0.8, 1, 10), cand('y', 0.8, 1, 10)];
    expect(chosen(selectProfiles(twins))).toEqual({ 'high-performance': 'x', 'fast-inference': 'x', 'memory-efficient': 'x', balanced: 'x' });
    expect(paretoFront(twins, (c) => c.score).map((c) => c.id)).toEqual(['x', 'y']);
  });

  it('refuses empty, mixed-direction or invalid input', () => {
    expect(() => selectProfiles([])).toThrow(/no candidates/);
    expect(() => selectProfiles([cand('a', 1, 1, 1), cand('b', 1, 1, 1, 1, false)])).toThrow(/same direction/);
    expect(() => selectProfiles([cand('a', Number.NaN, 1, 1)])).toThrow(/Candidate a/);
  });
});
