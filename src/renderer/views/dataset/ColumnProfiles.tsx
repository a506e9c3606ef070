import { memo, useMemo, useState } from 'react';
import type { ColumnFlag, ColumnProfile, ColumnType } from '../../../shared/domain';
import { COLUMN_TYPES } from '../../../shared/domain';
import { isOverridden, updateColumn } from '../../actions/datasets';
import { histogramOption } from '../../charts/histogram';
import type { ChartTheme } from '../../charts/theme';
import { EChart } from '../../components/EChart';
import { useChartTheme } from '../../components/useChartTheme';
import { formatEpochDate, formatNumber, percent } from '../../lib/format';
import { useStudio } from '../../store';
import type { ColumnSaveState } from '../../store/slices/datasets';

/** Cards per page: with thousands of columns only one page of cards (and charts) exists at a time. */
export const COLUMNS_PER_PAGE = 24;

interface Props {
  datasetId: string;
  profile: ColumnProfile[];
  rows: number;
  target: string;
}

type Filter = 'all' | 'used' | 'excluded' | 'flagged';

const FLAG_TEXT: Record<ColumnFlag, { label: string; hint: string }> = {
  constant: { label: 'constant', hint: 'One value in every row: it tells a model nothing.' },
  'all-missing': { label: 'all missing', hint: 'No values at all.' },
  unique: { label: 'unique', hint: 'A different value in every row: an id, or free text.' },
};

const matches = (c: ColumnProfile, query: string, filter: Filter): boolean =>
  (query === '' || c.name.toLowerCase().includes(query)) &&
  (filter === 'all' || (filter === 'used' ? !c.excluded : filter === 'excluded' ? c.excluded : c.flags.length > 0));

export function ColumnProfiles({ datasetId, profile, rows, target }: Props) {
  const theme = useChartTheme();
  const saves = useStudio((s) => s.columnSaves);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [page, setPage] = useState(0);
  const q = query.trim().toLowerCase();
  const shown = useMemo(() => profile.filter((c) => matches(c, q, filter)), [profile, q, filter]);
  if (profile.length === 0) return <p className="muted pad">The profiler found no columns.</p>;

  const pages = Math.max(1, Math.ceil(shown.length / COLUMNS_PER_PAGE));
  const current = Math.min(page, pages - 1);
  const onPage = shown.slice(current * COLUMNS_PER_PAGE, (current + 1) * COLUMNS_PER_PAGE);
  const excluded = profile.filter((c) => c.excluded).length;
  const flagged = profile.filter((c) => c.flags.length > 0).length;

  return (
    <div className="profiles" data-testid="column-profiles">
      <div className="profiles-toolbar">
        <input
          type="text"
          placeholder={`Find among ${profile.length.toLocaleString('en-US')} columns…`}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setPage(0);
          }}
          aria-label="Find a column"
          data-testid="column-search"
        />
        <div className="segmented" role="group" aria-label="Show columns">
          {(
            [
              ['all', `All ${profile.length.toLocaleString('en-US')}`],
              ['used', `Used ${(profile.length - excluded).toLocaleString('en-US')}`],
              ['excluded', `Left out ${excluded.toLocaleString('en-US')}`],
              ['flagged', `Flagged ${flagged.toLocaleString('en-US')}`],
            ] as [Filter, string][]
          ).map(([f, label]) => (
            <button
              key={f}
              type="button"
              className={`btn btn-xs ${filter === f ? 'is-active' : ''}`}
              aria-pressed={filter === f}
              onClick={() => {
                setFilter(f);
                setPage(0);
              }}
            >
              {label}
            </button>
          ))}
        </div>
        {pages > 1 && <Pager page={current} pages={pages} total={shown.length} onPage={setPage} />}
      </div>
      {onPage.length === 0 ? (
        <p className="muted pad">No column matches.</p>
      ) : (
        <div className="profile-grid">
          {onPage.map((c) => (
            <ColumnCard key={c.index} datasetId={datasetId} column={c} rows={rows} isTarget={c.name === target} theme={theme} save={saves[`${datasetId}:${c.index}`]} />
          ))}
        </div>
      )}
      {pages > 1 && (
        <div className="profiles-toolbar profiles-bottom">
          <Pager page={current} pages={pages} total={shown.length} onPage={setPage} />
        </div>
      )}
    </div>
  );
}

function Pager({ page, pages, total, onPage }: { page: number; pages: number; total: number; onPage(p: number): void }) {
  const from = page * COLUMNS_PER_PAGE + 1;
  const to = Math.min(total, (page + 1) * COLUMNS_PER_PAGE);
  return (
    <div className="pager" data-testid="column-pager">
      <button type="button" className="btn btn-xs" onClick={() => onPage(page - 1)} disabled={page === 0} aria-label="Previous columns">
        ‹
      </button>
      <span className="muted">
        {from.toLocaleString('en-US')}–{to.toLocaleString('en-US')} of {total.toLocaleString('en-US')}
      </span>
      <button type="button" className="btn btn-xs" onClick={() => onPage(page + 1)} disabled={page >= pages - 1} aria-label="Next columns">
        ›
      </button>
    </div>
  );
}

interface CardProps {
  datasetId: string;
  column: ColumnProfile;
  rows: number;
  isTarget: boolean;
  theme: ChartTheme;
  save: ColumnSaveState | undefined;
}

/** "Left out: <reason>", without saying "left out" twice when the reason already does. */
export const excludedText = (reason: string | undefined): string =>
  !reason ? 'Left out' : /^left out/i.test(reason) ? reason.charAt(0).toUpperCase() + reason.slice(1) : `Left out: ${reason}`;

const SAVE_TEXT: Record<ColumnSaveState, string> = { saving: 'saving…', saved: 'saved', error: 'not saved' };

const ColumnCard = memo(function ColumnCard({ datasetId, column, rows, isTarget, theme, save }: CardProps) {
  const ordered = column.storage === 'numeric' || column.type === 'datetime' || column.type === 'text';
  const option = useMemo(() => histogramOption({ bins: column.histogram, storage: column.storage, ordered, theme }), [column.histogram, column.storage, ordered, theme]);
  // A different label in every row: a bar chart of its top values says nothing.
  const allDifferent = column.storage === 'categorical' && !ordered && column.flags.includes('unique');
  const overridden = isOverridden(column);
  const onType = (value: string) => void updateColumn(datasetId, column.index, { type: value === 'auto' ? null : (value as ColumnType) });
  const onUse = (use: boolean) => void updateColumn(datasetId, column.index, { excluded: !use });
  const classes = ['column-card', isTarget ? 'is-target' : '', column.excluded ? 'is-excluded' : ''].filter(Boolean).join(' ');

  return (
    <article className={classes} data-testid="column-card" data-column={column.name} data-type={column.type} data-excluded={column.excluded}>
      <header className="column-head">
        <h3 title={column.name}>{column.name}</h3>
        {isTarget && <span className="type-chip type-target">target</span>}
        <span
          className={`type-chip type-${column.type} ${overridden ? 'is-override' : ''}`}
          title={overridden ? `Set by you; inferred ${column.inferredType} (${column.typeReason})` : `Inferred: ${column.typeReason}`}
          data-testid="column-type"
        >
          {column.type}
        </span>
      </header>
      <p className="column-reason muted" title={column.typeReason}>
        {overridden ? (
          <>
            <span className="override-note">set by you</span> · inferred {column.inferredType}
          </>
        ) : (
          column.typeReason
        )}
      </p>
      {column.flags.length > 0 && (
        <div className="flag-chips">
          {column.flags.map((f) => (
            <span key={f} className="flag-chip" title={FLAG_TEXT[f]?.hint}>
              ⚠ {FLAG_TEXT[f]?.label ?? f}
            </span>
          ))}
        </div>
      )}
      {column.histogram.length > 0 && !allDifferent ? (
        <EChart option={option} height={48} ariaLabel={`${column.type === 'text' ? 'Lengths' : 'Distribution'} of ${column.name}`} />
      ) : (
        <div className="chart-placeholder" style={{ height: 48 }}>
          {allDifferent ? 'a different value in every row' : 'no histogram'}
        </div>
      )}
      <Stats column={column} rows={rows} showTop={!allDifferent} />
      <div className="column-controls">
        <select
          value={overridden ? column.type : 'auto'}
          onChange={(e) => onType(e.target.value)}
          aria-label={`Type of ${column.name}`}
          data-testid="column-type-select"
        >
          <option value="auto">auto (inferred: {column.inferredType})</option>
          {COLUMN_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <div className="column-use">
          <label className="check" title={column.excluded && column.excludedReason ? `Left out: ${column.excludedReason}` : undefined}>
            <input type="checkbox" checked={!column.excluded} onChange={(e) => onUse(e.target.checked)} data-testid="column-exclude" />
            Use in training
          </label>
          {save && (
            <span className={`save-note save-${save}`} data-testid="column-save" role="status">
              {SAVE_TEXT[save]}
            </span>
          )}
        </div>
        {column.excluded && (
          <p className="excluded-reason warn-text" data-testid="excluded-reason" title={column.excludedReason}>
            {excludedText(column.excludedReason)}
          </p>
        )}
      </div>
    </article>
  );
});

function Stats({ column, rows, showTop }: { column: ColumnProfile; rows: number; showTop: boolean }) {
  const isDate = column.type === 'datetime' && column.min !== null;
  const numeric = column.storage === 'numeric' || isDate;
  const show = (v: number | null) => (isDate ? formatEpochDate(v) : formatNumber(v));
  return (
    <dl className="stats">
      <div>
        <dt>missing</dt>
        <dd className={column.missing > 0 ? 'warn-text' : undefined} title={`${column.missing.toLocaleString('en-US')} rows`}>
          {percent(column.missing, rows)}
        </dd>
      </div>
      <div>
        <dt>distinct</dt>
        <dd>{formatNumber(column.distinct)}</dd>
      </div>
      {numeric ? (
        <>
          <div className={isDate ? 'stats-wide-row' : undefined}>
            <dt>{isDate ? 'from' : 'min'}</dt>
            <dd>{show(column.min)}</dd>
          </div>
          <div className={isDate ? 'stats-wide-row' : undefined}>
            <dt>{isDate ? 'to' : 'max'}</dt>
            <dd>{show(column.max)}</dd>
          </div>
          {!isDate && (
            <>
              <div>
                <dt>mean</dt>
                <dd>{formatNumber(column.mean)}</dd>
              </div>
              <div>
                <dt>std</dt>
                <dd>{formatNumber(column.std)}</dd>
              </div>
            </>
          )}
        </>
      ) : !showTop || column.top.length === 0 ? null : (
        <div className="stats-wide">
          <dt>most frequent</dt>
          <dd>
            <ul className="top-values">
              {column.top.slice(0, 3).map((t) => (
                <li key={t.value} title={`${t.value}: ${t.count.toLocaleString('en-US')} rows`}>
                  <span className="top-label">{t.value}</span>
                  <span className="muted">{percent(t.count, rows)}</span>
                </li>
              ))}
            </ul>
          </dd>
        </div>
      )}
    </dl>
  );
}
