import { useMemo } from 'react';
import type { ColumnProfile } from '../../../shared/domain';
import { histogramOption } from '../../charts/histogram';
import type { ChartTheme } from '../../charts/theme';
import { EChart } from '../../components/EChart';
import { useChartTheme } from '../../components/useChartTheme';
import { formatNumber, percent } from '../../lib/format';

interface Props {
  profile: ColumnProfile[];
  rows: number;
  target: string;
}

export function ColumnProfiles({ profile, rows, target }: Props) {
  const theme = useChartTheme();
  if (profile.length === 0) return <p className="muted pad">The profiler found no columns.</p>;
  return (
    <div className="profile-grid" data-testid="column-profiles">
      {profile.map((c) => (
        <ColumnCard key={c.name} column={c} rows={rows} isTarget={c.name === target} theme={theme} />
      ))}
    </div>
  );
}

function ColumnCard({ column, rows, isTarget, theme }: { column: ColumnProfile; rows: number; isTarget: boolean; theme: ChartTheme }) {
  const option = useMemo(() => histogramOption({ bins: column.histogram, type: column.type, theme }), [column, theme]);
  return (
    <article className={`column-card ${isTarget ? 'is-target' : ''}`} data-testid={`column-${column.name}`}>
      <header className="column-head">
        <h3 title={column.name}>{column.name}</h3>
        <span className={`type-chip type-${column.type}`}>{column.type}</span>
        {isTarget && <span className="type-chip type-target">target</span>}
      </header>
      {column.histogram.length > 0 ? (
        <EChart option={option} height={64} ariaLabel={`Distribution of ${column.name}`} />
      ) : (
        <div className="chart-placeholder" style={{ height: 64 }}>no histogram</div>
      )}
      <dl className="stats">
        <div>
          <dt>missing</dt>
          <dd className={column.missing > 0 ? 'warn-text' : undefined}>
            {formatNumber(column.missing)} <span className="muted">({percent(column.missing, rows)})</span>
          </dd>
        </div>
        <div>
          <dt>distinct</dt>
          <dd>{formatNumber(column.distinct)}</dd>
        </div>
        {column.type === 'numeric' ? (
          <>
            <div>
              <dt>min</dt>
              <dd>{formatNumber(column.min)}</dd>
            </div>
            <div>
              <dt>max</dt>
              <dd>{formatNumber(column.max)}</dd>
            </div>
            <div>
              <dt>mean</dt>
              <dd>{formatNumber(column.mean)}</dd>
            </div>
            <div>
              <dt>std</dt>
              <dd>{formatNumber(column.std)}</dd>
            </div>
          </>
        ) : (
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
                {column.top.length === 0 && <li className="muted">—</li>}
              </ul>
            </dd>
          </div>
        )}
      </dl>
    </article>
  );
}
