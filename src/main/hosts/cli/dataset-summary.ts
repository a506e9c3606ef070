/**
 * The text the CLI prints for an imported dataset: one line for the table, the suggested target
 * with its task, class balance and leakage suspects, then one line per column (type, why it is
 * left out, flags, missing and distinct counts).
 */
import type { ColumnProfile, DatasetDetail } from '../../../shared/domain';
import { formatBytes } from '../../ml/io/messages';

/** Lines describing `d`, for a terminal. */
export function datasetSummaryLines(d: DatasetDetail): string[] {
  const lines = [
    `dataset ${d.id}  ${d.name}  ${d.rows.toLocaleString('en-US')} rows × ${d.columns} columns, ${formatBytes(d.table.memoryBytes)} in memory, ${d.table.duplicateRows.toLocaleString('en-US')} duplicate rows`,
    `suggested target: ${d.suggestedTarget ?? '(none)'} — ${d.suggestedTargetReason}`,
  ];
  if (d.sample) lines.splice(1, 0, `random sample: ${d.sample.rows.toLocaleString('en-US')} of the file's ${d.sample.of.toLocaleString('en-US')} rows (seed ${d.sample.seed})`);
  const t = d.targetAnalysis;
  if (t) {
    lines.push(`task: ${t.task} — ${t.taskReason}`);
    if (t.classBalance.length > 0) {
      const total = t.classBalance.reduce((s, c) => s + c.count, 0);
      const shown = t.classBalance.slice(0, 8).map((c) => `${c.label} ${((100 * c.count) / total).toFixed(1)}%`);
      lines.push(`class balance: ${shown.join(', ')}${t.classBalance.length > 8 ? `, … (${t.classBalance.length} classes)` : ''}`);
    }
    for (const s of t.leakageSuspects) lines.push(`leakage suspect: ${s.reason}`);
  }
  for (const note of d.notes ?? []) lines.push(`note: ${note}`);
  const width = Math.min(28, Math.max(8, ...d.profile.map((c) => c.name.length)));
  for (const c of d.profile) lines.push(`  ${columnLine(c, width)}`);
  return lines;
}

function columnLine(c: ColumnProfile, width: number): string {
  const type = c.type === c.inferredType ? c.type : `${c.type} (inferred ${c.inferredType})`;
  const use = c.excluded ? `left out: ${c.excludedReason ?? 'by you'}` : '';
  const flags = c.flags.length > 0 ? `[${c.flags.join(', ')}]` : '';
  const name = c.name.length > width ? `${c.name.slice(0, width - 1)}…` : c.name.padEnd(width);
  return [name, type.padEnd(12), `missing ${String(c.missing).padStart(7)}`, `distinct ${String(c.distinct).padStart(7)}`, flags, use].filter(Boolean).join('  ');
}
