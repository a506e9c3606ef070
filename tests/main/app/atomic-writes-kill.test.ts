/**
 * An export killed midway leaves no half-written profile folder: a child process writes profile
 * folders (workflow/profile-writer.ts) and copies them out (app/atomic-copy.ts, as `cli run --out`
 * does) in a loop with a 24 MB model, and is SIGKILLed while a temporary folder exists. Every
 * folder under its final name must then be complete, and the start-up sweep must remove the
 * temporary ones.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFolderAtomically, writeFileAtomically } from '../../../src/main/app/atomic-copy';
import { removePartialFiles } from '../../../src/main/app/partial-files';
import { REPO_ROOT, tempDir } from '../../support/datasets';

const MODEL_BYTES = 24 * 1024 * 1024;
const FILES = ['model.onnx', 'profile.json', 'model-card.md'];

/** The child: writes profiles `p0, p1, …` under runs/r/profiles, and copies each to out/. */
const CHILD = `
const { writeProfileFolder } = require('./src/main/workflow/profile-writer.ts');
const { copyFolderAtomically } = require('./src/main/app/atomic-copy.ts');
const path = require('node:path');
const [dataDir, out] = process.argv.slice(-2);
const model = new Uint8Array(${MODEL_BYTES}).fill(7);
for (let i = 0; i < 1000; i++) {
  const dir = writeProfileFolder(path.join(dataDir, 'runs', 'r', 'profiles'), { name: 'p' + (i % 3), format: 'mlestar.profile' }, model, '# card');
  copyFolderAtomically(dir, out, 'p' + (i % 3));
}
`;

function complete(dir: string): boolean {
  return FILES.every((f) => fs.existsSync(path.join(dir, f))) && fs.statSync(path.join(dir, 'model.onnx')).size === MODEL_BYTES;
}

describe('atomic profile writes under SIGKILL', () => {
  let dir: string;
  beforeAll(() => (dir = tempDir('mlestar-atomic-')));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('leaves only complete folders under their final names, at each of 3 kill points', async () => {
    for (let k = 0; k < 3; k++) {
      const dataDir = path.join(dir, `data-${k}`);
      const out = path.join(dir, `out-${k}`);
      const profiles = path.join(dataDir, 'runs', 'r', 'profiles');
      const child = spawn(process.execPath, ['--import', 'tsx', '-e', CHILD, dataDir, out], { cwd: REPO_ROOT, stdio: 'ignore' });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // Kill once a temporary folder exists, in the data folder or in out/ by turns.
      const watch = k % 2 === 0 ? profiles : out;
      const until = Date.now() + 30_000;
      let seen = false;
      while (!seen && Date.now() < until) {
        seen = fs.existsSync(watch) && fs.readdirSync(watch).some((e) => e.startsWith('.') && fs.existsSync(path.join(watch, e, 'model.onnx')));
        if (!seen) await new Promise((r) => setTimeout(r, 2));
      }
      child.kill('SIGKILL');
      await exited;
      expect(seen, 'the child never wrote a temporary folder').toBe(true);
      for (const parent of [profiles, out]) {
        for (const entry of fs.existsSync(parent) ? fs.readdirSync(parent) : []) {
          if (!entry.startsWith('.')) expect(complete(path.join(parent, entry)), `${parent}/${entry} is half-written`).toBe(true);
        }
      }
      removePartialFiles(dataDir);
      expect(fs.readdirSync(profiles).filter((e) => e.startsWith('.'))).toEqual([]);
    }
  }, 60_000);

  it('removes its temporary folder when the copy fails, and replaces an older copy whole', () => {
    const out = path.join(dir, 'out-fail');
    expect(() => copyFolderAtomically(path.join(dir, 'no-such-folder'), out, 'p')).toThrow();
    expect(fs.readdirSync(out)).toEqual([]);
    const source = path.join(dir, 'source');
    fs.mkdirSync(source);
    fs.writeFileSync(path.join(source, 'new.txt'), 'new');
    fs.mkdirSync(path.join(out, 'p'));
    fs.writeFileSync(path.join(out, 'p', 'stale.txt'), 'old');
    copyFolderAtomically(source, out, 'p');
    expect(fs.readdirSync(path.join(out, 'p'))).toEqual(['new.txt']);
    writeFileAtomically(path.join(out, 'report.json'), '{}');
    expect(fs.readdirSync(out).sort()).toEqual(['p', 'report.json']);
  });
});
