/**
 * Start-up storage recovery (VS Code's storage recovery is the model): the database is backed up
 * after every clean close; a damaged database found at start is moved aside and the backup
 * restored — or, without a backup, a fresh database started — and the user is told exactly what
 * happened and where the damaged file was kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../ports/repositories';
import { DatabaseCorruptError } from './connection';
import { DATABASE_FILE_NAME, openStore } from './store';

export const BACKUP_FILE_NAME = `${DATABASE_FILE_NAME}.bak`;

export interface RecoveredStore {
  store: Store;
  /** Sentences for the user; empty when nothing happened. */
  notices: string[];
}

export function openStoreWithRecovery(dataDir: string): RecoveredStore {
  try {
    // SQLite takes a zero-byte file for a new database, which would start empty without a word;
    // with a backup beside it, the file was emptied (a failed copy, a full disk), not new.
    const dbFile = path.join(dataDir, DATABASE_FILE_NAME);
    if (fs.existsSync(dbFile) && fs.statSync(dbFile).size === 0 && fs.existsSync(path.join(dataDir, BACKUP_FILE_NAME))) {
      throw new DatabaseCorruptError(dbFile, 'the file is empty: 0 bytes');
    }
    return { store: openStore(dataDir), notices: [] };
  } catch (error) {
    if (!(error instanceof DatabaseCorruptError)) throw error;
    const dbFile = path.join(dataDir, DATABASE_FILE_NAME);
    const kept = `${dbFile}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (fs.existsSync(dbFile + suffix)) fs.renameSync(dbFile + suffix, kept + suffix);
    }
    const backup = path.join(dataDir, BACKUP_FILE_NAME);
    if (fs.existsSync(backup)) {
      fs.copyFileSync(backup, dbFile);
      const when = fs.statSync(backup).mtime.toISOString();
      try {
        return { store: openStore(dataDir), notices: [`The database was damaged (${error.message.split('\n')[0]}). The backup from ${when} was restored; work since then is lost. The damaged file was kept as ${kept}.`] };
      } catch {
        fs.rmSync(dbFile, { force: true });
      }
    }
    return { store: openStore(dataDir), notices: [`The database was damaged and no usable backup exists, so a new, empty database was started. The damaged file was kept as ${kept}.`] };
  }
}
