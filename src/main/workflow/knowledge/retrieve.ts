/**
 * Retrieval: the search agent's candidates are the default portfolio with every rule whose
 * condition the dataset's meta-features meet applied in file order. Each candidate keeps the
 * trail of what chose or changed it, and each left-out entry the rule that removed it, so the
 * findings can say why.
 */
import type { Candidate } from '../run-state';
import type { MetaFeatures } from '../meta-features';
import { deriveParams, FAMILY_DEFAULTS } from './families';
import type { KnowledgeBase } from './load';
import { NUMERIC_META_FEATURES, type Comparison, type Condition, type FamilyName, type ParamValueSpec, type PortfolioEntry, type Rule } from './schema';

/** One step in a candidate's trail: the portfolio, or a rule (with why it exists and what it did). */
export interface Provenance {
  rule: string;
  because: string;
  did: string;
}

export interface RetrievedCandidate {
  id: string;
  candidate: Candidate;
  trail: Provenance[];
}

export interface RuleMatch {
  rule: Rule;
  matched: boolean;
  /** The tested meta-features with their values, e.g. "rows 7,043 > 20,000". */
  tests: string[];
}

export interface Retrieval {
  candidates: RetrievedCandidate[];
  removed: { id: string; family: FamilyName; trail: Provenance[] }[];
  rules: RuleMatch[];
}

export const PORTFOLIO = 'default portfolio';

interface Working {
  entry: PortfolioEntry;
  params: Record<string, ParamValueSpec>;
  reason: string;
  trail: Provenance[];
}

/** Evaluates the rules on `meta` and returns the candidates, in order. */
export function retrieveCandidates(kb: KnowledgeBase, meta: MetaFeatures): Retrieval {
  let list: Working[] = kb.portfolio.map((entry) => ({ entry, params: { ...entry.params }, reason: entry.reason, trail: [{ rule: PORTFOLIO, because: 'a starting configuration of the built-in portfolio', did: 'proposed' }] }));
  const removed: Retrieval['removed'] = [];
  const matches: RuleMatch[] = [];
  // A target names a candidate by id when one has that id, else every candidate of that family.
  const selects = (w: Working, target: string): boolean => (list.some((x) => x.entry.id === target) ? w.entry.id === target : w.entry.family === target);

  for (const rule of kb.rules) {
    const { matched, tests } = evaluateCondition(rule.when, meta);
    matches.push({ rule, matched, tests });
    if (!matched) continue;
    const step = (did: string): Provenance => ({ rule: rule.id, because: rule.because, did });
    for (const action of rule.actions) {
      if ('remove' in action) {
        const [gone, kept] = partition(list, (w) => action.remove.some((t) => selects(w, t)));
        for (const w of gone) removed.push({ id: w.entry.id, family: w.entry.family, trail: [...w.trail, step('removed')] });
        list = kept;
      } else if ('add' in action) {
        if (list.some((w) => w.entry.id === action.add.id)) continue;
        const w: Working = { entry: action.add, params: { ...action.add.params }, reason: action.add.reason, trail: [step('added')] };
        list.splice(Math.min(list.length, (action.position ?? list.length + 1) - 1), 0, w);
      } else if ('set' in action) {
        for (const w of list.filter((x) => selects(x, action.set))) {
          Object.assign(w.params, action.params);
          if (action.reason) w.reason = action.reason;
          const changes = Object.entries(action.params).map(([k, v]) => `${k} = ${describeValue(v)}`);
          w.trail.push(step(changes.length ? `set ${changes.join(', ')}` : 'explained'));
        }
      } else {
        const i = list.findIndex((x) => selects(x, action.moveTo));
        if (i < 0) continue;
        const [w] = list.splice(i, 1);
        list.splice(Math.min(list.length, action.position - 1), 0, w);
        w.trail.push(step(`moved to position ${action.position}`));
      }
    }
  }
  return {
    candidates: list.map((w) => ({ id: w.entry.id, candidate: materialize(w, meta), trail: w.trail })),
    removed,
    rules: matches,
  };
}

function materialize(w: Working, meta: MetaFeatures): Candidate {
  const family = w.entry.family;
  const params: Record<string, number | string | boolean> = { ...FAMILY_DEFAULTS[family] };
  for (const [k, v] of Object.entries(w.params)) params[k] = resolveValue(v, meta);
  deriveParams(family, params, new Set(Object.keys(w.params)));
  const transform = meta.task === 'regression' && meta.targetSkewness !== null ? w.entry.targetTransform : undefined;
  return { model: family, params, reason: w.reason, ...(transform ? { targetTransform: transform } : {}) } as unknown as Candidate;
}

function resolveValue(v: ParamValueSpec, meta: MetaFeatures): number | string | boolean {
  if (typeof v !== 'object') return v;
  return Math.max(v.min, Math.min(v.max, Math.round(v.perRows / Math.max(1, meta.rows))));
}

function describeValue(v: ParamValueSpec): string {
  return typeof v === 'object' ? `${v.perRows} / rows in [${v.min}, ${v.max}]` : JSON.stringify(v);
}

const fmt = (v: number): string => (Number.isInteger(v) ? v.toLocaleString('en-US') : String(Number(v.toPrecision(4))));

/** Whether every test of `when` holds for `meta` (a missing meta-feature, like imbalance on regression, fails), with the tests spelled out. */
export function evaluateCondition(when: Condition, meta: MetaFeatures): { matched: boolean; tests: string[] } {
  let matched = true;
  const tests: string[] = [];
  if (when.task) {
    const ok = when.task.includes(meta.task);
    matched &&= ok;
    tests.push(`task ${meta.task} ${ok ? 'in' : 'not in'} [${when.task.join(', ')}]`);
  }
  for (const name of NUMERIC_META_FEATURES) {
    const cmp = when[name] as Comparison | undefined;
    if (!cmp) continue;
    const value = meta[name];
    for (const [op, bound] of Object.entries(cmp) as [keyof Comparison, number][]) {
      const ok = value !== null && compare(value, op, bound);
      matched &&= ok;
      tests.push(`${name} ${value === null ? 'n/a' : fmt(value)} ${ok ? SYMBOL[op] : `not ${SYMBOL[op]}`} ${fmt(bound)}`);
    }
  }
  return { matched, tests };
}

const SYMBOL: Record<keyof Comparison, string> = { gt: '>', gte: '≥', lt: '<', lte: '≤' };

function compare(value: number, op: keyof Comparison, bound: number): boolean {
  switch (op) {
    case 'gt':
      return value > bound;
    case 'gte':
      return value >= bound;
    case 'lt':
      return value < bound;
    case 'lte':
      return value <= bound;
  }
}

function partition<T>(xs: T[], pick: (x: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const x of xs) (pick(x) ? yes : no).push(x);
  return [yes, no];
}
