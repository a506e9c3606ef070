import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/main/db/connection';
import { loadMigrations, migrate, MigrationError, migrationsDir } from '../../../src/main/db/migrate';
import { closeLater, tempDir } from './helpers';

/** A folder of migration files: name → SQL. */
function migrationFolder(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, sql] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), sql);
  return dir;
}

function freshDb(): Database {
  const db = openDatabase(path.join(tempDir(), 'm.sqlite'));
  closeLater(() => db.close());
  return db;
}

const sha256 = (text: string): string => crypto.createHash('sha256').update(text).digest('hex');
const tables = (db: Database): string[] =>
  db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
const userVersion = (db: Database): number => db.pragma('user_version', { simple: true }) as number;

const ONE = 'CREATE TABLE a (id INTEGER PRIMARY KEY);';
const TWO = 'CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id));';
const TEN = 'ALTER TABLE a ADD COLUMN label TEXT;';

describe('loadMigrations', () => {
  it('reads NNN_name.sql files sorted by number, with name and checksum, ignoring other files', () => {
    const dir = migrationFolder({ '002_second.sql': TWO, '001_first.sql': ONE, 'README.md': '# notes', '.gitattributes': '*.sql text' });
    const migrations = loadMigrations(dir);
    expect(migrations.map((m) => [m.version, m.name, m.file])).toEqual([
      [1, 'first', '001_first.sql'],
      [2, 'second', '002_second.sql'],
    ]);
    expect(migrations[0].sql).toBe(ONE);
    expect(migrations[1].checksum).toBe(sha256(TWO));
  });

  it('sorts by number, not by text', () => {
    const files: Record<string, string> = {};
    for (let v = 1; v <= 10; v++) files[`${v}_m${v}.sql`] = `CREATE TABLE t${v} (x);`;
    expect(loadMigrations(migrationFolder(files)).map((m) => m.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('refuses a gap in the numbers', () => {
    const dir = migrationFolder({ '001_first.sql': ONE, '003_third.sql': TEN });
    expect(() => loadMigrations(dir)).toThrow(MigrationError);
    expect(() => loadMigrations(dir)).toThrow(/number 2 is missing/);
  });

  it('refuses a set that does not start at 1', () => {
    expect(() => loadMigrations(migrationFolder({ '002_second.sql': TWO }))).toThrow(/number 1 is missing/);
  });

  it('refuses two migrations with the same number', () => {
    const dir = migrationFolder({ '001_first.sql': ONE, '002_b.sql': TWO, '002_c.sql': TEN });
    expect(() => loadMigrations(dir)).toThrow(/same number 2/);
  });

  it('refuses a .sql file that is not named NNN_name.sql', () => {
    const dir = migrationFolder({ '001_first.sql': ONE, 'second.sql': TWO });
    expect(() => loadMigrations(dir)).toThrow(/"second.sql".*not named NNN_name.sql/);
  });

  it('refuses an empty folder', () => {
    expect(() => loadMigrations(tempDir())).toThrow(/No migrations/);
  });

  it('finds the real migrations folder, starting with 001_initial.sql', () => {
    const dir = migrationsDir();
    expect(fs.existsSync(path.join(dir, '001_initial.sql'))).toBe(true);
    expect(loadMigrations(dir)[0]).toMatchObject({ version: 1, name: 'initial' });
  });
});

describe('migrate', () => {
  it('applies pending migrations in order and records their checksums and user_version', () => {
    const db = freshDb();
    const migrations = loadMigrations(migrationFolder({ '001_first.sql': ONE, '002_second.sql': TWO }));

    expect(migrate(db, migrations, () => '2026-03-01T00:00:00.000Z')).toEqual([1, 2]);

    expect(tables(db)).toEqual(expect.arrayContaining(['a', 'b', 'schema_migrations']));
    expect(db.prepare('SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version').all()).toEqual([
      { version: 1, name: 'first', checksum: sha256(ONE), applied_at: '2026-03-01T00:00:00.000Z' },
      { version: 2, name: 'second', checksum: sha256(TWO), applied_at: '2026-03-01T00:00:00.000Z' },
    ]);
    expect(userVersion(db)).toBe(2);
  });

  it('applies nothing the second time, and only the new migration after an upgrade', () => {
    const db = freshDb();
    const v1 = loadMigrations(migrationFolder({ '001_first.sql': ONE }));
    expect(migrate(db, v1)).toEqual([1]);
    expect(migrate(db, v1)).toEqual([]);

    const v2 = loadMigrations(migrationFolder({ '001_first.sql': ONE, '002_second.sql': TWO }));
    expect(migrate(db, v2)).toEqual([2]);
    expect(userVersion(db)).toBe(2);
    expect(tables(db)).toContain('b');
  });

  it('refuses a migration that was edited after it was applied', () => {
    const db = freshDb();
    migrate(db, loadMigrations(migrationFolder({ '001_first.sql': ONE })));

    const edited = loadMigrations(migrationFolder({ '001_first.sql': `${ONE}\n-- tweaked`, '002_second.sql': TWO }));
    expect(() => migrate(db, edited)).toThrow(MigrationError);
    expect(() => migrate(db, edited)).toThrow(/"001_first.sql" was changed after it was applied/);
    // Nothing after the edited migration was applied.
    expect(tables(db)).not.toContain('b');
    expect(userVersion(db)).toBe(1);
  });

  it('refuses a database that a newer app version migrated further', () => {
    const db = freshDb();
    migrate(db, loadMigrations(migrationFolder({ '001_first.sql': ONE, '002_second.sql': TWO })));

    const older = loadMigrations(migrationFolder({ '001_first.sql': ONE }));
    expect(() => migrate(db, older)).toThrow(/schema version 2.*only knows up to 1.*newer version/);
  });

  it('refuses a database whose user_version is newer even without migration records', () => {
    const db = freshDb();
    db.pragma('user_version = 7');
    expect(() => migrate(db, loadMigrations(migrationFolder({ '001_first.sql': ONE })))).toThrow(/schema version 7/);
  });

  it('rolls back a failing migration alone and reports which file failed', () => {
    const db = freshDb();
    const migrations = loadMigrations(
      migrationFolder({ '001_first.sql': ONE, '002_broken.sql': 'CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);' }),
    );
    expect(() => migrate(db, migrations)).toThrow(/"002_broken.sql" failed: .*no such table: nowhere/);
    expect(tables(db)).toContain('a');
    expect(tables(db)).not.toContain('half');
    expect(userVersion(db)).toBe(1);
    expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1]);
  });

  it('applies the real schema and enforces its constraints', () => {
    const db = freshDb();
    expect(migrate(db, loadMigrations(migrationsDir()))[0]).toBe(1);
    expect(tables(db)).toEqual(
      expect.arrayContaining(['datasets', 'columns', 'runs', 'phases', 'tasks', 'trials', 'metrics', 'events', 'artifacts', 'schema_migrations']),
    );
    expect(() =>
      db.prepare("INSERT INTO runs (id, dataset_id, target, settings_json, created_at) VALUES ('r', 'missing', 't', '{}', 'now')").run(),
    ).toThrow(/FOREIGN KEY/);
  });
});
