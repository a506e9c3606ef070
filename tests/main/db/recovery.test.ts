import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStudio } from '../../../src/main/app/composition';
import { BACKUP_FILE_NAME } from '../../../src/main/db/recovery';
import { DATABASE_FILE_NAME } from '../../../src/main/db/store';
import { tempDir } from '../../support/datasets';

describe('storage recovery', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const importSmall = async (name: string, rows: number): Promise<void> => {
    const studio = createStudio({ dataDir: dir, host: 'cli' });
    const text = ['x,y', ...Array.from({ length: rows }, (_, i) => `${i},${i % 2 ? 'a' : 'b'}`)].join('\n');
    await studio.datasets.importText(name, text);
    await studio.close();
  };

  it('backs the database up on a clean close', async () => {
    await importSmall('first.csv', 10);
    expect(fs.existsSync(path.join(dir, BACKUP_FILE_NAME))).toBe(true);
    const studio = createStudio({ dataDir: dir, host: 'cli' });
    expect(studio.notices).toEqual([]);
    await studio.close();
  });

  it('restores the backup when the database is damaged, keeps the damaged file and says so', async () => {
    await importSmall('first.csv', 10);
    const dbFile = path.join(dir, DATABASE_FILE_NAME);
    const size = fs.statSync(dbFile).size;
    fs.truncateSync(dbFile, Math.floor(size / 3));
    fs.writeFileSync(dbFile, Buffer.alloc(4096, 0x5a), { flag: 'r+' });

    const studio = createStudio({ dataDir: dir, host: 'cli' });
    expect(studio.notices).toHaveLength(1);
    expect(studio.notices[0]).toMatch(/damaged.*backup from .* was restored.*kept as .*damaged-/);
    expect(studio.datasets.list().map((d) => d.name)).toEqual(['first.csv']);
    expect(studio.info().notices).toEqual(studio.notices);
    await studio.close();
    expect(fs.readdirSync(dir).some((f) => f.startsWith(`${DATABASE_FILE_NAME}.damaged-`))).toBe(true);
  });

  it('starts a fresh database when there is no backup, and says the damaged file was kept', async () => {
    fs.writeFileSync(path.join(dir, DATABASE_FILE_NAME), Buffer.alloc(8192, 0x41));
    const studio = createStudio({ dataDir: dir, host: 'cli' });
    expect(studio.notices[0]).toMatch(/no usable backup.*new, empty database/);
    expect(studio.datasets.list()).toEqual([]);
    await studio.close();
  });
});
