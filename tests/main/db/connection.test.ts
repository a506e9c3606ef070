import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseCorruptError, openDatabase } from '../../../src/main/db/connection';
import { closeLater, tempDir } from './helpers';

describe('openDatabase', () => {
  it('creates parent folders and applies the connection pragmas', () => {
    const file = path.join(tempDir(), 'nested', 'deeper', 'app.sqlite');
    const db = openDatabase(file);
    closeLater(() => db.close());

    expect(fs.existsSync(file)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
  });

  it('enforces foreign keys', () => {
    const db = openDatabase(path.join(tempDir(), 'fk.sqlite'));
    closeLater(() => db.close());
    db.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (pid INTEGER REFERENCES parent (id))');
    expect(() => db.prepare('INSERT INTO child (pid) VALUES (42)').run()).toThrow(/FOREIGN KEY/);
  });

  it('reports a file that is not a database as DatabaseCorruptError naming the file', () => {
    const file = path.join(tempDir(), 'garbage.sqlite');
    fs.writeFileSync(file, Buffer.alloc(8192, 0x5a));

    let error: unknown;
    try {
      openDatabase(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DatabaseCorruptError);
    const corrupt = error as DatabaseCorruptError;
    expect(corrupt.file).toBe(path.resolve(file));
    expect(corrupt.message).toContain(path.resolve(file));
    expect(corrupt.message).toMatch(/move this file/);
  });

  it('detects damaged pages inside an otherwise valid database', () => {
    const file = path.join(tempDir(), 'damaged.sqlite');
    const setup = new BetterSqlite3(file);
    setup.pragma('journal_mode = DELETE');
    setup.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT); CREATE INDEX t_body ON t (body);');
    const insert = setup.prepare('INSERT INTO t (body) VALUES (?)');
    setup.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`row ${i} `.repeat(8));
    })();
    const pageSize = setup.pragma('page_size', { simple: true }) as number;
    const pages = setup.pragma('page_count', { simple: true }) as number;
    setup.close();
    expect(pages).toBeGreaterThan(10);

    // Scribble over a few pages in the middle (leaving the header page intact).
    const fd = fs.openSync(file, 'r+');
    for (const page of [3, Math.floor(pages / 2), pages - 2]) {
      fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, page * pageSize);
    }
    fs.closeSync(fd);

    expect(() => openDatabase(file)).toThrow(DatabaseCorruptError);
  });

  it('reports problems that quick_check lists (orphaned pages) without a SQLite error', () => {
    const file = path.join(tempDir(), 'orphans.sqlite');
    const setup = new BetterSqlite3(file);
    setup.pragma('journal_mode = DELETE');
    setup.exec('CREATE TABLE keep (v TEXT); CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT);');
    const insert = setup.prepare('INSERT INTO t (body) VALUES (?)');
    setup.transaction(() => {
      for (let i = 0; i < 500; i++) insert.run(`row ${i} `.repeat(8));
    })();
    setup.exec('DROP TABLE t');
    expect(setup.pragma('freelist_count', { simple: true })).toBeGreaterThan(0);
    setup.close();

    // Forget the free-list (header bytes 32..39): its pages become "never used".
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(8, 0), 0, 8, 32);
    fs.closeSync(fd);

    expect(() => openDatabase(file)).toThrow(/quick_check: Page \d+: never used/);
    expect(() => openDatabase(file)).toThrow(DatabaseCorruptError);
  });

  it('opens an existing healthy database again', () => {
    const file = path.join(tempDir(), 'again.sqlite');
    const first = openDatabase(file);
    first.exec('CREATE TABLE kept (v TEXT); INSERT INTO kept VALUES (\'hello\')');
    first.close();
    const second = openDatabase(file);
    closeLater(() => second.close());
    expect(second.prepare('SELECT v FROM kept').pluck().get()).toBe('hello');
  });
});
