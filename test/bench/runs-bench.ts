/**
 * Runs-view benchmark (issue 4): a generated dbt-audit store with 1M runs and 10M steps. Each
 * figure is ours against the hand-written SQL for the same rows in the sqlite3 CLI, in one run.
 * Targets: within 1.5x of the CLI, and the first page under 300 ms.
 */
import { execFileSync } from 'node:child_process';
import type { PageResult } from '../../shared/api/contract';
import { benchHandlers } from './bench-handlers';
import { ensureRunsStore, runsStore } from './runs-store';

const ROOT = process.cwd();
const { file, runs: RUNS, steps: STEPS } = runsStore(ROOT);
const REPEAT = 5;

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
  ensureRunsStore(ROOT);
  const { call, storeId, close } = await benchHandlers(ROOT, file);
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
  await close();
  process.stdout.write(`\n### Runs view, ${RUNS.toLocaleString('en-US')} runs / ${STEPS.toLocaleString('en-US')} steps (median of ${REPEAT})\n\n| scenario | ours (ms) | sqlite3 CLI, hand-written SQL | CLI (ms) | ours / CLI |\n|---|---:|---|---:|---:|\n`);
  for (const [name, ours, anchor, theirs] of results) {
    process.stdout.write(`| ${name} | ${median(ours).toFixed(1)} | ${anchor} | ${median(theirs).toFixed(1)} | ${(median(ours) / median(theirs)).toFixed(2)} |\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`runs bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
