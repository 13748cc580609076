/**
 * Runs-view benchmark (issue 4): a generated dbt-audit store with 1M runs and 10M steps. Each
 * figure is ours against the hand-written SQL for the same rows in the sqlite3 CLI, in one run.
 * Targets: within 1.5x of the CLI, and the first page under 300 ms.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createHandlers } from '../../electron/api/handlers';
import { MappingStore } from '../../electron/app-data/mapping-store';
import { RecentStores } from '../../electron/app-data/recent-stores';
import { SettingsStore } from '../../electron/app-data/settings-store';
import { SavedConnections } from '../../electron/app-data/saved-connections';
import { StoreManager } from '../../electron/sources/store-manager';
import { spawnNodeWorker } from '../../electron/workers/worker-process';
import type { PageResult, StoreSummary } from '../../shared/api/contract';
import { dispatch } from '../../shared/api/dispatch';

const ROOT = process.cwd();
const RUNS = Number(process.env.BENCH_RUNS ?? 1_000_000);
const STEPS_PER_RUN = 10;
const file = path.join(ROOT, '.bench', `runs-${RUNS}.db`);
const REPEAT = 5;

function ensureStore(): void {
  if (fs.existsSync(file)) {
    return;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  fs.rmSync(tmp, { force: true });
  const db = new Database(tmp);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(`
    CREATE TABLE dbt_audit_summary (invocation_id VARCHAR(255), model_name VARCHAR(255), run_started_at TIMESTAMP, run_ended_at TIMESTAMP,
      execution_time_seconds INTEGER, rows_processed INTEGER, status VARCHAR(50), run_by_user VARCHAR(255), custom_message VARCHAR(1000),
      PRIMARY KEY (invocation_id, model_name));
    CREATE TABLE dbt_audit_detail (detail_log_id VARCHAR(255) PRIMARY KEY, invocation_id VARCHAR(255), model_name VARCHAR(255), step_name VARCHAR(255),
      step_sequence_num INTEGER NULL, event_timestamp TIMESTAMP, status VARCHAR(50), message VARCHAR(1000));
    WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < ${RUNS - 1})
    INSERT INTO dbt_audit_summary SELECT printf('inv-%07d', i / 30), 'model_' || (i % 30),
      strftime('%Y-%m-%d %H:%M:%S', 1760000000 + i * 7, 'unixepoch'), strftime('%Y-%m-%d %H:%M:%S', 1760000000 + i * 7 + (i % 90), 'unixepoch'),
      i % 90, NULL, CASE WHEN i % 25 = 0 THEN 'failed' WHEN i % 41 = 0 THEN 'error' WHEN i % 97 = 0 THEN 'started' ELSE 'completed' END,
      'user_' || (i % 12), CASE WHEN i % 25 = 0 THEN 'Database Error in model_' || (i % 30) ELSE NULL END FROM c;
    WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < ${RUNS * STEPS_PER_RUN - 1})
    INSERT INTO dbt_audit_detail SELECT 'd' || i, printf('inv-%07d', (i / ${STEPS_PER_RUN}) / 30), 'model_' || ((i / ${STEPS_PER_RUN}) % 30),
      'step_' || (i % ${STEPS_PER_RUN}), CASE WHEN i % 53 = 0 THEN NULL ELSE i % ${STEPS_PER_RUN} END,
      strftime('%Y-%m-%d %H:%M:%S', 1760000000 + (i / ${STEPS_PER_RUN}) * 7 + (i % ${STEPS_PER_RUN}), 'unixepoch'),
      CASE WHEN i % 250 = 0 THEN 'error' ELSE 'info' END, NULL FROM c;
    CREATE INDEX dbt_audit_summary_started ON dbt_audit_summary (run_started_at);
    CREATE INDEX dbt_audit_detail_run ON dbt_audit_detail (invocation_id, model_name);
  `);
  db.close();
  fs.renameSync(tmp, file);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function cli(sql: string): { ms: number; out: string } {
  const t0 = performance.now();
  const out = execFileSync('sqlite3', ['-readonly', file, sql], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { ms: performance.now() - t0, out };
}

const STATUS_CASE = "CASE lower(trim(CAST(status AS TEXT))) WHEN 'completed' THEN 'ok' WHEN 'success' THEN 'ok' WHEN 'pass' THEN 'ok' WHEN 'started' THEN 'running' WHEN 'running' THEN 'running' WHEN 'error' THEN 'failed' WHEN 'failed' THEN 'failed' WHEN 'fail' THEN 'failed' WHEN 'skipped' THEN 'skipped' WHEN 'skip' THEN 'skipped' ELSE 'unknown' END";

async function main(): Promise<void> {
  process.stderr.write(`Preparing ${RUNS.toLocaleString('en-US')} runs and ${(RUNS * STEPS_PER_RUN).toLocaleString('en-US')} steps in ${file}…\n`);
  ensureStore();
  const data = fs.mkdtempSync(path.join(ROOT, '.bench', 'data-'));
  const stores = new StoreManager({ spawn: spawnNodeWorker, workerScript: path.join(ROOT, 'dist/electron/sqlite-worker.js') });
  const handlers = createHandlers({
    version: 'bench', mode: 'browser', stores, recent: new RecentStores(data), mappings: new MappingStore(data), connections: new SavedConnections(data, null),
    demoPath: () => file, allowPathInput: true, initialStore: () => null, settings: new SettingsStore(data),
  });
  const call = async <T>(name: string, input: unknown): Promise<{ ms: number; value: T }> => {
    const t0 = performance.now();
    const r = await dispatch(handlers, name, input, { transport: 'test' });
    if (!r.ok) {
      throw new Error(`${name}: ${r.error.message}`);
    }
    return { ms: performance.now() - t0, value: r.value as T };
  };
  const { value: store } = await call<StoreSummary>('stores.openPath', { path: file });
  const storeId = store.storeId;
  const format = 'dbt-audit';
  await call('runs.page', { storeId, format, query: {}, startRow: 0, endRow: 100 });

  const results: [string, number[], string, number[]][] = [
    ['runs view, first page (100 newest runs)', [], 'ORDER BY run_started_at DESC LIMIT 100', []],
    ['facet counts (status, name, actor, day)', [], 'four GROUP BY queries', []],
    ["one run's steps, in order", [], 'WHERE invocation_id = ? AND model_name = ? ORDER BY …', []],
  ];
  let runKey: unknown = null;
  for (let i = 0; i < REPEAT; i++) {
    const page = await call<PageResult>('runs.page', { storeId, format, query: {}, startRow: 0, endRow: 100 });
    results[0]?.[1].push(page.ms);
    results[0]?.[3].push(cli('SELECT invocation_id, model_name, run_started_at, run_ended_at, execution_time_seconds, status, run_by_user, custom_message FROM dbt_audit_summary ORDER BY run_started_at DESC LIMIT 100').ms);
    results[1]?.[1].push((await call('runs.facets', { storeId, format, query: {} })).ms);
    results[1]?.[3].push(cli(`SELECT s, count(*) FROM (SELECT ${STATUS_CASE} AS s FROM dbt_audit_summary) GROUP BY s ORDER BY 2 DESC LIMIT 31; SELECT model_name, count(*) FROM dbt_audit_summary GROUP BY 1 ORDER BY 2 DESC LIMIT 31; SELECT run_by_user, count(*) FROM dbt_audit_summary GROUP BY 1 ORDER BY 2 DESC LIMIT 31; SELECT substr(run_started_at, 1, 10), count(*) FROM dbt_audit_summary GROUP BY 1 ORDER BY 2 DESC LIMIT 31;`).ms);
    runKey = page.value.keys[Math.min(50, page.value.keys.length - 1)];
    const key = runKey as [string, string];
    results[2]?.[1].push((await call('runs.steps', { storeId, format, runKey })).ms);
    results[2]?.[3].push(cli(`SELECT step_name, event_timestamp, status, message FROM dbt_audit_detail WHERE invocation_id = '${key[0]}' AND model_name = '${key[1]}' ORDER BY step_sequence_num IS NULL, step_sequence_num, event_timestamp`).ms);
  }
  await stores.closeAll();
  fs.rmSync(data, { recursive: true, force: true });
  process.stdout.write(`\n### Runs view, ${RUNS.toLocaleString('en-US')} runs / ${(RUNS * STEPS_PER_RUN).toLocaleString('en-US')} steps (median of ${REPEAT})\n\n| scenario | ours (ms) | sqlite3 CLI, hand-written SQL | CLI (ms) | ours / CLI |\n|---|---:|---|---:|---:|\n`);
  for (const [name, ours, anchor, theirs] of results) {
    process.stdout.write(`| ${name} | ${median(ours).toFixed(1)} | ${anchor} | ${median(theirs).toFixed(1)} | ${(median(ours) / median(theirs)).toFixed(2)} |\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`runs bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
