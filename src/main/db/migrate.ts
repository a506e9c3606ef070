/**
 * Forward-only schema migrations (DESIGN.md §5).
 *
 * Migrations are the files `NNN_name.sql` in one folder, numbered 1, 2, 3… with no gaps; the
 * folder is the list (nothing to keep in sync by hand). Each applied migration is recorded in
 * `schema_migrations` with the SHA-256 of its file, and `PRAGMA user_version` follows the newest
 * one. We refuse to touch a database when
 * - an applied migration's file has changed since (edit a migration = a silent schema fork), or
 * - the database is newer than every migration we know (opened by an older app after an upgrade).
 *
 * Each migration runs in its own `BEGIN IMMEDIATE` transaction, and re-checks inside it whether
 * another process (the CLI and the desktop app share one data folder) applied it meanwhile.
 * Because of that transaction, a migration cannot switch `foreign_keys` off (SQLite ignores the
 * pragma inside a transaction); a table rebuild must keep the constraints valid as it goes.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from './connection';

/** One migration file, read and hashed. */
export interface Migration {
  /** 1, 2, 3… from the file name's number. */
  version: number;
  /** The part of the file name after the number, without `.sql` (e.g. `initial`). */
  name: string;
  /** The file name (e.g. `001_initial.sql`), for messages. */
  file: string;
  sql: string;
  /** SHA-256 of the file's bytes, lowercase hex. */
  checksum: string;
}

/** The migrations cannot be loaded, or the database and the migrations disagree. */
export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

const FILE_PATTERN = /^(\d+)_([A-Za-z0-9][A-Za-z0-9_-]*)\.sql$/;

/**
 * The folder holding the migration files: `migrations/` next to this module (source tree, tsx,
 * vitest, or the Electron bundle, which copies the folder beside itself), else the source folder
 * seen from the bundle's output directory.
 *
 * @throws {MigrationError} when none of the candidate folders exists.
 */
export function migrationsDir(): string {
  const candidates = [
    path.join(__dirname, 'migrations'),
    path.resolve(__dirname, '../../src/main/db/migrations'),
    path.resolve(__dirname, '../../../src/main/db/migrations'),
  ];
  const found = candidates.find((dir) => fs.existsSync(dir) && fs.statSync(dir).isDirectory());
  if (!found) throw new MigrationError(`The database migrations folder is missing; looked in: ${candidates.join(', ')}. Reinstall the app.`);
  return found;
}

/**
 * Reads every `NNN_name.sql` file of `dir`, sorted by number. Other files are ignored, except
 * `.sql` files whose names do not follow the pattern, which are refused so that a typo cannot
 * silently skip a migration.
 *
 * @throws {MigrationError} on a badly named `.sql` file, a duplicate number, a gap, or no migrations.
 */
export function loadMigrations(dir: string): Migration[] {
  const migrations: Migration[] = [];
  for (const file of fs.readdirSync(dir)) {
    if (!file.toLowerCase().endsWith('.sql')) continue;
    const match = FILE_PATTERN.exec(file);
    if (!match) throw new MigrationError(`Migration file "${file}" in ${dir} is not named NNN_name.sql.`);
    const bytes = fs.readFileSync(path.join(dir, file));
    migrations.push({
      version: Number(match[1]),
      name: match[2],
      file,
      sql: bytes.toString('utf8'),
      checksum: crypto.createHash('sha256').update(bytes).digest('hex'),
    });
  }
  if (migrations.length === 0) throw new MigrationError(`No migrations (NNN_name.sql) found in ${dir}.`);
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    const previous = migrations[i - 1];
    if (previous && previous.version === m.version) {
      throw new MigrationError(`Migrations "${previous.file}" and "${m.file}" have the same number ${m.version}.`);
    }
    if (m.version !== i + 1) {
      throw new MigrationError(`Migration number ${i + 1} is missing in ${dir} (found "${m.file}" next); migrations are numbered 1, 2, 3… without gaps.`);
    }
  });
  return migrations;
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  checksum TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

/** Throws unless every applied migration is known and unchanged, and none is newer than we know. */
function verifyApplied(db: Database, known: readonly Migration[], applied: readonly AppliedRow[]): void {
  const newestKnown = known.length;
  const userVersion = db.pragma('user_version', { simple: true }) as number;
  const newestApplied = Math.max(userVersion, ...applied.map((a) => a.version));
  if (newestApplied > newestKnown) {
    throw new MigrationError(
      `The database is at schema version ${newestApplied}, but this version of MLE-STAR Studio only knows up to ${newestKnown}: ` +
        'it was last opened by a newer version of the app. Install that newer version (or use another data folder).',
    );
  }
  for (const row of applied) {
    const migration = known[row.version - 1];
    if (!migration) throw new MigrationError(`The database records an unknown migration number ${row.version}.`);
    if (migration.checksum !== row.checksum) {
      throw new MigrationError(
        `Migration "${migration.file}" was changed after it was applied to this database (checksum ${row.checksum.slice(0, 12)}… recorded, ` +
          `${migration.checksum.slice(0, 12)}… now). Applied migrations must never be edited: restore the file and add a new migration instead.`,
      );
    }
  }
  const versions = new Set(applied.map((a) => a.version));
  for (let v = 1; v < newestApplied; v++) {
    if (!versions.has(v)) throw new MigrationError(`The database records migration ${newestApplied} but not ${v}; its schema history is inconsistent.`);
  }
}

/**
 * Brings `db` up to the newest of `migrations` (as returned by {@link loadMigrations}), applying
 * each pending one in its own transaction. `now` stamps `applied_at`.
 *
 * @returns the versions applied by this call, in order (empty when already up to date).
 * @throws {MigrationError} on an edited migration, a database newer than the migrations, or a
 *   migration whose SQL fails (that migration is rolled back; earlier ones stay applied).
 */
export function migrate(db: Database, migrations: readonly Migration[], now: () => string = () => new Date().toISOString()): number[] {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new MigrationError(`Migrations must be numbered 1, 2, 3… in order; got ${m.version} at position ${i + 1}.`);
  });
  db.exec(CREATE_TABLE);
  const readApplied = db.prepare<[], AppliedRow>('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  const appliedBefore = readApplied.all();
  verifyApplied(db, migrations, appliedBefore);
  const pending = migrations.filter((m) => !appliedBefore.some((a) => a.version === m.version));

  const appliedNow: number[] = [];
  for (const migration of pending) {
    const apply = db.transaction((): boolean => {
      // Re-read inside the write lock: another process may have migrated since we looked.
      const applied = readApplied.all();
      verifyApplied(db, migrations, applied);
      if (applied.some((a) => a.version === migration.version)) return false;
      try {
        db.exec(migration.sql);
      } catch (err) {
        throw new MigrationError(`Migration "${migration.file}" failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      record.run(migration.version, migration.name, migration.checksum, now());
      db.pragma(`user_version = ${migration.version}`);
      return true;
    });
    if (apply.immediate()) appliedNow.push(migration.version);
  }
  return appliedNow;
}
