import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteSource } from '../../../electron/sources/sqlite/sqlite-source';
import { planWalOpen, sweepStaleWalCopies } from '../../../electron/sources/sqlite/wal-open';
import { findTable, severityOf } from '../../../shared/model/catalog';
import { compilePlan } from '../../../shared/query/plan';
import { listing, sha256, tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';
import { runCli } from './cli-run';

const { dir, cleanup } = tempDir('auditlens-hostile-wal-');
const data = path.join(dir, 'data');
/** A WAL store closed cleanly: no -wal, no -shm beside it. */
const cleanDir = path.join(dir, 'clean');
/** A WAL store whose writer died: 200 rows only in its -wal, no -shm. */
const crashedDir = path.join(dir, 'crashed');
/** A WAL store in a folder only root may write to (mode 555), read as an unprivileged user. */
const readOnlyDir = path.join(dir, 'read-only');
const isRoot = process.getuid?.() === 0;
const NOBODY = 65_534;

function makeWalStore(file: string, rowsInWal: number): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE events (id INTEGER PRIMARY KEY, kind TEXT)');
  const ins = db.prepare('INSERT INTO events (kind) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 1_000; i++) {
      ins.run(i % 3 === 0 ? 'start' : 'end');
    }
  })();
  if (rowsInWal === 0) {
    db.close();
    return;
  }
  // Rows that stay in the log: no automatic checkpoint, and the files are copied before the close
  // would checkpoint them, as a writer killed mid-run leaves them.
  db.pragma('wal_autocheckpoint = 0');
  db.transaction(() => {
    for (let i = 0; i < rowsInWal; i++) {
      ins.run('late');
    }
  })();
  const target = path.join(crashedDir, path.basename(file));
  fs.copyFileSync(file, target);
  fs.copyFileSync(`${file}-wal`, `${target}-wal`);
  db.close();
}

beforeAll(() => {
  for (const d of [cleanDir, crashedDir, readOnlyDir, data]) {
    fs.mkdirSync(d, { recursive: true });
  }
  fs.chmodSync(dir, 0o755);
  fs.chmodSync(data, 0o777);
  makeWalStore(path.join(cleanDir, 'audit.db'), 0);
  makeWalStore(path.join(dir, 'writer.db'), 200);
  makeWalStore(path.join(readOnlyDir, 'audit.db'), 0);
  fs.chmodSync(readOnlyDir, 0o555);
});
afterAll(() => {
  fs.chmodSync(readOnlyDir, 0o755);
  cleanup();
});

/** File names, sizes and SHA-256 of every file in a folder: what "nothing changed beside the store" means. */
function snapshot(folder: string): string[] {
  return listing(folder).map((n) => `${n} ${fs.statSync(path.join(folder, n)).size} ${sha256(path.join(folder, n))}`);
}

/** Opens, browses and counts the events table, exports it with the CLI, and returns the rows seen. */
async function openBrowseExport(store: string): Promise<{ pageRows: number; exported: string; problems: readonly string[]; severities: readonly string[] }> {
  const source = await SqliteSource.open(store, sqliteDeps);
  try {
    const cat = await source.catalog();
    const table = findTable(cat, { schema: null, name: 'events' });
    if (!table) {
      throw new Error('no events table');
    }
    const plan = compilePlan(table, { table: { schema: null, name: 'events' }, filters: [], sort: [] });
    const page = await source.page(plan, 0, 5_000);
    const out = path.join(data, `${path.basename(path.dirname(store))}.csv`);
    const r = runCli(data, ['export', store, '--table', 'events', '--out', out, '--no-provenance']);
    expect(r.stderr).toMatch(/^Wrote 1,[02]00 rows/);
    return { pageRows: page.rows.length, exported: fs.readFileSync(out, 'utf8'), problems: cat.problems.map((p) => p.message), severities: cat.problems.map(severityOf) };
  } finally {
    await source.close();
  }
}

describe('WAL stores are read without leaving files and from read-only folders', () => {
  it('H11-wal-no-files-left: open, browse and export of a cleanly closed WAL store leave its folder byte-identical', async () => {
    const before = snapshot(cleanDir);
    expect(before.map((l) => l.split(' ')[0])).toEqual(['audit.db']);
    const seen = await openBrowseExport(path.join(cleanDir, 'audit.db'));
    expect(seen.pageRows).toBe(1_000);
    expect(seen.exported.split('\n').length).toBe(1_002);
    expect(seen.problems.join('\n')).toMatch(/read from a private copy \(\d+ KiB, copied in \d+ ms\) so nothing is created beside it/);
    // Reading from a copy loses nothing: a notice for the info line, not a load problem.
    expect(seen.severities).toEqual(['notice']);
    expect(snapshot(cleanDir)).toEqual(before);
  });

  it('H11-wal-log-kept: a WAL store whose writer died is read with its -wal rows, and the store and -wal keep their bytes', async () => {
    const before = snapshot(crashedDir);
    expect(before.map((l) => l.split(' ')[0])).toEqual(['writer.db', 'writer.db-wal']);
    const seen = await openBrowseExport(path.join(crashedDir, 'writer.db'));
    // Ground truth: 1,000 rows in the store file and 200 only in the log.
    expect(seen.pageRows).toBe(1_200);
    expect(seen.exported.match(/,late\n/g)?.length).toBe(200);
    expect(seen.severities).toEqual(['notice']);
    expect(snapshot(crashedDir)).toEqual(before);
  });

  it.skipIf(!isRoot)('H11-wal-read-only-folder: a WAL store in a folder this user cannot write to opens and exports', () => {
    const store = path.join(readOnlyDir, 'audit.db');
    const before = snapshot(readOnlyDir);
    const asNobody = { uid: NOBODY, gid: NOBODY };
    const r = runCli(data, ['export', store, '--table', 'events', '--out', '-', '--no-provenance'], { user: asNobody, env: { HOME: data } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').length).toBe(1_002);
    expect(snapshot(readOnlyDir)).toEqual(before);
  });

  it('H11-wal-copy-not-named: an error met while reading the private copy names the store, not the copy', () => {
    const folder = path.join(dir, 'damaged');
    fs.mkdirSync(folder);
    const store = path.join(folder, 'audit.db');
    const db = new Database(store);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (a TEXT)');
    const ins = db.prepare('INSERT INTO t VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 5_000; i++) {
        ins.run(`${'x'.repeat(50)}${i}`);
      }
    })();
    db.close();
    // A page of the table's b-tree overwritten: the export meets it after some rows.
    const fd = fs.openSync(store, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0x41), 0, 4096, 3 * 4096);
    fs.closeSync(fd);
    const r = runCli(data, ['export', store, '--table', 't', '--out', '-']);
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith(`auditlens: ${store} is damaged: SQLite reports "database disk image is malformed".`), r.stderr).toBe(true);
    expect(r.stderr).not.toContain('auditlens-wal-');
    expect(listing(folder)).toEqual(['audit.db']);
  });

  it('H11-wal-plan: which WAL stores are copied, opened in place, or refused with a sentence', () => {
    const base = { wal: true, hasWal: false, hasShm: false, bytes: 10, folderWritable: true };
    expect(planWalOpen({ ...base, wal: false }, '/s.db').kind).toBe('direct');
    expect(planWalOpen({ ...base, hasWal: true, hasShm: true }, '/s.db').kind).toBe('direct');
    expect(planWalOpen(base, '/s.db').kind).toBe('copy');
    expect(planWalOpen({ ...base, hasWal: true, folderWritable: false }, '/s.db').kind).toBe('copy');
    expect(planWalOpen({ ...base, bytes: 3 * 2 ** 30 }, '/s.db').kind).toBe('in-place');
    expect(() => planWalOpen({ ...base, bytes: 3 * 2 ** 30, folderWritable: false }, '/s.db')).toThrow(
      '/s.db is a WAL store in a folder Auditlens cannot write to, and without its index (-shm) SQLite cannot read it there; it is 3.0 GiB, more than the 1.0 GiB Auditlens copies on its own. Copy the store (with its -wal file, if any) to a writable folder and open the copy.',
    );
  });

  it('H11-wal-copy-swept: a private copy left by a killed process is removed at the next open; a live one stays', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'auditlens-sweep-'));
    try {
      const dead = path.join(root, 'auditlens-wal-999999999-abc123');
      const live = path.join(root, `auditlens-wal-${process.pid}-def456`);
      for (const d of [dead, live]) {
        fs.mkdirSync(d);
        fs.writeFileSync(path.join(d, 'audit.db'), 'x');
      }
      sweepStaleWalCopies(root);
      expect(fs.existsSync(dead)).toBe(false);
      expect(fs.existsSync(live)).toBe(true);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
