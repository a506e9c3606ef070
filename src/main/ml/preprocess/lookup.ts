/**
 * A category → numbers lookup, the fitted form of the ordinal and target encoders: each kept
 * category maps to one value per design column; missing, empty and unseen categories map to
 * `fallback`. The exported graph builds each design column with one ai.onnx.ml LabelEncoder
 * (string → float, default_float = fallback), so values are stored already rounded to float32.
 */
export interface CategoryLookup {
  /** Categories with a value of their own (never ''). */
  categories: string[];
  /** Per design column, the value of each category (parallel to `categories`), float32. */
  values: number[][];
  /** Per design column, the value of anything else (missing, '' or unseen), float32. */
  fallback: number[];
}

/**
 * For each code of a frame's dictionary, its index in `lookup.categories` or -1. The empty
 * string never matches, as the graph feeds '' for missing.
 */
export function lookupSlots(lookup: Pick<CategoryLookup, 'categories'>, dictionary: readonly string[]): Int32Array {
  const slot = new Map(lookup.categories.map((c, i) => [c, i]));
  return Int32Array.from(dictionary, (c) => (c === '' ? -1 : (slot.get(c) ?? -1)));
}

/** Value of design column `j` for a frame code (-1 = missing), given the slots of the frame's dictionary. */
export function lookupValue(lookup: CategoryLookup, slots: Int32Array, code: number, j: number): number {
  const slot = code >= 0 && code < slots.length ? slots[code] : -1;
  return slot >= 0 ? lookup.values[j][slot] : lookup.fallback[j];
}
