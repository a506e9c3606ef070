/**
 * Storage recovery against each way a database file gets damaged — cut short (at a third, at one
 * page), its header overwritten with garbage, garbage in the middle of its pages, emptied to
 * zero bytes, replaced by another kind of file — with a backup from the last clean close: each is
 * detected at start, moved aside, the backup restored with the data it held, and the user told
 * (the studio's notices and app:info). Real SQLite files; recovery.test.ts has the basic cases.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStudio } from '../../../src/main/app/composition';
import { BACKUP_FILE_NAME } from '../../../src/main/db/recovery';
import { DATABASE_FILE_NAME } from '../../../src/main/db/store';
import { tempDir } from '../../support/datasets';

type Damage = (file: string) => void;

const DAMAGES: [string, Damage][] = [
  ['truncated to a third', (f) => fs.truncateSync(f, Math.floor(fs.statSync(f).size / 3))],
  ['truncated to its first page', (f) => fs.truncateSync(f, 4096)],
  ['header overwritten with garbage', (f) => fs.writeFileSync(f, Buffer.alloc(100, 0xa5), { flag: 'r+' })],
  [
    'garbage over the middle pages',
    (f) => {
      const size = fs.statSync(f).size;
      const fd = fs.openSync(f, 'r+');
      // Deterministic noise over every page but the first.
      const noise = Buffer.alloc(size - 4096);
      for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919 + 13) & 0xff;
      fs.writeSync(fd, noise, 0, noise.length, 4096);
      fs.closeSync(fd);
    },
  ],
  ['emptied to zero bytes', (f) => fs.truncateSync(f, 0)],
  ['replaced by a text file', (f) => fs.writeFileSync(f, 'this is not a database\n'.repeat(500))],
];

describe('storage recovery from each kind of damage', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir('mlestar-damage-')));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Two datasets in the database, closed cleanly (so a backup exists), then one more unbacked. */
  async function prepare(): Promise<void> {
    const studio = createStudio({ dataDir: dir, host: 'cli' });
    for (const name of ['a.csv', 'b.csv']) {
      const rows = Array.from({ length: 400 }, (_, i) => `${i},${name}-${i % 7},${i % 2 ? 'yes' : 'no'}`);
      await studio.datasets.importText(name, ['x,group,label', ...rows].join('\n'));
    }
    await studio.close();
    expect(fs.existsSync(path.join(dir, BACKUP_FILE_NAME))).toBe(true);
  }

  it.each(DAMAGES)('%s: detected, the backup restored, the user told', async (_label, damage) => {
    await prepare();
    damage(path.join(dir, DATABASE_FILE_NAME));
    const studio = createStudio({ dataDir: dir, host: 'cli' });
    try {
      expect(studio.notices).toHaveLength(1);
      expect(studio.notices[0]).toMatch(/The database was damaged .*The backup from .* was restored; work since then is lost\. The damaged file was kept as .*damaged-/);
      expect(studio.info().notices).toEqual(studio.notices);
      expect(studio.datasets.list().map((d) => d.name).sort()).toEqual(['a.csv', 'b.csv']);
      expect(studio.store.runs.list()).toEqual([]);
    } finally {
      await studio.close();
    }
    expect(fs.readdirSync(dir).filter((f) => f.startsWith(`${DATABASE_FILE_NAME}.damaged-`)).length).toBeGreaterThan(0);
    // The restored database is healthy: the next start has nothing to say.
    const again = createStudio({ dataDir: dir, host: 'cli' });
    expect(again.notices).toEqual([]);
    await again.close();
  });
});
