/**
 * Config profiles as points of the score / latency / size trade-off (DESIGN.md §2):
 *
 * - high performance: the best score (ties: faster, then smaller);
 * - fast inference: the best score among candidates whose p95 latency meets the goal; with no
 *   candidate under the goal (or no goal), the fastest, with a note saying so;
 * - memory efficient: the smallest peak memory (ties: smaller model file, better score) among
 *   candidates within a tolerance of the best score;
 * - balanced: the knee of the Pareto front over (score, p95 latency, model bytes).
 *
 * The knee: keep the non-dominated candidates; put each axis on a common scale where 0 is the
 * front's best value on that axis and 1 its worst (an axis on which the front does not vary is
 * left out); pick the point nearest the ideal point (0, 0, 0) in Euclidean distance. That is the
 * point where the front bends most toward the ideal — where giving up a little score stops buying
 * much speed or size — and, unlike distance-to-the-line-between-extremes, it stays well defined
 * with three axes and with only two or three points. Ties go to the better score.
 *
 * Pure: candidates and goals in, choices with reasons (sentences for the model card) out.
 */

export type ProfileName = 'high-performance' | 'fast-inference' | 'memory-efficient' | 'balanced';
export const PROFILE_NAMES: readonly ProfileName[] = ['high-performance', 'fast-inference', 'memory-efficient', 'balanced'];

/** A finished candidate solution with its measured costs. */
export interface ProfileCandidate {
  id: string;
  score: number;
  greaterIsBetter: boolean;
  latencyP95Ms: number;
  modelBytes: number;
  peakMemoryBytes: number;
}

export interface ProfileGoals {
  /** p95 single-row latency goal for the fast-inference profile. */
  latencyGoalMs?: number;
  /** How far below the best score a memory-efficient candidate may be: max(absolute, relative × |best|). Default relative 0.01. */
  scoreTolerance?: { relative?: number; absolute?: number };
  /** Metric name used in the reasons (default "score"). */
  metricName?: string;
}

export interface ProfileChoice {
  profile: ProfileName;
  candidateId: string;
  /** Why this candidate, with the figures. */
  reason: string;
  /** Set when a goal could not be met. */
  note: string | null;
}

export interface ProfileSelection {
  profiles: ProfileChoice[];
  /** Ids of the non-dominated candidates (score, latency, model bytes), in input order. */
  paretoFront: string[];
}

const fmtMs = (ms: number): string => `${ms < 1 ? ms.toFixed(3) : ms.toFixed(2)} ms`;
function fmtBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Picks the four profiles from `candidates` (at least one). */
export function selectProfiles(candidates: readonly ProfileCandidate[], goals: ProfileGoals = {}): ProfileSelection {
  if (candidates.length === 0) throw new RangeError('Cannot choose profiles from no candidates.');
  const gib = candidates[0].greaterIsBetter;
  if (candidates.some((c) => c.greaterIsBetter !== gib)) throw new RangeError('All candidates must be scored in the same direction.');
  const bad = candidates.find((c) => !Number.isFinite(c.score) || !(c.latencyP95Ms >= 0) || !(c.modelBytes >= 0) || !(c.peakMemoryBytes >= 0));
  if (bad) throw new RangeError(`Candidate ${bad.id} has a missing or invalid score or cost.`);

  const metric = goals.metricName ?? 'score';
  const sign = gib ? 1 : -1;
  /** Larger is better, for every comparison below. */
  const merit = (c: ProfileCandidate): number => sign * c.score;
  const fmtScore = (c: ProfileCandidate): string => `${metric} ${c.score.toFixed(4)}`;
  const pick = (pool: readonly ProfileCandidate[], compare: (a: ProfileCandidate, b: ProfileCandidate) => number): ProfileCandidate => [...pool].sort((a, b) => compare(a, b) || candidates.indexOf(a) - candidates.indexOf(b))[0];
  const byMerit = (a: ProfileCandidate, b: ProfileCandidate): number => merit(b) - merit(a);
  const byLatency = (a: ProfileCandidate, b: ProfileCandidate): number => a.latencyP95Ms - b.latencyP95Ms;
  const byBytes = (a: ProfileCandidate, b: ProfileCandidate): number => a.modelBytes - b.modelBytes;
  const byMemory = (a: ProfileCandidate, b: ProfileCandidate): number => a.peakMemoryBytes - b.peakMemoryBytes;

  const best = pick(candidates, (a, b) => byMerit(a, b) || byLatency(a, b) || byBytes(a, b));
  const profiles: ProfileChoice[] = [{ profile: 'high-performance', candidateId: best.id, reason: `Best ${fmtScore(best)} of ${candidates.length} candidates (p95 ${fmtMs(best.latencyP95Ms)}, ${fmtBytes(best.modelBytes)}).`, note: null }];

  // fast inference
  const goal = goals.latencyGoalMs;
  const underGoal = goal === undefined ? [] : candidates.filter((c) => c.latencyP95Ms <= goal);
  if (underGoal.length > 0) {
    const c = pick(underGoal, (a, b) => byMerit(a, b) || byLatency(a, b));
    profiles.push({ profile: 'fast-inference', candidateId: c.id, reason: `Best ${fmtScore(c)} among the ${underGoal.length} candidates meeting the ${fmtMs(goal as number)} p95 latency goal (p95 ${fmtMs(c.latencyP95Ms)}).`, note: null });
  } else {
    const c = pick(candidates, (a, b) => byLatency(a, b) || byMerit(a, b));
    const note = goal === undefined ? 'No latency goal was set, so the fastest candidate was chosen.' : `No candidate meets the ${fmtMs(goal)} p95 latency goal; the fastest (${fmtMs(c.latencyP95Ms)}) was chosen instead.`;
    profiles.push({ profile: 'fast-inference', candidateId: c.id, reason: `Fastest candidate: p95 ${fmtMs(c.latencyP95Ms)} with ${fmtScore(c)}.`, note });
  }

  // memory efficient
  const tol = Math.max(goals.scoreTolerance?.absolute ?? 0, (goals.scoreTolerance?.relative ?? (goals.scoreTolerance?.absolute === undefined ? 0.01 : 0)) * Math.abs(best.score));
  const near = candidates.filter((c) => merit(best) - merit(c) <= tol + 1e-12);
  const small = pick(near, (a, b) => byMemory(a, b) || byBytes(a, b) || byMerit(a, b));
  profiles.push({
    profile: 'memory-efficient',
    candidateId: small.id,
    reason: `Smallest peak memory (${fmtBytes(small.peakMemoryBytes)}, model ${fmtBytes(small.modelBytes)}) among the ${near.length} candidates within ${tol.toPrecision(3)} of the best ${metric} (${fmtScore(small)} vs ${best.score.toFixed(4)}).`,
    note: null,
  });

  // balanced
  const front = paretoFront(candidates, merit);
  const knee = kneeOf(front, merit);
  profiles.push({
    profile: 'balanced',
    candidateId: knee.id,
    reason: `Knee of the Pareto front of ${front.length} candidates over ${metric}, p95 latency and model size (nearest the ideal point on normalized axes): ${fmtScore(knee)}, p95 ${fmtMs(knee.latencyP95Ms)}, ${fmtBytes(knee.modelBytes)}.`,
    note: null,
  });

  return { profiles, paretoFront: front.map((c) => c.id) };
}

/** The candidates no other candidate dominates on (merit ↑, latency ↓, model bytes ↓). */
export function paretoFront(candidates: readonly ProfileCandidate[], merit: (c: ProfileCandidate) => number): ProfileCandidate[] {
  const dominates = (a: ProfileCandidate, b: ProfileCandidate): boolean =>
    merit(a) >= merit(b) && a.latencyP95Ms <= b.latencyP95Ms && a.modelBytes <= b.modelBytes && (merit(a) > merit(b) || a.latencyP95Ms < b.latencyP95Ms || a.modelBytes < b.modelBytes);
  return candidates.filter((c) => !candidates.some((o) => o !== c && dominates(o, c)));
}

function kneeOf(front: readonly ProfileCandidate[], merit: (c: ProfileCandidate) => number): ProfileCandidate {
  const axes: ((c: ProfileCandidate) => number)[] = [(c) => -merit(c), (c) => c.latencyP95Ms, (c) => c.modelBytes];
  const scaled = axes.map((axis) => {
    const values = front.map(axis);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    return hi > lo ? values.map((v) => (v - lo) / (hi - lo)) : null;
  });
  let best = 0;
  let bestDistance = Infinity;
  front.forEach((c, i) => {
    let d = 0;
    for (const axis of scaled) if (axis) d += axis[i] ** 2;
    if (d < bestDistance - 1e-12 || (Math.abs(d - bestDistance) <= 1e-12 && merit(c) > merit(front[best]))) {
      best = i;
      bestDistance = d;
    }
  });
  return front[best];
}
