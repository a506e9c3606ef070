/**
 * Small binding helpers shared by the repositories: JSON columns, and partial updates done by
 * one statement prepared once (`col = CASE WHEN @set_col THEN @col ELSE col END`), so that a
 * patch field left `undefined` keeps the stored value while an explicit `null` clears it.
 */

/** What better-sqlite3 can bind (it refuses booleans and `undefined`). */
export type SqlValue = string | number | bigint | Buffer | null;

/** JSON text for a `*_json` column; `undefined` is stored as `null`. */
export const toJson = (value: unknown): string => JSON.stringify(value) ?? 'null';

/** Parses a `*_json` column written by {@link toJson}. */
export const fromJson = <T>(text: string): T => JSON.parse(text) as T;

/** SQL booleans are 0/1. */
export const toFlag = (value: boolean): number => (value ? 1 : 0);

/** The SET list of a patch statement over `columns`. */
export const patchSetClause = (columns: readonly string[]): string =>
  columns.map((c) => `${c} = CASE WHEN @set_${c} THEN @${c} ELSE ${c} END`).join(',\n  ');

/** The parameters of a patch statement: for each column, its value and whether to set it. */
export function patchParams(values: Record<string, SqlValue | undefined>): Record<string, SqlValue> {
  const params: Record<string, SqlValue> = {};
  for (const [column, value] of Object.entries(values)) {
    params[`set_${column}`] = value === undefined ? 0 : 1;
    params[column] = value ?? null;
  }
  return params;
}
