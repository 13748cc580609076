/**
 * Paging benchmark (issue 2): on a generated 10M-row audit table, each figure is a ratio measured
 * in the same run against its anchor: the first page vs the sqlite3 CLI's `LIMIT 100`, and the
 * page at row 9,990,000 by our keyset paging vs the same page by OFFSET.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SqliteSource } from '../../electron/sources/sqlite/sqlite-source';
import { spawnNodeWorker } from '../../electron/workers/worker-process';
import { findTable } from '../../shared/model/catalog';
import { compilePlan } from '../../shared/query/plan';
import { cellToText } from '../../shared/model/values';

const ROOT = process.cwd();
const ROWS = Number(process.env.BENCH_ROWS ?? 10_000_000);
const DEEP = ROWS - 10_000;
const file = path.join(ROOT, '.bench', `paging-${ROWS}.db`);
const RUNS = 5;

function ensureTable(): void {
  if (fs.existsSync(file)) {
    return;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  fs.rmSync(tmp, { force: true });
  const db = new Database(tmp);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(`CREATE TABLE audit_log (id INTEGER PRIMARY KEY, run_id TEXT, model_name TEXT, status TEXT, started_at TEXT, duration_ms INTEGER, rows_affected INTEGER, message TEXT)`);
  db.exec(`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${ROWS})
    INSERT INTO audit_log SELECT i, printf('run-%07d', i / 30), 'model_' || (i % 30),
      CASE WHEN i % 23 = 0 THEN 'failed' WHEN i % 7 = 0 THEN 'skipped' ELSE 'success' END,
      strftime('%Y-%m-%d %H:%M:%S', 1700000000 + i, 'unixepoch'), (i * 7919) % 60000, (i * 104729) % 1000000,
      CASE WHEN i % 23 = 0 THEN 'Database Error in model ' || (i % 30) || ': relation does not exist' ELSE NULL END FROM c`);
  db.close();
  fs.renameSync(tmp, file);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function timeCli(sql: string): number {
  const t0 = performance.now();
  execFileSync('sqlite3', ['-readonly', file, sql], { stdio: ['ignore', 'ignore', 'inherit'] });
  return performance.now() - t0;
}

async function main(): Promise<void> {
  process.stderr.write(`Preparing ${ROWS.toLocaleString('en-US')} rows in ${file}…\n`);
  ensureTable();
  const source = await SqliteSource.open(file, { spawn: spawnNodeWorker, workerScript: path.join(ROOT, 'dist/electron/sqlite-worker.js') });
  const cat = await source.catalog();
  const table = findTable(cat, { schema: null, name: 'audit_log' });
  if (!table) {
    throw new Error('bench table missing');
  }
  const plan = compilePlan(table, { table, filters: [], sort: [] });
  await source.page(plan, 0, 100);

  const first: number[] = [];
  const firstCli: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await source.page(plan, 0, 100);
    first.push(performance.now() - t0);
    firstCli.push(timeCli('SELECT * FROM audit_log LIMIT 100'));
  }

  // Reach row DEEP once (as scrolling does, leaving an anchor), then time the page after it.
  await source.page(plan, DEEP - 100, 100);
  const deep: number[] = [];
  const offsetCli: number[] = [];
  const offsetOurs: number[] = [];
  const freshPlan = compilePlan({ ...table, keyset: 'none' }, { table, filters: [], sort: [] });
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now();
    const p = await source.page(plan, DEEP, 100);
    deep.push(performance.now() - t0);
    if (p.rows[0]?.[0] !== DEEP + 1) {
      throw new Error(`keyset page started at ${cellToText(p.rows[0]?.[0] ?? null)}, expected ${DEEP + 1}`);
    }
    t0 = performance.now();
    await source.page(freshPlan, DEEP, 100);
    offsetOurs.push(performance.now() - t0);
    offsetCli.push(timeCli(`SELECT * FROM audit_log ORDER BY rowid LIMIT 100 OFFSET ${DEEP}`));
  }
  await source.close();

  // Cold: spawn a worker, open read-only, read the catalog and the first page, as a new window does.
  const cold: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const s2 = await SqliteSource.open(file, { spawn: spawnNodeWorker, workerScript: path.join(ROOT, 'dist/electron/sqlite-worker.js') });
    const t2 = findTable(await s2.catalog(), { schema: null, name: 'audit_log' });
    if (t2) {
      await s2.page(compilePlan(t2, { table: t2, filters: [], sort: [] }), 0, 100);
    }
    cold.push(performance.now() - t0);
    await s2.close();
  }

  const rows = [
    ['cold open + catalog + first page', median(cold), 'sqlite3 CLI `LIMIT 100` (process incl.)', median(firstCli)],
    ['first page (100 rows), store open', median(first), 'sqlite3 CLI `LIMIT 100` (process incl.)', median(firstCli)],
    [`page at row ${DEEP.toLocaleString('en-US')}, keyset`, median(deep), 'same page by OFFSET (sqlite3 CLI)', median(offsetCli)],
    [`page at row ${DEEP.toLocaleString('en-US')}, keyset`, median(deep), 'same page by OFFSET (our worker)', median(offsetOurs)],
  ] as const;
  process.stdout.write(`\n### Paging, ${ROWS.toLocaleString('en-US')} rows (median of ${RUNS})\n\n| scenario | ours (ms) | anchor | anchor (ms) | ours / anchor |\n|---|---:|---|---:|---:|\n`);
  for (const [name, ours, anchor, a] of rows) {
    process.stdout.write(`| ${name} | ${ours.toFixed(2)} | ${anchor} | ${a.toFixed(2)} | ${(ours / a).toFixed(3)} |\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`paging bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
