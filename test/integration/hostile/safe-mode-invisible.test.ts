import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFormulaLike } from '../../../electron/csv/safe-mode';
import { tempDir } from '../../helpers/files';
import { runCli } from './cli-run';

const { dir, cleanup } = tempDir('auditlens-hostile-bom-');
const data = path.join(dir, 'data');
const store = path.join(dir, 'bom.db');
const DB = `auditlens_bom_${crypto.randomBytes(5).toString('hex')}`;
const CELLS = ['\uFEFF=HYPERLINK(B2)', '\u200B\u200D=1+1', '\u2060@SUM(A1)', '\uFEFF-3', '\uFEFFplain'];
/** What safe mode writes for CELLS: a quote before every formula hidden behind invisible characters. */
const SAFE = ["'\uFEFF=HYPERLINK(B2)", "'\u200B\u200D=1+1", "'\u2060@SUM(A1)", '\uFEFF-3', '\uFEFFplain'];
let admin: pg.Client;

beforeAll(async () => {
  const db = new Database(store);
  db.exec('CREATE TABLE t ("\uFEFF=HYPERLINK(B2)" TEXT, n INTEGER)');
  const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
  CELLS.forEach((c, i) => insert.run(c, i));
  db.close();
  admin = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DB}`);
  const c = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: DB });
  await c.connect();
  await c.query('CREATE TABLE t ("\uFEFF=HYPERLINK(B2)" text, n int)');
  for (const [i, cell] of CELLS.entries()) {
    await c.query('INSERT INTO t VALUES ($1, $2)', [cell, i]);
  }
  await c.end();
});
afterAll(async () => {
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.end();
  cleanup();
});

const expected = `'\uFEFF=HYPERLINK(B2),n\n${SAFE.map((s, i) => `${s},${i}`).join('\n')}\n`;

describe('safe mode looks past a leading BOM and zero-width characters', () => {
  it('H9-bom-formula: the rule itself', () => {
    expect(CELLS.map(isFormulaLike)).toEqual([true, true, true, false, false]);
    expect(isFormulaLike('\uFEFF')).toBe(false);
  });

  it('H9-bom-formula-sqlite: the SQLite export (native formatter where built, and the JS one with --time utc) quotes them, header included', () => {
    for (const extra of [[], ['--time', 'utc']]) {
      const r = runCli(data, ['export', store, '--table', 't', '--out', '-', ...extra]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(expected);
    }
  });

  it('H9-bom-formula-postgres: the Postgres COPY rewrite quotes them', () => {
    const r = runCli(data, ['export', `postgres://postgres@127.0.0.1:5432/${DB}`, '--table', 'public.t', '--out', '-', '--sort', 'n']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(expected);
  });
});
