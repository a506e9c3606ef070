/** Trial builders for the Live view and Trials explorer tests. */
import type { TrialInfo } from '../../src/shared/domain';

export const trial = (id: number, model: string, score: number | null, params: TrialInfo['params'] = {}, status: TrialInfo['status'] = 'complete'): TrialInfo => ({
  id,
  taskId: id,
  phase: 'foundation',
  model,
  params,
  score,
  status,
  durationMs: 10,
  createdAt: '2024-01-01T00:00:00.000Z',
});

/** A small seeded generator in [0, 1) (mulberry32), so the tests' random trials are the same every time. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
