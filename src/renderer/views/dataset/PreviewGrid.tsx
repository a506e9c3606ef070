import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState, type UIEvent } from 'react';
import type { ColumnProfile, DatasetDetail } from '../../../shared/domain';
import { fetchRows } from '../../actions/datasets';
import { columnOffsets, columnWidth, columnWindow, rowWindow } from '../../lib/gridGeometry';
import { pageSizeFor, RowPager, type Cell } from '../../lib/rowPager';

const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 36;
/** Above this many columns only the ones in view (and a few around) are rendered. */
const VIRTUAL_COLUMNS_ABOVE = 50;

interface GridColumn {
  name: string;
  type: string;
  overridden: boolean;
  numeric: boolean;
  reason: string;
}

const gridColumns = (d: DatasetDetail): GridColumn[] =>
  d.profile.length > 0
    ? d.profile.map((c: ColumnProfile) => ({
        name: c.name,
        type: c.type,
        overridden: c.type !== c.inferredType,
        numeric: c.storage === 'numeric' && c.type !== 'datetime' && c.type !== 'boolean',
        reason: c.type !== c.inferredType ? `set by you (inferred ${c.inferredType}: ${c.typeReason})` : c.typeReason,
      }))
    : d.preview.columns.map((name) => ({ name, type: '', overridden: false, numeric: false, reason: '' }));

/** Asks for pages of rows as the view moves; re-renders when one arrives. */
function useRowPager(id: string, total: number, columns: number): RowPager | null {
  const [, arrived] = useReducer((n: number) => n + 1, 0);
  const [pager, setPager] = useState<RowPager | null>(null);
  useEffect(() => {
    const p = new RowPager({ total, pageSize: pageSizeFor(columns), fetch: (offset, limit) => fetchRows(id, offset, limit), onChange: arrived });
    setPager(p);
    return () => p.dispose();
  }, [id, total, columns]);
  return pager;
}

/**
 * The dataset's rows in a virtualized grid: only the rows (and, for wide tables, the columns) in
 * view are rendered, pages of rows are fetched as they scroll into view, and a table taller than
 * a browser allows is scrolled through a scaled scrollbar. Semantic table elements, laid out with
 * absolute positions.
 */
export function PreviewGrid({ dataset, target }: { dataset: DatasetDetail; target: string }) {
  const columns = useMemo(() => gridColumns(dataset), [dataset]);
  const total = dataset.rows;
  const pager = useRowPager(dataset.id, total, columns.length);
  const widths = useMemo(() => columns.map((c) => columnWidth(c.name, c.type)), [columns]);
  const offsets = useMemo(() => columnOffsets(widths), [widths]);
  const rownumWidth = Math.max(52, String(total).length * 8 + 24);
  const tableWidth = rownumWidth + offsets[offsets.length - 1];

  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, left: 0, height: 420, width: 900 });
  const frame = useRef(0);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setView((v) => ({ ...v, height: el.clientHeight, width: el.clientWidth }));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const onScroll = useCallback((e: UIEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => setView((v) => (v.top === el.scrollTop && v.left === el.scrollLeft ? v : { ...v, top: el.scrollTop, left: el.scrollLeft })));
  }, []);

  const rows = rowWindow(total, ROW_HEIGHT, view.height - HEADER_HEIGHT, view.top);
  const cols =
    columns.length > VIRTUAL_COLUMNS_ABOVE ? columnWindow(offsets, view.width - rownumWidth, view.left) : { first: 0, last: columns.length - 1 };

  useEffect(() => {
    pager?.setView(rows.firstVisible, rows.lastVisible);
  }, [pager, rows.firstVisible, rows.lastVisible]);

  if (columns.length === 0) return <p className="muted pad">No columns to preview.</p>;

  const shownColumns: number[] = [];
  for (let j = cols.first; j <= cols.last; j += 1) shownColumns.push(j);
  const shownRows: number[] = [];
  for (let i = rows.first; i <= rows.last; i += 1) shownRows.push(i);
  const failure = pager?.firstError();

  return (
    <div className="vgrid-wrap">
      <div className="vgrid" ref={scroller} onScroll={onScroll} data-testid="preview-grid" tabIndex={0} aria-label={`Rows of ${dataset.name}`}>
        <table
          className="vgrid-table"
          data-testid="preview-table"
          role="grid"
          aria-rowcount={total + 1}
          aria-colcount={columns.length + 1}
          style={{ width: tableWidth, height: HEADER_HEIGHT + rows.scrollHeight }}
        >
          <thead className="vgrid-head" style={{ width: tableWidth, height: HEADER_HEIGHT }}>
            <tr style={{ width: tableWidth, height: HEADER_HEIGHT }}>
              <th className="vgrid-rownum" style={{ width: rownumWidth }} scope="col">
                #
              </th>
              {shownColumns.map((j) => {
                const c = columns[j];
                return (
                  <th
                    key={j}
                    scope="col"
                    aria-colindex={j + 2}
                    className={c.name === target ? 'is-target' : undefined}
                    style={{ left: rownumWidth + offsets[j], width: widths[j] }}
                    title={c.type ? `${c.name} — ${c.type}${c.reason ? `: ${c.reason}` : ''}` : c.name}
                  >
                    <span className="vgrid-name">{c.name}</span>
                    {c.type && <span className={`type-chip type-${c.type} ${c.overridden ? 'is-override' : ''}`}>{c.type}</span>}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="vgrid-body" style={{ height: rows.scrollHeight }}>
            {shownRows.map((i) => {
              const cells = pager?.row(i);
              return (
                <tr
                  key={i}
                  data-testid="preview-row"
                  data-row={i + 1}
                  aria-rowindex={i + 2}
                  className={i % 2 === 1 ? 'odd' : undefined}
                  style={{ top: i * ROW_HEIGHT + rows.shift, height: ROW_HEIGHT, width: tableWidth }}
                >
                  <th scope="row" className="vgrid-rownum" style={{ width: rownumWidth }}>
                    {(i + 1).toLocaleString('en-US')}
                  </th>
                  {shownColumns.map((j) => (
                    <GridCell key={j} value={cells ? cells[j] : undefined} left={rownumWidth + offsets[j]} width={widths[j]} column={columns[j]} isTarget={columns[j].name === target} />
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="vgrid-foot muted">
        {total === 0 ? (
          'No rows.'
        ) : (
          <span data-testid="preview-range">
            Rows {(rows.firstVisible + 1).toLocaleString('en-US')}–{(rows.lastVisible + 1).toLocaleString('en-US')} of {total.toLocaleString('en-US')}
            {columns.length > VIRTUAL_COLUMNS_ABOVE ? ` · columns ${cols.first + 1}–${cols.last + 1} of ${columns.length.toLocaleString('en-US')}` : ''}
          </span>
        )}
        {failure && (
          <span className="error-text" data-testid="preview-error">
            {' '}
            · Rows from {(failure.page * (pager?.pageSize ?? 0) + 1).toLocaleString('en-US')} could not be read: {failure.message}{' '}
            <button type="button" className="btn btn-xs" onClick={() => pager?.retry()}>
              Retry
            </button>
          </span>
        )}
      </p>
    </div>
  );
}

function GridCell({ value, left, width, column, isTarget }: { value: Cell | undefined; left: number; width: number; column: GridColumn; isTarget: boolean }) {
  const className = [column.numeric ? 'num' : '', isTarget ? 'is-target' : ''].filter(Boolean).join(' ') || undefined;
  return (
    <td className={className} style={{ left, width }} title={value && value.length > 24 ? value : undefined}>
      {value === undefined ? <span className="cell-loading" aria-label="loading" /> : value === null || value === '' ? <span className="missing">—</span> : value}
    </td>
  );
}
