import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/files';
import { runCli } from './cli-run';

const { dir, cleanup } = tempDir('auditlens-hostile-wide-');
const data = path.join(dir, 'data');
const store = path.join(dir, 'wide.db');
const COLUMNS = 1_200;
const names = Array.from({ length: COLUMNS }, (_, i) => `c${i}`);

beforeAll(() => {
  const db = new Database(store);
  db.exec(`CREATE TABLE wide (${names.map((n) => `${n} TEXT`).join(', ')})`);
  const insert = db.prepare(`INSERT INTO wide VALUES (${names.map(() => '?').join(', ')})`);
  insert.run(names.map((n) => `v_${n}`));
  insert.run(names.map((_n, i) => (i % 2 === 0 ? null : `=x${i}`)));
  db.close();
});
afterAll(cleanup);

describe('wide tables export', () => {
  it('H6-1200-columns: a 1,200-column table exports to stdout and to a file, safe mode applied', () => {
    const header = names.join(',');
    const row1 = names.map((n) => `v_${n}`).join(',');
    const row2 = names.map((_n, i) => (i % 2 === 0 ? '' : `'=x${i}`)).join(',');
    const expected = `${header}\n${row1}\n${row2}\n`;
    const out = runCli(data, ['export', store, '--table', 'wide', '--out', '-']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(expected);
    const file = path.join(dir, 'wide.csv');
    expect(runCli(data, ['export', store, '--table', 'wide', '--out', file]).code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(expected);
  });
});
