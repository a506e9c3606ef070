import { describe, expect, it } from 'vitest';
import type { ExportedProfile } from '../../../src/shared/domain';
import { targetsTable } from '../../../src/main/workflow/targets';

const profile = (name: string, over: Partial<ExportedProfile>): ExportedProfile => ({ name, dir: `/p/${name}`, modelBytes: 2 * 1024 * 1024, holdoutScore: 0.9, model: 'gbdt', latencyP95Ms: 0.5, peakMemoryBytes: 40 * 1024 * 1024, reason: '', ...over });
const profiles = [
  profile('high-performance', { holdoutScore: 0.91, latencyP95Ms: 3 }),
  profile('fast-inference', { holdoutScore: 0.88, latencyP95Ms: 0.2 }),
  profile('memory-efficient', { holdoutScore: 0.87, modelBytes: 300 * 1024, peakMemoryBytes: 12 * 1024 * 1024 }),
];

describe('targets table', () => {
  it('judges each goal on the profile made for it', () => {
    const rows = targetsTable({ goals: { score: 0.9, latencyP95Ms: 1, modelSizeMB: 0.25, peakMemoryMB: 20 }, metric: 'roc_auc', greaterIsBetter: true, profiles, budgetSeconds: 60, totalSeconds: 61 });
    expect(rows.map((r) => [r.target, r.status])).toEqual([
      ['score', 'met'],
      ['latency', 'met'],
      ['model size', 'missed'],
      ['memory', 'met'],
      ['time', 'met'],
    ]);
    expect(rows[0]).toMatchObject({ goal: '≥ 0.9 roc_auc', achieved: '0.9100 roc_auc (high performance)' });
    expect(rows[1].achieved).toBe('0.200 ms p95 (fast inference)');
    expect(rows[2].achieved).toBe('300.0 KB (memory efficient)');
    expect(rows[3].achieved).toBe('12.00 MB peak (memory efficient)');
  });

  it('a smaller-is-better score goal is a ceiling; no goal means no verdict; a run far past its budget missed it', () => {
    const rows = targetsTable({ goals: { score: 500 }, metric: 'rmse', greaterIsBetter: false, profiles: [profile('high-performance', { holdoutScore: 540 })], budgetSeconds: 60, totalSeconds: 70 });
    expect(rows[0]).toMatchObject({ goal: '≤ 500 rmse', status: 'missed' });
    expect(rows.slice(1, 4).every((r) => r.status === 'no goal' && r.goal === 'none set')).toBe(true);
    expect(rows[4]).toMatchObject({ target: 'time', status: 'missed', achieved: '70.0 s' });
    expect(targetsTable({ goals: undefined, metric: 'rmse', greaterIsBetter: false, profiles: [], budgetSeconds: 60, totalSeconds: 10 })[0]).toMatchObject({ status: 'no goal', achieved: 'no profile' });
  });
});
