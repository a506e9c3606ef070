/**
 * Feature importance of a linear pipeline, per raw input column: the sum over its design
 * columns of |w| (over all outputs) times that design column's training std. Numeric columns are
 * standardized (std 1); a one-hot indicator (and a "rare" or missing-indicator column) with
 * frequency p has std √(p(1−p)); ordinal and target-encoded columns count with scale 1. This is the
 * "standardized coefficient" reading, so columns on different scales compare fairly.
 */
import { designFeatures, type DesignSpec } from '../preprocess/design';
import type { LinearModel } from './linear-model';

export function linearImportance(design: DesignSpec, model: LinearModel): { feature: string; importance: number }[] {
  const k = model.outputs;
  const byColumn = new Map<string, number>(design.columns.map((c) => [c.name, 0]));
  const frequency = new Map(design.columns.flatMap((c) => (c.kind === 'categorical' ? c.categories.map((cat, i) => [`${c.name}\u0000${cat}`, c.frequencies[i]] as const) : [])));
  designFeatures(design).forEach((f, row) => {
    let weight = 0;
    for (let j = 0; j < k; j++) weight += Math.abs(model.weights[row * k + j]);
    const p = f.share !== undefined ? f.share : f.category === null ? null : (frequency.get(`${f.column}\u0000${f.category}`) ?? 0);
    const scale = p === null ? 1 : Math.sqrt(p * (1 - p));
    byColumn.set(f.column, (byColumn.get(f.column) ?? 0) + weight * scale);
  });
  const total = [...byColumn.values()].reduce((a, v) => a + v, 0);
  return [...byColumn.entries()]
    .map(([feature, v]) => ({ feature, importance: total > 0 ? v / total : 0 }))
    .sort((a, b) => b.importance - a.importance || a.feature.localeCompare(b.feature));
}
