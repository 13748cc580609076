import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditlensError } from '../../../shared/api/result';
import { SqliteSource } from '../../../electron/sources/sqlite/sqlite-source';
import { listing, sha256, tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'electron', 'cli.js');

async function openError(file: string): Promise<AuditlensError> {
  try {
    const s = await SqliteSource.open(file, sqliteDeps);
    await s.close();
  } catch (e) {
    expect(e).toBeInstanceOf(AuditlensError);
    return e as AuditlensError;
  }
  throw new Error(`${file} opened, but should have been refused`);
}

function cli(args: readonly string[]): { code: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 });
    return { code: 0, stdout, stderr: '' };
  } catch (e) {
    const x = e as { status: number; stdout: string; stderr: string };
    return { code: x.status, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('bad input is refused with a clear message, no crash, and unchanged bytes', () => {
  const { dir, cleanup } = tempDir();
  const good = path.join(dir, 'good.db');
  const cases: { name: string; make: (f: string) => void; code: string; words: RegExp }[] = [
    { name: 'empty.db', make: (f) => fs.writeFileSync(f, ''), code: 'empty-file', words: /empty \(0 bytes\)/ },
    { name: 'random.db', make: (f) => fs.writeFileSync(f, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 2654435761) % 251))), code: 'not-a-database', words: /not a SQLite database/ },
    { name: 'text.db', make: (f) => fs.writeFileSync(f, '{"runs": [1, 2, 3]}'), code: 'not-a-database', words: /holds JSON text/ },
    { name: 'trunc-header.db', make: (f) => fs.writeFileSync(f, fs.readFileSync(good).subarray(0, 50)), code: 'corrupt', words: /cut short/ },
    { name: 'trunc-half.db', make: (f) => fs.writeFileSync(f, fs.readFileSync(good).subarray(0, Math.floor(fs.statSync(good).size / 2))), code: 'corrupt', words: /truncated/ },
    {
      name: 'bad-pagesize.db',
      make: (f) => {
        const b = Buffer.from(fs.readFileSync(good));
        b.writeUInt16BE(3, 16);
        fs.writeFileSync(f, b);
      },
      code: 'corrupt',
      words: /page size 3/,
    },
    { name: 'folder.db', make: (f) => fs.mkdirSync(f), code: 'not-a-file', words: /is a folder/ },
  ];

  beforeAll(() => {
    const db = new Database(good);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const ins = db.prepare('INSERT INTO t (v) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 5000; i++) {
        ins.run(`value ${i} ${'x'.repeat(50)}`);
      }
    })();
    db.close();
    for (const c of cases) {
      c.make(path.join(dir, c.name));
    }
  });
  afterAll(cleanup);

  for (const c of cases) {
    it(`${c.name}: ${c.code} in the source API and one line from the CLI`, async () => {
      const file = path.join(dir, c.name);
      const before = fs.statSync(file).isFile() ? sha256(file) : 'dir';
      const files = listing(dir);
      const e = await openError(file);
      expect(e.code).toBe(c.code);
      expect(e.message).toMatch(c.words);
      const r = cli(['inspect', file]);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(c.words);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
      expect(fs.statSync(file).isFile() ? sha256(file) : 'dir').toBe(before);
      expect(listing(dir)).toEqual(files);
    });
  }

  it('a missing file and a FIFO are refused before SQLite sees them', async () => {
    expect((await openError(path.join(dir, 'nope.db'))).code).toBe('not-found');
    const fifo = path.join(dir, 'pipe.db');
    execFileSync('mkfifo', [fifo]);
    expect((await openError(fifo)).code).toBe('not-a-file');
  });

  it('a database locked by another writer reports "locked" without hanging, and its bytes stay', async () => {
    const locked = path.join(dir, 'locked.db');
    fs.copyFileSync(good, locked);
    const before = sha256(locked);
    const holder = spawn(process.execPath, ['-e', `
      const D = require('better-sqlite3');
      const db = new D(${JSON.stringify(locked)});
      db.pragma('journal_mode = DELETE');
      db.exec('BEGIN EXCLUSIVE');
      db.exec("INSERT INTO t (v) VALUES ('uncommitted')");
      process.stdout.write('locked\\n');
      setInterval(() => {}, 1000);
    `], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    const started = Date.now();
    const e = await openError(locked);
    holder.kill('SIGKILL');
    await new Promise((r) => holder.once('exit', r));
    expect(e.code).toBe('locked');
    expect(e.message).toMatch(/locked by another program/);
    expect(Date.now() - started).toBeLessThan(10_000);
    fs.rmSync(`${locked}-journal`, { force: true });
    expect(sha256(locked)).toBe(before);
  });
});
