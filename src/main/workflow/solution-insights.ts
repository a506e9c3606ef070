/**
 * What the Results view shows about the final solution beyond its score: the feature importance of
 * the whole solution (each member's own importances, which every fitted pipeline carries, averaged
 * by the member's |weight| in the combination) and its members with their weights.
 */
import type { FeatureImportanceReport, SolutionMemberReport } from '../../shared/domain';
import type { FittedPipeline } from '../ml/models/pipeline';
import type { SolutionSpec } from './measure-solution';

/** Features the report keeps. */
export const MAX_IMPORTANCE_FEATURES = 30;

const TREE_FAMILIES = new Set(['gbdt', 'random-forest', 'extra-trees']);

/**
 * The weight each member has in the combination: its share of the vote (the vote's weights
 * scaled to sum to 1), or the meta-learner's weight as it is (which may be negative).
 */
export function memberWeights(spec: Pick<SolutionSpec, 'weights' | 'stack' | 'members'>): number[] {
  const w = spec.members.map((_, i) => {
    const v = (spec.stack?.weights ?? spec.weights)[i];
    return Number.isFinite(v) ? v : 0;
  });
  if (spec.stack) return w;
  const total = w.reduce((a, b) => a + Math.abs(b), 0);
  return total > 0 ? w.map((v) => v / total) : w;
}

export function solutionMembers(spec: SolutionSpec): SolutionMemberReport[] {
  const weights = memberWeights(spec);
  return spec.members.map((m, i) => ({ model: m.candidate.model, weight: weights[i], cvScore: m.cvScore }));
}

/** Importance per raw column of a combination of members, top `MAX_IMPORTANCE_FEATURES`. */
export function solutionImportance(models: readonly FittedPipeline[], weights: readonly number[]): FeatureImportanceReport {
  const abs = models.map((_, i) => Math.abs(weights[i] ?? 0));
  const total = abs.reduce((a, b) => a + b, 0);
  const share = total > 0 ? abs.map((w) => w / total) : models.map(() => 1 / Math.max(1, models.length));
  const byFeature = new Map<string, number>();
  models.forEach((model, i) => {
    if (share[i] === 0) return;
    for (const { feature, importance } of model.featureImportance()) {
      if (Number.isFinite(importance)) byFeature.set(feature, (byFeature.get(feature) ?? 0) + share[i] * importance);
    }
  });
  const features = [...byFeature.entries()]
    .map(([feature, importance]) => ({ feature, importance }))
    .sort((a, b) => b.importance - a.importance || a.feature.localeCompare(b.feature))
    .slice(0, MAX_IMPORTANCE_FEATURES);
  const trees = models.every((m) => TREE_FAMILIES.has(m.family));
  const linear = models.every((m) => !TREE_FAMILIES.has(m.family));
  const base = trees ? 'share of split gain' : linear ? 'standardized |coefficient| (MLP: first layer)' : 'each member’s own importance (split gain or standardized coefficients)';
  const method = models.length > 1 ? `${base}, averaged over the members by |weight|` : base;
  return { method, features };
}
