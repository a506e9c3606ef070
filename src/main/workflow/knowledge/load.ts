/**
 * Loads the knowledge base from `resources/knowledge/` and checks it: the zod schema first, then
 * what a schema cannot see (parameter names and types per family, search spaces, rule targets).
 * Every error names the file and the field, e.g.
 * `rules.json: rules[2].actions[0].set: "lineer" is neither a portfolio id nor a family`.
 *
 * The folder is found from source (tsx, vitest), from the electron-vite bundle (out/main, where
 * electron.vite.config.ts copies it to out/main/knowledge) and from a packaged app; the
 * MLESTAR_KNOWLEDGE_DIR environment variable overrides it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { validateSpace, type SearchSpace } from '../../ml/search/space';
import { knownParams, paramType } from './families';
import { FAMILY_NAMES, familiesFile, portfolioFile, rulesFile, type FamilyName, type ParamValueSpec, type PortfolioEntry, type Rule } from './schema';

export interface KnowledgeBase {
  /** The folder it was read from. */
  dir: string;
  families: Record<FamilyName, { summary: string; searchSpace: SearchSpace }>;
  portfolio: PortfolioEntry[];
  rules: Rule[];
}

export class KnowledgeError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`Knowledge base ${file}: ${field ? `${field}: ` : ''}${detail}`);
    this.name = 'KnowledgeError';
  }
}

const FILES = { families: 'families.json', portfolio: 'portfolio.json', rules: 'rules.json' } as const;

/** Where the knowledge folder may be, most specific first. */
export function knowledgeDirCandidates(): string[] {
  const out: string[] = [];
  if (process.env.MLESTAR_KNOWLEDGE_DIR) out.push(process.env.MLESTAR_KNOWLEDGE_DIR);
  // Bundle: out/main/knowledge beside index.js (code may sit in out/main/chunks).
  out.push(path.join(__dirname, 'knowledge'), path.join(path.dirname(__dirname), 'knowledge'));
  // Packaged Electron app: extraResources.
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) out.push(path.join(resourcesPath, 'knowledge'), path.join(resourcesPath, 'resources', 'knowledge'));
  // Source (src/main/workflow/knowledge) or bundle (out/main): the repository's resources/.
  for (let dir = __dirname, i = 0; i < 6; i++, dir = path.dirname(dir)) out.push(path.join(dir, 'resources', 'knowledge'));
  out.push(path.resolve(process.cwd(), 'resources', 'knowledge'));
  return out;
}

export function findKnowledgeDir(): string {
  const candidates = knowledgeDirCandidates();
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, FILES.rules)));
  if (!found) throw new Error(`Cannot find the knowledge base (resources/knowledge/${FILES.rules}); looked in: ${candidates.join(', ')}.`);
  return found;
}

let cached: KnowledgeBase | null = null;

/** The bundled knowledge base, read once. */
export function knowledgeBase(): KnowledgeBase {
  cached ??= loadKnowledgeBase(findKnowledgeDir());
  return cached;
}

/** Reads and checks the three files of `dir`; throws a {@link KnowledgeError} naming the file and field. */
export function loadKnowledgeBase(dir: string): KnowledgeBase {
  const families = parseFile(dir, FILES.families, familiesFile);
  const portfolio = parseFile(dir, FILES.portfolio, portfolioFile);
  const rules = parseFile(dir, FILES.rules, rulesFile);

  for (const name of FAMILY_NAMES) {
    const entry = families.families[name];
    if (!entry) throw new KnowledgeError(FILES.families, `families`, `family "${name}" is missing`);
    for (const [param, spec] of Object.entries(entry.searchSpace)) {
      const type = paramType(name, param);
      const field = `families.${name}.searchSpace.${param}`;
      if (!type) throw new KnowledgeError(FILES.families, field, `${name} has no parameter "${param}" (known: ${knownParams(name).join(', ')})`);
      if (spec.kind !== 'categorical' && type !== 'number') throw new KnowledgeError(FILES.families, field, `a ${spec.kind} range for a ${type} parameter`);
      if (spec.kind === 'categorical' && spec.choices.some((c) => typeof c !== type)) throw new KnowledgeError(FILES.families, `${field}.choices`, `every choice must be a ${type}`);
    }
    try {
      validateSpace(entry.searchSpace);
    } catch (error) {
      throw new KnowledgeError(FILES.families, `families.${name}.searchSpace`, (error as Error).message);
    }
  }

  const ids = new Set<string>();
  portfolio.candidates.forEach((c, i) => {
    if (ids.has(c.id)) throw new KnowledgeError(FILES.portfolio, `candidates[${i}].id`, `"${c.id}" is used twice`);
    ids.add(c.id);
    checkParams(FILES.portfolio, `candidates[${i}].params`, c.family, c.params);
  });

  const ruleIds = new Set<string>();
  rules.rules.forEach((r, i) => {
    if (ruleIds.has(r.id)) throw new KnowledgeError(FILES.rules, `rules[${i}].id`, `"${r.id}" is used twice`);
    ruleIds.add(r.id);
    r.actions.forEach((a, j) => {
      const field = `rules[${i}].actions[${j}]`;
      if ('add' in a) {
        checkParams(FILES.rules, `${field}.add.params`, a.add.family, a.add.params);
        ids.add(a.add.id);
      }
    });
  });
  // Targets may name ids added by any rule, so check them once every id is known.
  rules.rules.forEach((r, i) =>
    r.actions.forEach((a, j) => {
      const field = `rules[${i}].actions[${j}]`;
      const check = (name: string, key: string): void => {
        if (!ids.has(name) && !(FAMILY_NAMES as readonly string[]).includes(name)) throw new KnowledgeError(FILES.rules, `${field}.${key}`, `"${name}" is neither a portfolio id nor a family`);
      };
      if ('remove' in a) a.remove.forEach((name, k) => check(name, `remove[${k}]`));
      if ('moveTo' in a) check(a.moveTo, 'moveTo');
      if ('set' in a) {
        check(a.set, 'set');
        const fams = (FAMILY_NAMES as readonly string[]).includes(a.set) ? [a.set as FamilyName] : familiesOf(a.set, portfolio.candidates, rules.rules);
        for (const fam of fams) checkParams(FILES.rules, `${field}.params`, fam, a.params);
      }
    }),
  );

  return {
    dir,
    families: families.families as KnowledgeBase['families'],
    portfolio: portfolio.candidates,
    rules: rules.rules,
  };
}

function familiesOf(id: string, portfolio: readonly PortfolioEntry[], rules: readonly Rule[]): FamilyName[] {
  const out = new Set<FamilyName>();
  for (const c of portfolio) if (c.id === id) out.add(c.family);
  for (const r of rules) for (const a of r.actions) if ('add' in a && a.add.id === id) out.add(a.add.family);
  return [...out];
}

function checkParams(file: string, field: string, family: FamilyName, params: Record<string, ParamValueSpec>): void {
  for (const [name, value] of Object.entries(params)) {
    const type = paramType(family, name);
    if (!type) throw new KnowledgeError(file, `${field}.${name}`, `${family} has no parameter "${name}" (known: ${knownParams(family).join(', ')})`);
    const given = typeof value === 'object' ? 'number' : typeof value;
    if (given !== type) throw new KnowledgeError(file, `${field}.${name}`, `${family}'s "${name}" is a ${type}, got ${JSON.stringify(value)}`);
    if (typeof value === 'object' && value.min > value.max) throw new KnowledgeError(file, `${field}.${name}`, `min ${value.min} is above max ${value.max}`);
  }
}

function parseFile<T extends z.ZodType>(dir: string, name: string, schema: T): z.infer<T> {
  const file = path.join(dir, name);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new KnowledgeError(name, '', `cannot be read as JSON (${(error as Error).message}) at ${file}`);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new KnowledgeError(name, formatPath(issue.path), issue.message);
  }
  return result.data;
}

function formatPath(parts: readonly PropertyKey[]): string {
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}
