import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import fs from 'node:fs';

/** Loads a CSV seed (header row, empty cell = NULL) into a new table of a SQLite file, all TEXT. */
export function loadCsvTable(dbFile: string, table: string, csvFile: string): number {
  const rows = parse(fs.readFileSync(csvFile), { relax_column_count: true });
  const [header, ...body] = rows;
  if (!header) {
    throw new Error(`${csvFile} is empty`);
  }
  const db = new Database(dbFile);
  const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;
  db.exec(`CREATE TABLE ${q(table)} (${header.map((h) => `${q(h)} TEXT`).join(', ')})`);
  const ins = db.prepare(`INSERT INTO ${q(table)} VALUES (${header.map(() => '?').join(', ')})`);
  db.transaction(() => {
    for (const r of body) {
      ins.run(...header.map((_, i) => (r[i] === undefined || r[i] === '' ? null : r[i])));
    }
  })();
  db.close();
  return body.length;
}
