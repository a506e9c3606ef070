/**
 * The CLI as people and benchmarks use it: a real child process through tsx, a real data folder.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, splitDatasetFiles, tempDir } from '../../support/datasets';

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main/hosts/cli/main.ts', ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('cli', () => {
  let dir: string;
  let dataDir: string;
  let files: { train: string; test: string };

  beforeAll(() => {
    dir = tempDir('mlestar-cli-');
    dataDir = path.join(dir, 'data');
    files = splitDatasetFiles('telco_churn.csv', dir);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs, writes report.json and a profile, lists the run, and predicts with the profile', () => {
    const out = path.join(dir, 'out');
    const run = cli(['run', files.train, '--target', 'churn', '--budget', '8', '--seed', '3', '--goal-latency-ms', '1000', '--out', out, '--data-dir', dataDir]);
    expect(run.stderr + run.stdout).toMatch(/succeeded/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/latency\s+goal ≤ 1000 ms p95.*met/);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8'));
    expect(report.metric).toBe('roc_auc');
    expect(report.targets.find((t: { target: string }) => t.target === 'latency').status).toBe('met');
    expect(fs.existsSync(path.join(out, 'high-performance', 'model.onnx'))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'high-performance', 'profile.json'), 'utf8')).inputs.length).toBe(19);

    const runs = cli(['runs', '--data-dir', dataDir]);
    expect(runs.code).toBe(0);
    expect(runs.stdout).toContain(report.runId);
    expect(runs.stdout).toContain('succeeded');
    const datasets = cli(['datasets', '--data-dir', dataDir]);
    expect(datasets.stdout).toContain('train-telco_churn.csv');

    const preds = path.join(dir, 'preds.csv');
    const predict = cli(['predict', '--model', path.join(out, 'high-performance'), '--input', files.test, '--output', preds]);
    expect(predict.code).toBe(0);
    const lines = fs.readFileSync(preds, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('prediction,proba:No,proba:Yes');
    expect(lines.length - 1).toBe(fs.readFileSync(files.test, 'utf8').trim().split('\n').length - 1);

    const lacking = path.join(dir, 'lacking.csv');
    fs.writeFileSync(lacking, 'tenure,churn\n1,No\n');
    const refused = cli(['predict', '--model', path.join(out, 'high-performance'), '--input', lacking, '--output', path.join(dir, 'x.csv')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/lacks the column\(s\) .*"female"/);
    expect(fs.existsSync(path.join(dir, 'x.csv'))).toBe(false);
  });

  it.each([
    ['an empty file', () => writeFile('empty.csv', ''), 'churn', /empty/i],
    ['a binary file', () => writeFile('image.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13])), 'churn', /not a CSV text file/],
    ['ragged rows', () => writeFile('ragged.csv', 'a,b,c\n1,2,3\n4,5\n'), 'c', /line 3/],
    ['an unknown target', () => files.train, 'no_such_column', /"no_such_column" is not in/],
    ['a single-valued target', () => writeFile('const.csv', 'x,k\n1,a\n2,a\n3,a\n'), 'k', /single value/],
  ])('refuses %s with a clear message and a non-zero exit', (_label, file, target, pattern) => {
    const before = cli(['runs', '--data-dir', dataDir]).stdout;
    const result = cli(['run', file(), '--target', target, '--budget', '5', '--data-dir', dataDir, '--out', path.join(dir, 'never')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(pattern);
    expect(cli(['runs', '--data-dir', dataDir]).stdout).toBe(before);
    expect(fs.existsSync(path.join(dir, 'never'))).toBe(false);
  });

  it('imports a file and prints its profile, sets column choices, and runs on the dataset id', () => {
    const file = writeFile('orders.csv', ['order_id,placed,region,qty,returned', ...Array.from({ length: 300 }, (_, i) => `${i + 1},2024-0${1 + (i % 9)}-15,${['n', 's', 'e'][i % 3]},${i % 7},${i % 3 === 0 ? 'yes' : 'no'}`)].join('\n'));
    const imported = cli(['import', file, '--data-dir', dataDir]);
    expect(imported.code).toBe(0);
    const id = /^dataset (\S+)/m.exec(imported.stdout)?.[1];
    expect(id).toBeDefined();
    expect(imported.stdout).toMatch(/300 rows × 5 columns, .* in memory, 0 duplicate rows/);
    expect(imported.stdout).toMatch(/suggested target: returned/);
    expect(imported.stdout).toMatch(/class balance: no 66\.7%, yes 33\.3%/);
    expect(imported.stdout).toMatch(/order_id\s+identifier .*left out: /);
    expect(imported.stdout).toMatch(/placed\s+datetime/);

    const set = cli(['columns', id!, '--type', 'qty=categorical', '--exclude', 'region', '--data-dir', dataDir]);
    expect(set.code).toBe(0);
    expect(set.stdout).toMatch(/qty\s+categorical \(inferred integer\)/);
    expect(set.stdout).toMatch(/region\s+categorical .*left out: left out by you/);
    const badType = cli(['columns', id!, '--type', 'qty=money', '--data-dir', dataDir]);
    expect(badType.code).toBe(2);
    expect(badType.stderr).toMatch(/Unknown type "money"/);

    const out = path.join(dir, 'out-by-id');
    const run = cli(['run', id!, '--target', 'returned', '--budget', '6', '--out', out, '--data-dir', dataDir]);
    expect(run.code).toBe(0);
    const inputs = JSON.parse(fs.readFileSync(path.join(out, 'high-performance', 'profile.json'), 'utf8')).inputs.map((i: { name: string }) => i.name);
    expect(inputs).toContain('placed.month');
    expect(inputs).not.toContain('region');
    expect(inputs).not.toContain('order_id');
  });

  it('explains its usage on a bad command line', () => {
    const result = cli(['run', files.train, '--data-dir', dataDir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('run needs --target COL');
    const badGoal = cli(['run', files.train, '--target', 'churn', '--goal-latency-ms', '0', '--data-dir', dataDir]);
    expect(badGoal.code).toBe(2);
    expect(badGoal.stderr).toContain('--goal-latency-ms must be a positive number (got "0")');
  });

  function writeFile(name: string, content: string | Buffer): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  }
});
