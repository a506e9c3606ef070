/**
 * One-hot encoding for one categorical column: the categories seen in training, most frequent
 * first, capped so a high-cardinality column cannot blow up the design matrix. Anything else
 * (rarer categories, unseen ones, missing) encodes as all zeros, the same as ai.onnx.ml
 * OneHotEncoder with zeros=1 does for values outside `cats_strings`.
 */
import type { CategoricalColumn } from '../frame';

export const DEFAULT_MAX_CATEGORIES = 50;

export interface OneHot {
  /** Encoded categories, most frequent first (ties in dictionary order). Never contains ''. */
  categories: string[];
  /** Share of training rows holding each category, parallel to `categories`. */
  frequencies: number[];
}

/**
 * Keeps the `maxCategories` most frequent categories that occur at least `minCount` times (once
 * by default). The empty string is never kept: the exported graph feeds '' for missing, so it
 * must not mean a category. (design.ts can add a shared "rare" column for the others.)
 */
export function fitOneHot(column: CategoricalColumn, maxCategories = DEFAULT_MAX_CATEGORIES, minCount = 1): OneHot {
  const counts = new Float64Array(column.categories.length);
  for (const code of column.codes) if (code >= 0 && code < counts.length) counts[code]++;
  const order = Array.from(counts.keys())
    .filter((c) => counts[c] >= Math.max(1, minCount) && column.categories[c] !== '')
    .sort((a, b) => counts[b] - counts[a] || a - b)
    .slice(0, Math.max(0, maxCategories));
  const n = Math.max(1, column.codes.length);
  return { categories: order.map((c) => column.categories[c]), frequencies: order.map((c) => counts[c] / n) };
}

/** For each code of `categories` (a frame's dictionary), its position in the encoding or -1. */
export function codeToSlot(encoding: OneHot, categories: readonly string[]): Int32Array {
  const slot = new Map(encoding.categories.map((c, i) => [c, i]));
  return Int32Array.from(categories, (c) => slot.get(c) ?? -1);
}
