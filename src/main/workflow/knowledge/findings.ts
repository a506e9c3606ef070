/**
 * The search findings (markdown): what the profile found, the meta-features, which rules of the
 * knowledge base fired and why, and for each candidate (and each left-out portfolio entry) the
 * rules that chose, changed or removed it.
 */
import type { PreparedData } from '../run-state';
import type { MetaFeatures } from '../meta-features';
import { PORTFOLIO, type Provenance, type Retrieval } from './retrieve';

const pct = (x: number, digits = 1): string => `${(x * 100).toFixed(digits)}%`;

export function writeFindings(data: PreparedData, meta: MetaFeatures, retrieval: Retrieval): string {
  const lines = [
    `# Search findings`,
    ``,
    `- Data: **${data.fileName}**, ${meta.rows} rows, ${meta.features} feature columns (${meta.numeric} numeric, ${meta.categorical} categorical).`,
    `- Task: **${data.task}**${data.classes ? ` with ${data.classes.length} classes (${data.classes.slice(0, 8).join(', ')}${data.classes.length > 8 ? ', …' : ''})` : ''}; metric **${data.metric.name}** (${data.metric.greaterIsBetter ? 'higher' : 'lower'} is better).`,
    `- Missing cells: ${pct(meta.missingShare, 2)}; categorical levels in all: ${meta.categoricalLevels}.`,
  ];
  if (meta.imbalance !== null) lines.push(`- Class balance: the rarest class is ${pct(meta.imbalance)} of rows.`);
  if (data.droppedMissingTarget > 0) lines.push(`- ${data.droppedMissingTarget} rows without a target were dropped.`);
  lines.push(`- Holdout: ${data.holdout.length} rows kept aside (${data.task === 'regression' ? 'random' : 'stratified'}); ${data.folds}-fold cross-validation on ${data.train.length} rows.`);

  lines.push(``, `## Meta-features`, ``, `| meta-feature | value |`, `|---|---|`);
  const rows: [string, string][] = [
    ['task', meta.task],
    ['rows', String(meta.rows)],
    ['features', String(meta.features)],
    ['categoricalShare', pct(meta.categoricalShare)],
    ['maxCategoricalLevels', String(meta.maxCategoricalLevels)],
    ['highCardinalityColumns', String(meta.highCardinalityColumns)],
    ['missingShare', pct(meta.missingShare, 2)],
    ['imbalance', meta.imbalance === null ? 'n/a' : pct(meta.imbalance)],
    ['classes', meta.classes === null ? 'n/a' : String(meta.classes)],
    ['targetSkewness', meta.targetSkewness === null ? 'n/a' : meta.targetSkewness.toFixed(2)],
  ];
  for (const [k, v] of rows) lines.push(`| ${k} | ${v} |`);

  const fired = retrieval.rules.filter((r) => r.matched);
  lines.push(``, `## Knowledge-base rules that fired (${fired.length} of ${retrieval.rules.length})`, ``);
  if (fired.length === 0) lines.push(`None: the default portfolio as it is.`);
  for (const r of fired) lines.push(`- \`${r.rule.id}\` (${r.tests.join('; ') || 'always'}): ${r.rule.because}.`);

  lines.push(``, `## Candidates`, ``);
  retrieval.candidates.forEach((c, i) => {
    lines.push(`${i + 1}. \`${c.candidate.model}\` (${c.id}) ${JSON.stringify(c.candidate.params)}: ${c.candidate.reason}.`);
    lines.push(`   Chosen by: ${describeTrail(c.trail)}.`);
  });
  if (retrieval.removed.length > 0) {
    lines.push(``, `## Left out`, ``);
    for (const r of retrieval.removed) {
      const last = r.trail[r.trail.length - 1];
      lines.push(`- \`${r.family}\` (${r.id}): removed by rule \`${last.rule}\`: ${last.because}.`);
    }
  }
  return lines.join('\n');
}

function describeTrail(trail: readonly Provenance[]): string {
  return trail.map((p) => (p.rule === PORTFOLIO ? PORTFOLIO : `rule \`${p.rule}\` (${p.did}: ${p.because})`)).join('; ');
}
