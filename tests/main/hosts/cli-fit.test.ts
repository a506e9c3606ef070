/**
 * `cli fit`: one model with LightGBM-style params, the JSON line, the exported profile that
 * `predict` reads (gbdt and mlp), and clear failures for bad and unknown params.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, SHARED_DATASETS, tempDir } from '../../support/datasets';

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main/hosts/cli/main.ts', ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const CREDIT = path.join(SHARED_DATASETS, 'credit.csv');
const CREDIT_TEST = path.join(SHARED_DATASETS, 'splits', 'credit.test-rows.txt');
const hasData = fs.existsSync(CREDIT) && fs.existsSync(CREDIT_TEST);

describe.skipIf(!hasData)('cli fit', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('mlestar-cli-fit-');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('fits gbdt with LightGBM params, prints one JSON line, and predict reads the folder', () => {
    const out = path.join(dir, 'gbdt');
    const fit = cli(['fit', CREDIT, '--target', 'Status', '--model', 'gbdt', '--param', 'num_iterations=40', '--param', 'num_leaves=15', '--test-rows', CREDIT_TEST, '--out', out]);
    expect(fit.stderr).toBe('');
    expect(fit.code).toBe(0);
    const line = JSON.parse(fit.stdout.trim());
    expect(line.fitSeconds).toBeGreaterThan(0);
    expect(line.peakRssMB).toBeGreaterThan(0);
    expect(line.test.roc_auc).toBeGreaterThan(0.78);
    expect(line.onnx.parityMaxDiff).toBeLessThan(1e-5);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'profile.json'), 'utf8')).model.members[0].params.numLeaves).toBe(15);

    const input = path.join(dir, 'head.csv');
    fs.writeFileSync(input, fs.readFileSync(CREDIT, 'utf8').split('\n').slice(0, 11).join('\n') + '\n');
    const predict = cli(['predict', '--model', out, '--input', input, '--output', path.join(dir, 'p.csv')]);
    expect(predict.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'p.csv'), 'utf8').split('\n')[0]).toBe('prediction,proba:bad,proba:good');
  });

  it('fits an mlp (hidden_layers=32,16), writes its profile and model card, and predict reads the folder', () => {
    const out = path.join(dir, 'mlp');
    const fit = cli(['fit', CREDIT, '--target', 'Status', '--model', 'mlp', '--param', 'hidden_layers=32,16', '--param', 'learning_rate=0.003', '--test-rows', CREDIT_TEST, '--out', out]);
    expect(fit.stderr).toBe('');
    expect(fit.code).toBe(0);
    const line = JSON.parse(fit.stdout.trim());
    expect(line.model).toBe('mlp');
    expect(line.test.roc_auc).toBeGreaterThan(0.78);
    expect(line.onnx.parityMaxDiff).toBeLessThan(1e-5);
    const profile = JSON.parse(fs.readFileSync(path.join(out, 'profile.json'), 'utf8'));
    expect(profile.model.members[0]).toMatchObject({ family: 'mlp', params: { hiddenLayers: '32,16', learningRate: 0.003, activation: 'relu' } });
    expect(profile.preprocessing[0]).toMatch(/standardization/);
    expect(fs.readFileSync(path.join(out, 'model-card.md'), 'utf8')).toMatch(/mlp/);

    const input = path.join(dir, 'head-mlp.csv');
    fs.writeFileSync(input, fs.readFileSync(CREDIT, 'utf8').split('\n').slice(0, 11).join('\n') + '\n');
    const predict = cli(['predict', '--model', out, '--input', input, '--output', path.join(dir, 'p-mlp.csv')]);
    expect(predict.code).toBe(0);
    const lines = fs.readFileSync(path.join(dir, 'p-mlp.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('prediction,proba:bad,proba:good');
    expect(lines).toHaveLength(11);
  });

  it('refuses bad params (mlp, unknown names, bad words and values) with a plain message', () => {
    const mlp = cli(['fit', CREDIT, '--target', 'Status', '--model', 'mlp', '--param', 'hidden_layers=64,x', '--out', path.join(dir, 'mlp-bad')]);
    expect(mlp.code).toBe(1);
    expect(mlp.stderr).toMatch(/hiddenLayers must be comma-separated positive whole numbers/);
    const bad = cli(['fit', CREDIT, '--target', 'Status', '--model', 'random-forest', '--param', 'bogus=1']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Unknown parameter "bogus"/);
    const usage = cli(['fit', CREDIT, '--model', 'gbdt']);
    expect(usage.code).toBe(2);
    const badWord = cli(['fit', CREDIT, '--target', 'Status', '--model', 'linear', '--param', 'encoding=magic']);
    expect(badWord.code).toBe(1);
    expect(badWord.stderr).toMatch(/encoding takes one of one-hot, ordinal, target, frequency; got "magic"/);
    // Bad values of tree params too, as the user's input (no "Something went wrong").
    const badValue = cli(['fit', CREDIT, '--target', 'Status', '--model', 'gbdt', '--param', 'class_weight=heavy']);
    expect(badValue.code).toBe(1);
    expect(badValue.stderr.trim()).toBe('--param: Invalid parameter: class_weight must be one of none, balanced, sqrt-balanced, got heavy');
    for (const r of [mlp, bad, badWord, badValue]) expect(r.stderr).not.toMatch(/Something went wrong/);
  });

  it('fits a linear model with preprocessing options (median imputation, indicators, target encoding)', () => {
    const out = path.join(dir, 'linear-options');
    const params = ['imputation=median', 'missing_indicators=true', 'encoding=target', 'target_smoothing=5'].flatMap((p) => ['--param', p]);
    const fit = cli(['fit', CREDIT, '--target', 'Status', '--model', 'linear', ...params, '--test-rows', CREDIT_TEST, '--out', out]);
    expect(fit.code).toBe(0);
    const line = JSON.parse(fit.stdout.trim().split('\n').pop()!);
    expect(line.test.roc_auc).toBeGreaterThan(0.75);
    expect(line.onnx.parityMaxDiff).toBeLessThan(1e-5);
    const profile = JSON.parse(fs.readFileSync(path.join(out, 'profile.json'), 'utf8'));
    expect(JSON.stringify(profile.model.members[0].params)).toMatch(/"encoding":"target"/);
  });
});
