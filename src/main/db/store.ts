/**
 * The storage entry point: one SQLite file in the data folder, migrated to the newest schema,
 * wrapped as the repository {@link Store} the services use (DESIGN.md §3, §5).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../ports/repositories';
import { openDatabase, type Database } from './connection';
import { loadMigrations, migrate, migrationsDir } from './migrate';
import { createArtifactRepository } from './repositories/artifacts';
import { createDatasetRepository } from './repositories/datasets';
import { createEventRepository } from './repositories/events';
import { createMetricRepository } from './repositories/metrics';
import { createPhaseRepository } from './repositories/phases';
import { createRunRepository } from './repositories/runs';
import { createTaskRepository } from './repositories/tasks';
import { createTrialRepository } from './repositories/trials';

/** The database file's name inside the data folder. */
export const DATABASE_FILE_NAME = 'studio.sqlite';

export interface OpenStoreOptions {
  /** Where the `NNN_name.sql` files are; defaults to {@link migrationsDir}. */
  migrationsDir?: string;
}

/**
 * Wraps an open, migrated database as a {@link Store}. `transaction` nests (inner calls become
 * savepoints); `close` is safe to call twice.
 */
export function createStore(db: Database): Store {
  return {
    datasets: createDatasetRepository(db),
    runs: createRunRepository(db),
    phases: createPhaseRepository(db),
    tasks: createTaskRepository(db),
    trials: createTrialRepository(db),
    metrics: createMetricRepository(db),
    events: createEventRepository(db),
    artifacts: createArtifactRepository(db),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    backup: (file: string) => {
      const temp = `${file}.partial`;
      fs.rmSync(temp, { force: true });
      db.prepare('VACUUM INTO ?').run(temp);
      fs.renameSync(temp, file);
    },
    close: () => {
      if (!db.open) return;
      db.pragma('optimize');
      db.close();
    },
  };
}

/**
 * Opens (creating if needed) `studio.sqlite` in `dataDir`, applies pending migrations and returns
 * the {@link Store}.
 *
 * @throws {DatabaseCorruptError} when the file is damaged (see `connection.ts`).
 * @throws {MigrationError} when the database and the migrations disagree (see `migrate.ts`).
 */
export function openStore(dataDir: string, options: OpenStoreOptions = {}): Store {
  const db = openDatabase(path.join(dataDir, DATABASE_FILE_NAME));
  try {
    migrate(db, loadMigrations(options.migrationsDir ?? migrationsDir()));
    return createStore(db);
  } catch (err) {
    db.close();
    throw err;
  }
}
