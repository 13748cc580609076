/**
 * `auditlens query STORE "SQL"`: the rows of one read-only statement as CSV, equal to the sqlite3
 * shell's own CSV of the same statement; writes refused with a sentence and exit code 1; the
 * store's bytes unchanged; a file with provenance naming the statement; a time limit.
 */
import Database from 'better-sqlite3';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256, tempDir } from '../../helpers/files';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const { dir, cleanup } = tempDir();
const store = path.join(dir, 'audit.db');
const GROUPED = 'SELECT status, count(*) FROM runs GROUP BY 1';
let before = '';

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'auditlens.js'), ...args], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, AUDITLENS_DATA_DIR: path.join(dir, 'data') } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The sqlite3 shell's CSV of a statement, with LF line ends (the shell writes CRLF). */
function sqlite3Csv(sql: string): string {
  return execFileSync('sqlite3', ['-readonly', '-csv', '-header', store, sql], { encoding: 'utf8' }).replaceAll('\r\n', '\n');
}

beforeAll(() => {
  const db = new Database(store);
  db.exec(`CREATE TABLE runs (id INTEGER PRIMARY KEY, status TEXT NOT NULL, note TEXT);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)
    INSERT INTO runs (status, note) SELECT CASE WHEN i % 11 = 0 THEN 'failed' WHEN i % 5 = 0 THEN 'running' ELSE 'success' END,
      CASE WHEN i % 9 = 0 THEN 'a, "b"' END FROM n;`);
  db.close();
  before = sha256(store);
});
afterAll(cleanup);

describe('auditlens query', () => {
  it('prints the GROUP BY as CSV equal to the sqlite3 shell', () => {
    const r = run('query', store, GROUPED);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const truth = sqlite3Csv(GROUPED);
    expect(truth.split('\n').length).toBeGreaterThan(3);
    expect(r.stdout).toBe(truth);
  });

  it('writes a file with provenance naming the statement; --out - is standard output', () => {
    const out = path.join(dir, 'notes.csv');
    const sql = 'SELECT id, note FROM runs WHERE note IS NOT NULL ORDER BY id';
    const r = run('query', store, sql, '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Wrote 444 rows .* to .*notes\.csv \(provenance: .*notes\.csv\.json\)\n$/);
    expect(fs.readFileSync(out, 'utf8')).toBe(sqlite3Csv(sql));
    const record = JSON.parse(fs.readFileSync(`${out}.json`, 'utf8')) as { sql: string; rowCount: number; source: { sha256: string } };
    expect(record).toMatchObject({ sql, rowCount: 444, source: { sha256: before } });
    expect(run('query', store, sql, '--out', '-').stdout).toBe(sqlite3Csv(sql));
  });

  it.each([
    ['DELETE FROM runs', /would change the store/],
    ["ATTACH 'other.db' AS o", /would change the connection/],
    ['PRAGMA writable_schema = ON', /would change the connection/],
    ['SELECT 1; DROP TABLE runs', /one statement at a time/],
  ])('refuses %s with a sentence and exit code 1', (sql, words) => {
    const r = run('query', store, sql);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(words);
    expect(r.stderr.split('\n')).toHaveLength(2);
  });

  it('stops at --timeout with a sentence', () => {
    const r = run('query', store, 'WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c) SELECT count(*) FROM c', '--timeout', '1');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('auditlens: The query took longer than 1 s and was stopped; nothing was written.\n');
  });

  it('says how to call it when the statement is missing (exit code 2)', () => {
    const r = run('query', store);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/query takes one STORE and one SQL statement/);
  });

  it('left the store unchanged', () => {
    expect(sha256(store)).toBe(before);
  });
});
