import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMetaLearner, fitMetaLearner, fitStackModel, type StackModel } from '../../../src/main/ml/ensemble/meta-learner';
import { createRng } from '../../../src/main/ml/rng';
import { modelCard, readProfile, writeProfileFolder, type ProfileDocument } from '../../../src/main/workflow/profile-writer';
import { complementaryMembers } from '../ml/ensemble/synthetic';

function profile(metaLearner: StackModel): ProfileDocument {
  return {
    format: 'mlestar.profile',
    version: 1,
    name: 'high-performance',
    reason: 'best held-out score',
    runId: 'run-1',
    createdAt: '2025-01-01T00:00:00.000Z',
    dataset: 'synthetic.csv',
    target: 'y',
    task: 'binary',
    classes: ['0', '1'],
    inputs: [{ name: 'a', kind: 'numeric' }],
    outputs: { label: 'label', probabilities: 'probabilities' },
    preprocessing: [],
    model: { kind: 'stacking', members: metaLearner.weights.map((weight) => ({ family: 'gbdt', params: {}, weight })), metaLearner },
    metrics: { name: 'roc_auc', greaterIsBetter: true, cv: 0.9, holdout: 0.9, holdoutCi95: [0.88, 0.92] },
    threshold: 0.5,
    runtime: { threads: 2, executionProvider: 'cpu', batchSize: 1024 },
    measured: { latencyMs: { p50: 0.1, p95: 0.2, p99: 0.3 }, throughputRowsPerSecond: 1e5, modelBytes: 1000, peakMemoryBytes: 1e6, onnxParityMaxDiff: 1e-7 },
  };
}

describe('profile and model card of a stacked solution', () => {
  const { y, members } = complementaryMembers('binary', 600, createRng(70));

  it('names the meta-learner in the model card: linear, MLP or trees', async () => {
    expect(modelCard(profile(fitMetaLearner(members, y)))).toMatch(/Stacking of 3 models \(log-linear-pool meta-learner, member weights -?\d\.\d{3}, /);
    expect(modelCard(profile(await fitStackModel('mlp', members, y, { rng: createRng(1) })))).toMatch(/Stacking of 3 models \(MLP meta-learner \(linear log-linear pool \+ 12 tanh hidden units\), linear-part member weights /);
    expect(modelCard(profile(await fitStackModel('trees', members, y, { rng: createRng(1) })))).toMatch(/Stacking of 3 models \(gradient-boosted tree meta-learner \(50 trees\), member importances \(share of split gain\) 0\.\d{3}, /);
  });

  it('writes the meta-learner into profile.json and reads it back to the same predictions', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlestar-profile-'));
    try {
      for (const kind of ['mlp', 'trees'] as const) {
        const stack = await fitStackModel(kind, members, y, { rng: createRng(2) });
        const folder = writeProfileFolder(dir, { ...profile(stack), name: kind }, new Uint8Array([1]), 'card');
        const read = readProfile(folder).model.metaLearner!;
        expect(read).toEqual(JSON.parse(JSON.stringify(stack)));
        expect(applyMetaLearner(read, members)).toEqual(applyMetaLearner(stack, members));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names a member fitted on a transformed target in the model card', () => {
    const stack = fitMetaLearner(members, y);
    const doc = profile(stack);
    const card = modelCard({ ...doc, model: { ...doc.model, members: doc.model.members.map((m, i) => (i === 1 ? { ...m, targetTransform: 'log1p' as const } : m)) } });
    expect(card).toMatch(/: gbdt \{\}; gbdt on log\(1 \+ target\) \{\}; gbdt \{\}/);
  });
});
