/**
 * The Home runs table's query: one page of runs, sorted by any column, filtered and searched,
 * with the total that matched, answered by SQLite (migration 004's indexes) so that it stays
 * fast at tens of thousands of runs. The sort and filter columns come from a fixed map (never
 * from the request's text), and the search is a LIKE with its wildcards escaped.
 */
import type { Database } from '../connection';
import type { RunPage, RunQuery, RunRow, RunSortKey, TaskKind } from '../../../shared/domain';
import { PROFILE_NAMES } from '../../../shared/domain';
import { toSummary, type SummaryRow } from './runs';
import { fromJson } from './sql';

export const DEFAULT_RUN_QUERY: RunQuery = { offset: 0, limit: 50, sort: 'startedAt', direction: 'desc' };

interface Row extends SummaryRow {
  profile_scores_json: string | null;
}

/** Milliseconds a run took (whole, so equal spans tie): to its end, or to `@now` while it has none (queued runs have no start). */
const DURATION = `ROUND((julianday(COALESCE(r.finished_at, @now)) - julianday(r.started_at)) * 86400000)`;

/** The SQL expression each sort key orders by. */
const SORT_SQL: Record<RunSortKey, string> = {
  dataset: 'd.name COLLATE NOCASE',
  target: 'r.target COLLATE NOCASE',
  metric: 'r.metric',
  // Oriented so that larger is better whatever the metric (RMSE, log loss: lower is better):
  // descending is best first, ascending worst first, across runs with different metrics.
  bestScore: 'CASE WHEN r.greater_is_better = 0 THEN -r.best_score ELSE r.best_score END',
  status: 'r.status',
  duration: DURATION,
  // A queued run has not started: it sorts by when it was created.
  startedAt: 'COALESCE(r.started_at, r.created_at)',
  // The profiles' holdout scores, oriented the same way.
  ...(Object.fromEntries(PROFILE_NAMES.map((p) => [`profile:${p}`, `CASE WHEN r.greater_is_better = 0 THEN -json_extract(r.profile_scores_json, '$."${p}"') ELSE json_extract(r.profile_scores_json, '$."${p}"') END`])) as Record<`profile:${(typeof PROFILE_NAMES)[number]}`, string>),
};

/** Sort keys whose value is never null (no "missing last" term, so an index can give the order). */
const NEVER_NULL = new Set<RunSortKey>(['dataset', 'target', 'status', 'startedAt']);

/** `%text%` for LIKE, with `%`, `_` and the escape character taken literally. */
export const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const toRow = (r: Row): RunRow => ({
  ...toSummary(r),
  profileScores: r.profile_scores_json ? fromJson<Record<string, number>>(r.profile_scores_json) : {},
});

/** The small `{name: holdoutScore}` object stored beside a report (migration 004). */
export const profileScoresJson = (profiles: readonly { name: string; holdoutScore: number }[]): string =>
  JSON.stringify(Object.fromEntries(profiles.filter((p) => Number.isFinite(p.holdoutScore)).map((p) => [p.name, p.holdoutScore])));

export function createRunQuery(db: Database): (query: RunQuery, now?: Date) => RunPage {
  const facetDatasets = db.prepare<[], { id: string; name: string; runs: number }>(
    `SELECT d.id, d.name, COUNT(*) AS runs FROM runs r JOIN datasets d ON d.id = r.dataset_id GROUP BY d.id ORDER BY d.name COLLATE NOCASE`,
  );
  const facetMetrics = db.prepare<[], string>(`SELECT DISTINCT metric FROM runs WHERE metric IS NOT NULL ORDER BY metric`).pluck();
  const facetTasks = db.prepare<[], TaskKind>(`SELECT DISTINCT task FROM runs WHERE task IS NOT NULL ORDER BY task`).pluck();
  const selectRows = db.prepare<[string]>(
    `SELECT r.rowid AS rid, r.id, r.dataset_id, d.name AS dataset_name, r.target, r.task, r.metric, r.greater_is_better,
  r.status, r.best_score, r.error, r.created_at, r.started_at, r.finished_at, r.profile_scores_json
FROM runs r JOIN datasets d ON d.id = r.dataset_id WHERE r.rowid IN (SELECT value FROM json_each(?))`,
  );
  // Statements differ only by their WHERE and ORDER BY; a handful of shapes, prepared once each.
  const statements = new Map<string, ReturnType<Database['prepare']>>();
  const prepared = (sql: string) => {
    let s = statements.get(sql);
    if (!s) {
      s = db.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  };

  return (query, now = new Date()) => {
    const where: string[] = [];
    const params: Record<string, string | number> = { now: now.toISOString() };
    const search = query.search?.trim();
    if (search) {
      where.push(`(d.name LIKE @search ESCAPE '\\' OR r.target LIKE @search ESCAPE '\\' OR r.id LIKE @search ESCAPE '\\')`);
      params.search = likePattern(search);
    }
    if (query.status && query.status.length > 0) {
      where.push(`r.status IN (${query.status.map((_, i) => `@status${i}`).join(', ')})`);
      query.status.forEach((s, i) => (params[`status${i}`] = s));
    }
    if (query.task) {
      where.push('r.task = @task');
      params.task = query.task;
    }
    if (query.metric) {
      where.push('r.metric = @metric');
      params.metric = query.metric;
    }
    if (query.datasetId) {
      where.push('r.dataset_id = @datasetId');
      params.datasetId = query.datasetId;
    }
    const from = `FROM runs r JOIN datasets d ON d.id = r.dataset_id${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    const order = SORT_SQL[query.sort];
    const dir = query.direction === 'asc' ? 'ASC' : 'DESC';
    // Runs without a value (no score yet, not started) go last whichever the direction; ties by newest.
    // The page's rowids are found first (narrow rows to sort), then their rows read and put in that order.
    const nullsLast = NEVER_NULL.has(query.sort) ? '' : `(${order}) IS NULL, `;
    const pageSql = `SELECT r.rowid ${from}
ORDER BY ${nullsLast}${order} ${dir}, r.created_at DESC, r.rowid DESC
LIMIT @limit OFFSET @offset`;
    const pageParams: Record<string, string | number> = { ...params, limit: query.limit, offset: query.offset };
    if (!pageSql.includes('@now')) delete pageParams.now;
    const countParams = { ...params };
    delete countParams.now;
    const rowids = prepared(pageSql).pluck().all(pageParams) as number[];
    const byRowid = new Map((selectRows.all(JSON.stringify(rowids)) as (Row & { rid: number })[]).map((r) => [r.rid, r]));
    const rows = rowids.flatMap((rid) => {
      const row = byRowid.get(rid);
      return row ? [toRow(row)] : [];
    });
    const total = prepared(`SELECT COUNT(*) ${from}`).pluck().get(countParams) as number;
    return {
      rows,
      total,
      offset: query.offset,
      limit: query.limit,
      facets: { datasets: facetDatasets.all(), metrics: facetMetrics.all(), tasks: facetTasks.all() },
    };
  };
}
