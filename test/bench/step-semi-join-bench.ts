/**
 * "Any step failed" and the search across steps at size (issue 16, item 4): 120k runs / 1.2M
 * steps (BENCH_SEMI_RUNS), with and without the indexes the runs view warns about. Each figure
 * is ours (through the handlers, as the renderer asks) against the sqlite3 CLI's hand-written
 * `IN (SELECT …)` for the same rows, in one run; the ratio is the figure to watch.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { PageResult } from '../../shared/api/contract';
import type { RowCount } from '../../shared/model/catalog';
import { benchHandlers } from './bench-handlers';
import { buildRunsStore } from './runs-store';

const ROOT = process.cwd();
const RUNS = Number(process.env.BENCH_SEMI_RUNS ?? 120_000);
const REPEAT = 3;
const FAILED = "(invocation_id, model_name) IN (SELECT invocation_id, model_name FROM dbt_audit_detail WHERE lower(trim(status)) = 'error')";
const SEARCH = 'Vacuum 50%_done';
const SEARCHED = `(custom_message LIKE '%Vacuum 50\\%\\_done%' ESCAPE '\\' OR (invocation_id, model_name) IN (SELECT invocation_id, model_name FROM dbt_audit_detail WHERE message LIKE '%Vacuum 50\\%\\_done%' ESCAPE '\\'))`;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function cli(file: string, sql: string): { ms: number; out: string } {
  const t0 = performance.now();
  const out = execFileSync('sqlite3', ['-readonly', file, sql], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { ms: performance.now() - t0, out: out.trim() };
}

function store(indexes: boolean): string {
  const file = path.join(ROOT, '.bench', `semi-join-${RUNS}-${indexes ? 'indexed' : 'bare'}.db`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    process.stderr.write(`Preparing ${file}…\n`);
    buildRunsStore(`${file}.tmp`, RUNS, indexes);
    fs.renameSync(`${file}.tmp`, file);
  }
  return file;
}

async function main(): Promise<void> {
  const rows: string[] = [];
  for (const indexes of [true, false]) {
    const file = store(indexes);
    const { call, storeId, close } = await benchHandlers(ROOT, file);
    const format = 'dbt-audit';
    const failed = { filters: [], sort: [], anyStepFailed: true };
    const searched = { filters: [], sort: [], search: SEARCH };
    const scenarios: { name: string; ours: () => Promise<{ ms: number; said: string }>; anchor: string; sql: string }[] = [
      {
        name: 'any step failed: count', anchor: 'count(*) … WHERE (key) IN (SELECT key … status)', sql: `SELECT count(*) FROM dbt_audit_summary WHERE ${FAILED}`,
        ours: async () => {
          const r = await call<RowCount>('runs.count', { storeId, format, query: failed, budgetMs: 60_000 });
          return { ms: r.ms, said: String(r.value.value) };
        },
      },
      {
        name: 'any step failed: first page (100 newest)', anchor: '… IN (SELECT …) ORDER BY run_started_at DESC LIMIT 100', sql: `SELECT invocation_id, model_name, run_started_at, status FROM dbt_audit_summary WHERE ${FAILED} ORDER BY run_started_at DESC LIMIT 100`,
        ours: async () => {
          const r = await call<PageResult>('runs.page', { storeId, format, query: failed, startRow: 0, endRow: 100 });
          return { ms: r.ms, said: String(r.value.rows.length) };
        },
      },
      {
        name: `search "${SEARCH}": count`, anchor: 'count(*) … message LIKE … OR (key) IN (SELECT key … LIKE)', sql: `SELECT count(*) FROM dbt_audit_summary WHERE ${SEARCHED}`,
        ours: async () => {
          const r = await call<RowCount>('runs.count', { storeId, format, query: searched, budgetMs: 60_000 });
          return { ms: r.ms, said: String(r.value.value) };
        },
      },
      {
        name: `search "${SEARCH}": first page`, anchor: '… ORDER BY run_started_at DESC LIMIT 100', sql: `SELECT invocation_id, model_name, run_started_at, status FROM dbt_audit_summary WHERE ${SEARCHED} ORDER BY run_started_at DESC LIMIT 100`,
        ours: async () => {
          const r = await call<PageResult>('runs.page', { storeId, format, query: searched, startRow: 0, endRow: 100 });
          return { ms: r.ms, said: String(r.value.rows.length) };
        },
      },
    ];
    for (const s of scenarios) {
      const ours: number[] = [];
      const theirs: number[] = [];
      let agree = true;
      for (let i = 0; i < REPEAT; i++) {
        const o = await s.ours();
        const c = cli(file, s.sql);
        ours.push(o.ms);
        theirs.push(c.ms);
        const expected = s.name.endsWith('count') ? c.out : String(c.out === '' ? 0 : c.out.split('\n').length);
        agree &&= o.said === expected;
      }
      rows.push(`| ${indexes ? 'indexed' : 'no indexes'} | ${s.name} | ${median(ours).toFixed(0)} | ${s.anchor} | ${median(theirs).toFixed(0)} | ${(median(ours) / median(theirs)).toFixed(2)} | ${agree ? 'yes' : 'NO'} |`);
    }
    await close();
  }
  process.stdout.write(`\n### Steps semi-join, ${RUNS.toLocaleString('en-US')} runs / ${(RUNS * 10).toLocaleString('en-US')} steps (median of ${REPEAT})\n\n`
    + '| store | scenario | ours (ms) | sqlite3 CLI, hand-written SQL | CLI (ms) | ours / CLI | same answer |\n|---|---|---:|---|---:|---:|---|\n'
    + `${rows.join('\n')}\n`);
  if (rows.some((r) => r.endsWith('| NO |'))) {
    throw new Error('Our answer differs from the CLI\'s.');
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`steps semi-join bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
