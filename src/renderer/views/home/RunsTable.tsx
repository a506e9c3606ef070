/**
 * Home's runs table: one server-side page (`runs:query`) at a time, so it stays quick at tens of
 * thousands of runs. Headers sort (click or Enter), the toolbar filters and searches, rows open
 * with a click or Enter, and their boxes pick runs to compare.
 */
import { memo, useEffect, type KeyboardEvent } from 'react';
import type { RunRow, RunSortKey, RunStatus, TaskKind } from '../../../shared/domain';
import { isFinalRunStatus, PROFILE_NAMES } from '../../../shared/domain';
import { navigate } from '../../actions/navigation';
import { loadRunPage, setRunSearch, sortRunsBy, updateRunQuery } from '../../actions/runTable';
import { EmptyState } from '../../components/EmptyState';
import { StatusBadge } from '../../components/StatusBadge';
import { useNow } from '../../components/useNow';
import { formatDuration, formatScore, formatWhen } from '../../lib/format';
import { formatHash, MAX_COMPARE } from '../../lib/route';
import { runDurationMs } from '../../lib/runTime';
import { useStudio } from '../../store';
import { DEFAULT_TABLE_QUERY } from '../../store/slices/runTable';

const STATUSES: RunStatus[] = ['succeeded', 'running', 'queued', 'failed', 'cancelled', 'interrupted'];
const PAGE_SIZES = [25, 50, 100, 200];

/** Short headers for the exported profiles' holdout scores. */
export const PROFILE_LABELS: Record<string, { short: string; long: string }> = {
  'high-performance': { short: 'Perf.', long: 'holdout score of the high performance profile' },
  'fast-inference': { short: 'Fast', long: 'holdout score of the fast inference profile' },
  'memory-efficient': { short: 'Mem.', long: 'holdout score of the memory efficient profile' },
  balanced: { short: 'Bal.', long: 'holdout score of the balanced profile' },
};

interface Column {
  key: RunSortKey;
  label: string;
  title?: string;
  num?: boolean;
}

const COLUMNS: Column[] = [
  { key: 'dataset', label: 'Dataset' },
  { key: 'target', label: 'Target' },
  { key: 'metric', label: 'Metric' },
  { key: 'bestScore', label: 'Best score', title: 'best cross-validated score; sorts best first (descending) or worst first, whichever way the metric goes (lower is better for RMSE, log loss)', num: true },
  ...PROFILE_NAMES.map((p): Column => ({ key: `profile:${p}`, label: PROFILE_LABELS[p].short, title: PROFILE_LABELS[p].long, num: true })),
  { key: 'status', label: 'Status' },
  { key: 'duration', label: 'Duration', num: true },
  { key: 'startedAt', label: 'Started' },
];

export function RunsTable() {
  const query = useStudio((s) => s.runQuery);
  const page = useStudio((s) => s.runPage);
  const loading = useStudio((s) => s.runPageLoading);
  const selection = useStudio((s) => s.compareSelection);
  const clearCompare = useStudio((s) => s.clearCompare);
  const live = page?.rows.some((r) => !isFinalRunStatus(r.status)) ?? false;
  const now = useNow(live);

  useEffect(() => {
    void loadRunPage();
  }, []);

  const filtered = !!(query.search?.trim() || query.status?.length || query.task || query.metric || query.datasetId);
  const first = page && page.total > 0 ? page.offset + 1 : 0;
  const last = page ? page.offset + page.rows.length : 0;
  const canCompare = selection.length >= 2 && selection.length <= MAX_COMPARE;

  if (page && page.total === 0 && !filtered) {
    return (
      <EmptyState title="No runs yet" testId="runs-list">
        <p>
          Open a dataset, pick the column to predict and press <strong>Start run</strong>.
        </p>
      </EmptyState>
    );
  }

  return (
    <div className="runs-table" data-testid="runs-table">
      <div className="runs-toolbar" role="search">
        <input
          type="search"
          className="runs-search"
          placeholder="Search dataset, target or run id…"
          aria-label="Search runs by dataset, target or run id"
          value={query.search ?? ''}
          maxLength={200}
          onChange={(e) => setRunSearch(e.target.value)}
          data-testid="runs-search"
        />
        <select aria-label="Filter by status" value={query.status?.[0] ?? ''} onChange={(e) => updateRunQuery({ status: e.target.value ? [e.target.value as RunStatus] : undefined })} data-testid="runs-filter-status">
          <option value="">Any status</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <select aria-label="Filter by task" value={query.task ?? ''} onChange={(e) => updateRunQuery({ task: (e.target.value || undefined) as TaskKind | undefined })} data-testid="runs-filter-task">
          <option value="">Any task</option>
          {(page?.facets.tasks ?? []).map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <select aria-label="Filter by metric" value={query.metric ?? ''} onChange={(e) => updateRunQuery({ metric: e.target.value || undefined })} data-testid="runs-filter-metric">
          <option value="">Any metric</option>
          {(page?.facets.metrics ?? []).map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <select aria-label="Filter by dataset" value={query.datasetId ?? ''} onChange={(e) => updateRunQuery({ datasetId: e.target.value || undefined })} data-testid="runs-filter-dataset">
          <option value="">Any dataset</option>
          {(page?.facets.datasets ?? []).map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} ({d.runs})
            </option>
          ))}
        </select>
        {filtered && (
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => updateRunQuery({ ...DEFAULT_TABLE_QUERY, limit: query.limit, sort: query.sort, direction: query.direction, search: '', status: undefined, task: undefined, metric: undefined, datasetId: undefined })} data-testid="runs-clear-filters">
            Clear filters
          </button>
        )}
        <div className="runs-compare">
          {selection.length > 0 && (
            <button type="button" className="btn btn-sm btn-ghost" onClick={clearCompare} aria-label="Clear the runs picked for comparing">
              Clear ({selection.length})
            </button>
          )}
          <button
            type="button"
            className="btn btn-sm btn-primary"
            disabled={!canCompare}
            title={canCompare ? undefined : selection.length > MAX_COMPARE ? `Compare at most ${MAX_COMPARE} runs` : 'Tick two or more runs to compare them'}
            onClick={() => navigate({ name: 'compare', ids: selection })}
            data-testid="compare-button"
          >
            Compare{selection.length > 0 ? ` ${selection.length}` : ''} runs
          </button>
        </div>
      </div>

      <div className={`table-wrap runs-table-wrap ${loading ? 'is-loading' : ''}`} data-testid="runs-list" aria-busy={loading}>
        <table className="table table-click runs-grid">
          <thead>
            <tr>
              <th className="check-cell">
                <span className="sr-only">Compare</span>
              </th>
              {COLUMNS.map((c) => {
                const active = query.sort === c.key;
                return (
                  <th key={c.key} className={`${c.num ? 'num' : ''} ${c.key.startsWith('profile:') ? 'profile-col' : ''}`} aria-sort={active ? (query.direction === 'asc' ? 'ascending' : 'descending') : 'none'} title={c.title}>
                    <button type="button" className={`sort-button ${active ? 'is-sorted' : ''}`} onClick={() => sortRunsBy(c.key)} data-testid={`sort-${c.key}`}>
                      {c.label}
                      <span className="sort-arrow" aria-hidden="true">
                        {active ? (query.direction === 'asc' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {page === null ? (
              <tr>
                <td colSpan={COLUMNS.length + 1} className="muted">
                  Loading runs…
                </td>
              </tr>
            ) : page.rows.length === 0 ? (
              <tr>
                <td colSpan={COLUMNS.length + 1} className="runs-none" data-testid="runs-none">
                  No runs match these filters.
                </td>
              </tr>
            ) : (
              page.rows.map((r) => (
                <RunRowView key={r.id} run={r} now={live && !isFinalRunStatus(r.status) ? now : 0} picked={selection.includes(r.id)} />
              ))
            )}
          </tbody>
        </table>
      </div>

      <p className="runs-legend muted">
        Perf., Fast, Mem., Bal.: holdout scores of the exported profiles (high performance, fast inference, memory efficient, balanced). Click a header to sort; Enter opens the focused run, Space picks it for comparing.
      </p>

      <div className="runs-footer">
        <span className="muted" data-testid="runs-range" aria-live="polite">
          {page ? (page.total === 0 ? 'No runs' : `${first.toLocaleString('en-US')}–${last.toLocaleString('en-US')} of ${page.total.toLocaleString('en-US')} runs`) : ''}
          {loading && page ? ' · loading…' : ''}
        </span>
        <div className="pager">
          <label className="muted">
            Rows{' '}
            <select value={query.limit} onChange={(e) => updateRunQuery({ limit: Number(e.target.value) })} aria-label="Rows per page" data-testid="runs-page-size">
              {PAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn btn-sm" disabled={!page || query.offset === 0} onClick={() => updateRunQuery({ offset: 0 })} aria-label="First page">
            «
          </button>
          <button type="button" className="btn btn-sm" disabled={!page || query.offset === 0} onClick={() => updateRunQuery({ offset: Math.max(0, query.offset - query.limit) })} data-testid="runs-prev">
            ‹ Previous
          </button>
          <button type="button" className="btn btn-sm" disabled={!page || last >= page.total} onClick={() => updateRunQuery({ offset: query.offset + query.limit })} data-testid="runs-next">
            Next ›
          </button>
          <button
            type="button"
            className="btn btn-sm"
            disabled={!page || last >= page.total}
            onClick={() => page && updateRunQuery({ offset: Math.floor((page.total - 1) / query.limit) * query.limit })}
            aria-label="Last page"
          >
            »
          </button>
        </div>
      </div>
    </div>
  );
}

interface RowProps {
  run: RunRow;
  /** The time for a running run's duration (0 for finished runs, so they do not re-render each second). */
  now: number;
  picked: boolean;
}

const toggle = (id: string) => useStudio.getState().toggleCompare(id);

/** Enter opens the run, Space picks it for comparing (when the row itself has the focus). */
function rowKeys(e: KeyboardEvent<HTMLTableRowElement>, id: string): void {
  if (e.target !== e.currentTarget) return;
  if (e.key === 'Enter') {
    e.preventDefault();
    navigate({ name: 'run', id });
  } else if (e.key === ' ') {
    e.preventDefault();
    toggle(id);
  }
}

/** One row; memoised, so a progress event re-renders only the row it changes. */
const RunRowView = memo(function RunRowView({ run: r, now, picked }: RowProps) {
  return (
    <tr
      data-testid={`run-row-${r.id}`}
      data-status={r.status}
      className={picked ? 'is-picked' : undefined}
      tabIndex={0}
      aria-label={`${r.datasetName} → ${r.target}, ${r.status}. Enter opens the run, Space picks it for comparing.`}
      onClick={() => navigate({ name: 'run', id: r.id })}
      onKeyDown={(e) => rowKeys(e, r.id)}
    >
      <td className="check-cell" onClick={(e) => e.stopPropagation()}>
        <input type="checkbox" checked={picked} onChange={() => toggle(r.id)} aria-label={`Compare ${r.datasetName} → ${r.target}`} data-testid="compare-check" tabIndex={-1} />
      </td>
      <td className="cell-dataset">
        <a href={formatHash({ name: 'run', id: r.id })} className="strong" onClick={(e) => e.stopPropagation()} tabIndex={-1} title={r.datasetName}>
          {r.datasetName}
        </a>
      </td>
      <td className="cell-target" title={r.target}>
        {r.target}
      </td>
      <td>
        {r.metric ? (
          <>
            {r.metric}{' '}
            <span className="muted" title={r.greaterIsBetter ? 'higher is better' : 'lower is better'}>
              {r.greaterIsBetter ? '↑' : '↓'}
            </span>
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="num mono">{formatScore(r.bestScore)}</td>
      {PROFILE_NAMES.map((p) => (
        <td key={p} className="num mono profile-col" data-profile={p}>
          {formatScore(r.profileScores[p])}
        </td>
      ))}
      <td>
        <StatusBadge status={r.status} />
      </td>
      <td className="num">{formatDuration(runDurationMs(r, now))}</td>
      <td className="muted nowrap">{formatWhen(r.startedAt ?? r.createdAt)}</td>
    </tr>
  );
});
