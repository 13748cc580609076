/**
 * Postgres export benchmark (issues 3 and 5): 1M audit rows exported by our exporter (raw COPY
 * and safe mode) against `psql \copy (SELECT …) TO file CSV HEADER` in the same run, full and
 * filtered (10%); psql runs the same SELECT (the grid's key order included). Creates its own database
 * and drops it. Target: within 1.10x of psql.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { runExport } from '../../electron/export/export-service';
import { StoreManager } from '../../electron/sources/store-manager';
import { spawnNodeWorker } from '../../electron/workers/worker-process';
import { findTable } from '../../shared/model/catalog';
import { compilePlan } from '../../shared/query/plan';
import { postgresDialect } from '../../shared/query/dialect';
import { compileExport } from '../../shared/query/sql';
import { inlineParams } from '../../electron/sources/postgres/pg-literal';
import type { ColumnFilter } from '../../shared/model/view-request';

const ROOT = process.cwd();
const ROWS = Number(process.env.BENCH_PG_ROWS ?? 1_000_000);
const RUNS = 5;

/**
 * Flushes dirty pages before a measured command, untimed, for both sides: our fsync must not wait
 * for the writeback of the file psql wrote just before (ext4 ordered data), nor psql's pages for ours.
 */
function settleDisk(): void {
  spawnSync('sync');
}
const db = `al_bench_${crypto.randomBytes(4).toString('hex')}`;
const work = path.join(ROOT, '.bench', `pg-${process.pid}`);

/** SHA-256 of a file read in 1 MiB pieces, so the check does not raise the peak memory it reports. */
function fileHash(file: string): string {
  const h = crypto.createHash('sha256');
  const buf = Buffer.allocUnsafe(1 << 20);
  const fd = fs.openSync(file, 'r');
  try {
    for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) {
      h.update(buf.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return h.digest('hex');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  fs.mkdirSync(work, { recursive: true });
  const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  const stores = new StoreManager({ spawn: spawnNodeWorker, workerScript: path.join(ROOT, 'dist/electron/sqlite-worker.js') });
  try {
    const c = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: db });
    await c.connect();
    process.stderr.write(`Generating ${ROWS.toLocaleString('en-US')} rows in ${db}…\n`);
    await c.query(`CREATE TABLE audit_log (id bigint PRIMARY KEY, run_id text, model_name text, status text, started_at timestamptz, duration_ms int, rows_affected bigint, tags text[], detail jsonb, message text);
      INSERT INTO audit_log SELECT i, 'run-' || (i / 30), 'model_' || (i % 30), CASE WHEN i % 10 = 0 THEN 'error' ELSE 'success' END,
        timestamptz '2026-01-01 00:00:00+00' + (i || ' seconds')::interval, ((i * 7919) % 60000)::int, (i * 104729) % 1000000,
        ARRAY['t' || (i % 5), 'x'], jsonb_build_object('i', i, 'ok', i % 10 <> 0), CASE WHEN i % 10 = 0 THEN 'Database Error, "quoted" =SUM(1)' END
      FROM generate_series(1::bigint, ${ROWS}::bigint) AS i;`);
    // Hint bits, the visibility map and a checkpoint now, not during the first measured scans:
    // the first reads of freshly inserted rows write every page back, and that fell on our side.
    await c.query('VACUUM (FREEZE, ANALYZE) audit_log').then(() => c.query('CHECKPOINT')).finally(() => c.end());
    const url = `postgres://postgres@127.0.0.1:5432/${db}`;
    const { source } = await stores.openLocation(url);
    const table = findTable(await source.catalog(), { schema: 'public', name: 'audit_log' });
    if (!table) {
      throw new Error('bench table missing');
    }
    const cases: { name: string; filters: ColumnFilter[]; safe: boolean }[] = [
      { name: 'full, raw', filters: [], safe: false },
      { name: 'full, safe', filters: [], safe: true },
      { name: 'filtered 10 % (status=error), raw', filters: [{ column: 'status', op: 'eq', value: 'error' }], safe: false },
    ];
    process.stdout.write(`\n### Postgres export, ${ROWS.toLocaleString('en-US')} rows x 10 columns (median of ${RUNS})\n\n| case | ours (s) | psql \\copy (s) | ours / psql | our peak RSS (MiB) |\n|---|---:|---:|---:|---:|\n`);
    for (const k of cases) {
      const ours: number[] = [];
      const theirs: number[] = [];
      let peak = 0;
      for (let i = 0; i < RUNS; i++) {
        const target = path.join(work, `ours-${i}.csv`);
        const query = { table: { schema: 'public', name: 'audit_log' }, filters: k.filters, sort: [] };
        const plan = compilePlan(table, query);
        // psql runs the very SELECT our exporter sends (the grid's key order included), values inlined as in our COPY.
        const select = compileExport(plan, postgresDialect);
        const anchorSql = inlineParams(select.sql, select.params);
        const timer = setInterval(() => {
          peak = Math.max(peak, process.memoryUsage().rss);
        }, 50);
        settleDisk();
        const t0 = performance.now();
        await runExport({ source, query, plan, target, options: { safe: k.safe, bom: false, delimiter: ',', eol: '\n', time: 'stored', provenance: false }, appVersion: 'bench', dataDir: work });
        ours.push((performance.now() - t0) / 1000);
        clearInterval(timer);
        const out = path.join(work, `psql-${i}.csv`);
        settleDisk();
        const t1 = performance.now();
        execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', db, '-q', '-c', `\\copy (${anchorSql}) TO '${out}' CSV HEADER`]);
        theirs.push((performance.now() - t1) / 1000);
        if (!k.safe && fileHash(target) !== fileHash(out)) {
          throw new Error(`${k.name}: our file differs from psql's, so the two did not run the same export`);
        }
        fs.rmSync(target, { force: true });
        fs.rmSync(out, { force: true });
      }
      process.stdout.write(`| ${k.name} | ${median(ours).toFixed(2)} | ${median(theirs).toFixed(2)} | ${(median(ours) / median(theirs)).toFixed(2)} | ${(peak / 1_048_576).toFixed(0)} |\n`);
    }
  } finally {
    await stores.closeAll();
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`pg export bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
