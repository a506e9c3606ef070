/**
 * Opens the SQLite file with the settings the whole app relies on (DESIGN.md §5): WAL so that
 * readers never block the single writer, foreign keys so that deletes cascade, a busy timeout so
 * that two hosts sharing one data folder wait for each other instead of failing, and a
 * `quick_check` so that a damaged file is reported once, clearly, at start-up rather than as odd
 * errors in the middle of a run.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/** An open better-sqlite3 connection. */
export type Database = BetterSqlite3.Database;

/** The database file exists but SQLite cannot read it (not a database, or damaged pages). */
export class DatabaseCorruptError extends Error {
  constructor(
    /** Absolute path of the damaged file. */
    readonly file: string,
    /** What SQLite reported. */
    readonly details: string,
  ) {
    super(
      `The database file "${file}" is damaged and cannot be used (${details}). ` +
        'Close MLE-STAR Studio, move this file (and any "-wal" and "-shm" files beside it) out of the data folder, ' +
        'then start the app again to begin with an empty database; restore the file from a backup if you have one.',
    );
    this.name = 'DatabaseCorruptError';
  }
}

const isCorruptionCode = (code: unknown): boolean =>
  typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));

/** Runs `quick_check` and throws {@link DatabaseCorruptError} unless it answers `ok`. */
function checkIntegrity(db: Database, file: string): void {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  if (rows.length === 1 && rows[0].quick_check === 'ok') return;
  // SQLite may pack several problems into one row, one per line, under a "*** in database" heading.
  const problems = rows
    .flatMap((r) => r.quick_check.split('\n'))
    .map((m) => m.trim())
    .filter((m) => m !== '' && m !== 'ok' && !m.startsWith('***'));
  const shown = problems.slice(0, 3).join('; ') || 'no usable answer';
  const more = problems.length > 3 ? ` and ${problems.length - 3} more problem(s)` : '';
  throw new DatabaseCorruptError(file, `quick_check: ${shown}${more}`);
}

/**
 * Opens (creating it and its parent folders if needed) the SQLite database at `file`, with
 * `journal_mode = WAL`, `foreign_keys = ON`, `busy_timeout = 5000` and `synchronous = NORMAL`.
 *
 * @throws {DatabaseCorruptError} when the file is not a SQLite database or `quick_check` fails.
 */
export function openDatabase(file: string): Database {
  const inMemory = file === ':memory:';
  const resolved = inMemory ? file : path.resolve(file);
  if (!inMemory) fs.mkdirSync(path.dirname(resolved), { recursive: true });

  // The Electron host loads a build of better-sqlite3 made for Electron's ABI (scripts/start.mjs).
  const nativeBinding = process.env.MLESTAR_SQLITE_BINDING || undefined;
  const db = new BetterSqlite3(resolved, nativeBinding ? { nativeBinding } : {});
  try {
    // busy_timeout first: the checks below read the file and must wait for another writer.
    db.pragma('busy_timeout = 5000');
    checkIntegrity(db, resolved);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (err) {
    db.close();
    if (err instanceof DatabaseCorruptError) throw err;
    if (err instanceof Error && isCorruptionCode((err as { code?: unknown }).code)) {
      throw new DatabaseCorruptError(resolved, err.message);
    }
    throw err;
  }
}
