import type { DatasetDetail } from '../../../shared/domain';
import { formatBytes, formatNumber, percent } from '../../lib/format';

/** One line of facts about the whole table: size, memory, duplicates, missing cells, the suggested target. */
export function TableFacts({ dataset }: { dataset: DatasetDetail }) {
  const table = dataset.table ?? { rows: dataset.rows, columns: dataset.columns, memoryBytes: NaN, duplicateRows: 0 };
  const used = dataset.profile.filter((c) => !c.excluded).length;
  const missingCells = dataset.profile.reduce((n, c) => n + c.missing, 0);
  const cells = table.rows * table.columns;
  return (
    <div className="facts" data-testid="table-facts">
      <Fact label="Rows" value={formatNumber(table.rows)} hint={dataset.sample ? `sample of ${formatNumber(dataset.sample.of)}` : undefined} warn={!!dataset.sample} testId="fact-rows" />
      <Fact label="Columns" value={formatNumber(table.columns)} hint={dataset.profile.length > 0 ? `${formatNumber(used)} used in training` : undefined} testId="fact-columns" />
      <Fact label="In memory" value={formatBytes(table.memoryBytes)} testId="fact-memory" />
      <Fact
        label="Duplicate rows"
        value={formatNumber(table.duplicateRows)}
        hint={table.duplicateRows > 0 ? `${percent(table.duplicateRows, table.rows)} of rows` : 'none'}
        warn={table.duplicateRows > 0}
        testId="fact-duplicates"
      />
      <Fact label="Missing cells" value={missingCells > 0 && missingCells * 1000 < cells ? '< 0.1 %' : percent(missingCells, cells)} hint={`${formatNumber(missingCells)} of ${formatNumber(cells)}`} warn={missingCells > 0} testId="fact-missing" />
      <Fact
        label="Suggested target"
        value={dataset.suggestedTarget ?? 'none'}
        hint={dataset.suggestedTarget ? dataset.suggestedTargetReason : 'pick the column to predict'}
        wide
        testId="fact-target"
      />
    </div>
  );
}

function Fact({ label, value, hint, warn, wide, testId }: { label: string; value: string; hint?: string; warn?: boolean; wide?: boolean; testId: string }) {
  return (
    <div className={`fact ${wide ? 'fact-wide' : ''}`} data-testid={testId}>
      <span className="stat-label">{label}</span>
      <span className={`fact-value ${warn ? 'warn-text' : ''}`} title={value}>
        {value}
      </span>
      {hint && (
        <span className="stat-hint" title={hint}>
          {hint}
        </span>
      )}
    </div>
  );
}
