import { nonNegativeTargetSkewness } from '../../../../src/main/workflow/meta-features';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findKnowledgeDir, knowledgeBase, loadKnowledgeBase, retrieveCandidates, roundsFor, writeFindings, type KnowledgeBase } from '../../../../src/main/workflow/knowledge';
import type { MetaFeatures } from '../../../../src/main/workflow/meta-features';
import type { PreparedData } from '../../../../src/main/workflow/run-state';
import { SEARCH_SPACES } from '../../../../src/main/workflow/search-spaces';
import { metricForTask } from '../../../../src/main/ml/metrics';

const meta = (over: Partial<MetaFeatures> = {}): MetaFeatures => ({
  task: 'binary',
  rows: 7043,
  features: 19,
  numeric: 4,
  categorical: 15,
  categoricalShare: 15 / 19,
  categoricalLevels: 43,
  maxCategoricalLevels: 4,
  highCardinalityColumns: 0,
  missingShare: 0.0001,
  imbalance: 0.265,
  classes: 2,
  targetSkewness: null,
  ...over,
});

const ids = (kb: KnowledgeBase, m: MetaFeatures): string[] => retrieveCandidates(kb, m).candidates.map((c) => c.id);

describe('knowledge base', () => {
  const tmp: string[] = [];
  afterEach(() => {
    for (const dir of tmp.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A copy of the bundled knowledge folder with one file edited. */
  function edited(file: string, edit: (json: Record<string, unknown>) => void): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'knowledge-'));
    tmp.push(dir);
    fs.cpSync(findKnowledgeDir(), dir, { recursive: true });
    const json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
    edit(json);
    fs.writeFileSync(path.join(dir, file), JSON.stringify(json));
    return dir;
  }

  it('is found from source and loads the bundled files', () => {
    const kb = knowledgeBase();
    expect(kb.dir).toBe(path.resolve('resources/knowledge'));
    expect(kb.portfolio.length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(SEARCH_SPACES)).toContain('gbdt');
    expect(SEARCH_SPACES.gbdt.learningRate).toMatchObject({ kind: 'float', log: true });
  });

  it('keeps the default portfolio on telco_churn-sized data', () => {
    const got = retrieveCandidates(knowledgeBase(), meta());
    const byId = Object.fromEntries(got.candidates.map((c) => [c.id, c.candidate]));
    expect(got.candidates.map((c) => c.candidate.model).filter((m) => m !== 'mlp')).toEqual(['gbdt', 'gbdt', 'gbdt', 'linear', 'extra-trees', 'random-forest']);
    expect(byId.gbdt.params).toMatchObject({ learningRate: 0.1, numIterations: roundsFor(0.1), earlyStoppingRounds: 30, numThreads: 2 });
    expect(byId['gbdt-subsampled'].params).toMatchObject({ learningRate: 0.05, numIterations: roundsFor(0.05), numLeaves: 63, minDataInLeaf: 20 });
    expect(byId['gbdt-shallow'].params).toMatchObject({ learningRate: 0.05, numIterations: roundsFor(0.05), numLeaves: 4, earlyStoppingRounds: 50 });
    expect(byId.linear.params).toMatchObject({ epochs: 57, batchSize: 256 });
    expect(byId.linear.reason).toMatch(/mostly categorical/);
    expect(byId['extra-trees'].params).toMatchObject({ numIterations: 150 });
  });

  it('rules keyed on meta-features remove, set and move candidates', () => {
    const kb = knowledgeBase();
    expect(ids(kb, meta({ rows: 250_000 }))).toEqual(['gbdt', 'gbdt-subsampled', 'gbdt-shallow', 'linear']);
    const large = retrieveCandidates(kb, meta({ rows: 250_000 }));
    expect(large.candidates[3].candidate.params).toMatchObject({ batchSize: 2048, epochs: 8 });
    expect(large.removed.map((r) => `${r.id}:${r.trail.at(-1)?.rule}`)).toEqual(expect.arrayContaining(['extra-trees:many-rows', 'random-forest:over-20k-rows']));

    const medium = retrieveCandidates(kb, meta({ rows: 50_000 }));
    expect(medium.candidates.find((c) => c.id === 'extra-trees')?.candidate.params).toMatchObject({ numIterations: 80 });
    expect(medium.candidates.some((c) => c.id === 'random-forest')).toBe(false);

    const multiclass = retrieveCandidates(kb, meta({ task: 'multiclass', classes: 26 }));
    expect(multiclass.candidates.some((c) => c.id === 'gbdt-shallow')).toBe(false);
    expect(multiclass.removed.map((r) => `${r.id}:${r.trail.at(-1)?.rule}`)).toContain('gbdt-shallow:multiclass-no-shallow');

    const tiny = retrieveCandidates(kb, meta({ rows: 800 }));
    expect(tiny.candidates.find((c) => c.id === 'gbdt-subsampled')?.candidate.params).toMatchObject({ numLeaves: 15, minDataInLeaf: 5 });
    expect(tiny.candidates.find((c) => c.id === 'linear')?.candidate.params).toMatchObject({ l2: 0.001 });
    expect(tiny.candidates.find((c) => c.id === 'gbdt')?.trail.map((t) => t.rule)).toContain('very-few-rows');

    const highCard = retrieveCandidates(kb, meta({ maxCategoricalLevels: 900, highCardinalityColumns: 1 }));
    expect(highCard.candidates[1].id).toBe('linear');
    expect(highCard.candidates[1].candidate.params).toMatchObject({ encoding: 'target' });

    const regression = retrieveCandidates(kb, meta({ task: 'regression', imbalance: null, classes: null, missingShare: 0.3 }));
    expect(regression.rules.find((r) => r.rule.id === 'imbalanced-classes')?.matched).toBe(false);
    expect(regression.candidates.find((c) => c.id === 'linear')?.candidate.params).toMatchObject({ missingIndicators: true });
  });

  it('evaluates a rule on synthetic meta-features, with the tests spelled out', () => {
    const kb: KnowledgeBase = {
      ...knowledgeBase(),
      rules: [{ id: 'binary-and-wide', when: { task: ['binary'], features: { gte: 100 }, categoricalShare: { lt: 0.2 } }, because: 'wide numeric data', actions: [{ remove: ['random-forest'] }, { moveTo: 'linear', position: 1 }] }],
    };
    const narrow = retrieveCandidates(kb, meta({ features: 20, categoricalShare: 0.1 }));
    expect(narrow.rules[0]).toMatchObject({ matched: false });
    expect(narrow.rules[0].tests).toContain('features 20 not ≥ 100');
    const wide = retrieveCandidates(kb, meta({ features: 300, categoricalShare: 0.1 }));
    expect(wide.rules[0].matched).toBe(true);
    expect(wide.candidates[0].id).toBe('linear');
    expect(wide.candidates.some((c) => c.id === 'random-forest')).toBe(false);
    expect(retrieveCandidates(kb, meta({ task: 'multiclass', features: 300, categoricalShare: 0.1 })).rules[0].matched).toBe(false);
  });

  it('refuses a malformed file, naming the file and the field', () => {
    const badType = edited('rules.json', (j) => {
      ((j.rules as Record<string, unknown>[])[0].when as Record<string, unknown>).rows = { gt: 'many' };
    });
    expect(() => loadKnowledgeBase(badType)).toThrow(/rules\.json: rules\[0\]\.when\.rows\.gt: /);

    const badParam = edited('portfolio.json', (j) => {
      ((j.candidates as Record<string, unknown>[])[3].params as Record<string, unknown>).learningrate = 0.1;
    });
    expect(() => loadKnowledgeBase(badParam)).toThrow(/portfolio\.json: candidates\[3\]\.params\.learningrate: linear has no parameter "learningrate"/);

    const wrongType = edited('portfolio.json', (j) => {
      ((j.candidates as Record<string, unknown>[])[0].params as Record<string, unknown>).numLeaves = 'wide';
    });
    expect(() => loadKnowledgeBase(wrongType)).toThrow(/portfolio\.json: candidates\[0\]\.params\.numLeaves: gbdt's "numLeaves" is a number/);

    const badTarget = edited('rules.json', (j) => {
      (j.rules as Record<string, unknown>[])[0].actions = [{ set: 'lineer', params: {} }];
    });
    expect(() => loadKnowledgeBase(badTarget)).toThrow(/rules\.json: rules\[0\]\.actions\[0\]\.set: "lineer" is neither a portfolio id nor a family/);

    const badSpace = edited('families.json', (j) => {
      ((j.families as Record<string, { searchSpace: Record<string, unknown> }>).gbdt.searchSpace.learningRate as Record<string, unknown>).low = -1;
    });
    expect(() => loadKnowledgeBase(badSpace)).toThrow(/families\.json: families\.gbdt\.searchSpace: .*low > 0/);

    const unknownKey = edited('rules.json', (j) => {
      ((j.rules as Record<string, unknown>[])[1].when as Record<string, unknown>).rowz = { gt: 1 };
    });
    expect(() => loadKnowledgeBase(unknownKey)).toThrow(/rules\.json: rules\[1\]\.when/);

    const notJson = edited('families.json', () => undefined);
    fs.writeFileSync(path.join(notJson, 'families.json'), '{ "version": 1,');
    expect(() => loadKnowledgeBase(notJson)).toThrow(/families\.json: cannot be read as JSON/);
  });

  it('adds boosted trees on log(1 + y) for a skewed non-negative regression target, and not otherwise', () => {
    const kb = knowledgeBase();
    const skewed = retrieveCandidates(kb, meta({ task: 'regression', imbalance: null, classes: null, targetSkewness: 1.6 }));
    const log = skewed.candidates.find((c) => c.id === 'gbdt-log-target');
    expect(log?.candidate).toMatchObject({ model: 'gbdt', targetTransform: 'log1p' });
    expect(skewed.candidates.findIndex((c) => c.id === 'gbdt-log-target')).toBe(2);
    expect(log?.trail.map((t) => t.rule)).toEqual(['skewed-non-negative-target']);
    for (const targetSkewness of [0.4, null]) expect(ids(kb, meta({ task: 'regression', imbalance: null, classes: null, targetSkewness }))).not.toContain('gbdt-log-target');
    expect(ids(kb, meta({ targetSkewness: 3 }))).not.toContain('gbdt-log-target');
  });

  it('writes findings that name, for each candidate, the rules that chose it and the meta-features', () => {
    const data = { fileName: 'small.csv', task: 'binary', classes: ['no', 'yes'], metric: metricForTask('binary'), droppedMissingTarget: 0, holdout: new Int32Array(200), train: new Int32Array(800), folds: 5 } as unknown as PreparedData;
    const m = meta({ rows: 1000, maxCategoricalLevels: 120, highCardinalityColumns: 1 });
    const text = writeFindings(data, m, retrieveCandidates(knowledgeBase(), m));
    expect(text).toContain('## Meta-features');
    expect(text).toMatch(/\| maxCategoricalLevels \| 120 \|/);
    expect(text).toMatch(/`tiny-data` \(rows 1,000 < 3,000\)/);
    expect(text).toMatch(/`linear` \(linear\).*target encoding/);
    expect(text).toMatch(/Chosen by: default portfolio; rule `mostly-categorical`.*rule `high-cardinality-categoricals` \(set encoding = "target"/);
    expect(text).not.toContain('`over-20k-rows`');
  });
});

describe('target skewness meta-feature', () => {
  it('is the skewness of a non-negative regression target, and null otherwise', () => {
    expect(nonNegativeTargetSkewness('regression', Float64Array.of(1, 1, 1, 1, 20))).toBeGreaterThan(1);
    expect(Math.abs(nonNegativeTargetSkewness('regression', Float64Array.of(1, 2, 3, 4, 5)) ?? 9)).toBeLessThan(1e-12);
    expect(nonNegativeTargetSkewness('regression', Float64Array.of(1, -2, 3))).toBeNull();
    expect(nonNegativeTargetSkewness('binary', Float64Array.of(0, 1, 1))).toBeNull();
  });
});
