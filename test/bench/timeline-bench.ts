/**
 * Timeline benchmark (issue 11 item 14, first figure): the overview of a 1M-run dbt-audit store
 * (the runs bench's store) for its whole range at 1,600 px, through `timeline.get`, against the
 * hand-written bucket GROUP BY in the sqlite3 CLI for the same answer (the range, then per model
 * and bucket: count, count per status class, first start, last end), in one run. Target: ≤ 1.5x.
 * The machine's sqlite3 is 3.40 (no `unixepoch(…, 'subsec')`), so the anchor reads times with
 * julianday, as a person would write it.
 */
import { execFileSync } from 'node:child_process';
import type { TimelineResult } from '../../shared/model/timeline';
import { benchHandlers } from './bench-handlers';
import { ensureRunsStore, runsStore } from './runs-store';

const ROOT = process.cwd();
const { file, runs: RUNS, steps: STEPS } = runsStore(ROOT);
const REPEAT = 5;
const WIDTH = 1_600;

const STATUS = "CASE lower(trim(status)) WHEN 'completed' THEN 'ok' WHEN 'success' THEN 'ok' WHEN 'pass' THEN 'ok' WHEN 'started' THEN 'running' WHEN 'running' THEN 'running' WHEN 'error' THEN 'failed' WHEN 'failed' THEN 'failed' WHEN 'fail' THEN 'failed' WHEN 'skipped' THEN 'skipped' WHEN 'skip' THEN 'skipped' ELSE 'unknown' END";
const MS = (x: string): string => `(julianday(${x}) - 2440587.5) * 86400000.0`;

/** The hand-written overview: the range, then one GROUP BY of model and bucket. */
const ANCHOR = `WITH r AS (SELECT min(${MS('run_started_at')}) AS lo, max(${MS('coalesce(run_ended_at, run_started_at)')}) + 1 AS hi FROM dbt_audit_summary)
SELECT model_name, CAST((${MS('run_started_at')} - r.lo) / ((r.hi - r.lo) / ${WIDTH / 2}) AS INTEGER) AS b, count(*),
  sum(${STATUS} = 'ok'), sum(${STATUS} = 'failed'), sum(${STATUS} = 'running'), sum(${STATUS} = 'skipped'),
  min(${MS('run_started_at')}), max(${MS('coalesce(run_ended_at, run_started_at)')})
FROM dbt_audit_summary, r GROUP BY 1, 2;`;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function anchor(): { ms: number; rows: number } {
  const t0 = performance.now();
  const out = execFileSync('sqlite3', ['-readonly', file, ANCHOR], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { ms: performance.now() - t0, rows: out.trim().split('\n').length };
}

async function main(): Promise<void> {
  ensureRunsStore(ROOT);
  const { call, storeId, close } = await benchHandlers(ROOT, file);
  const request = { storeId, format: 'dbt-audit', query: {}, widthPx: WIDTH };
  // Once each before measuring: worker processes started, the file in the page cache.
  const first = await call<TimelineResult>('timeline.get', request);
  const anchorRows = anchor().rows;
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    ours.push((await call<TimelineResult>('timeline.get', request)).ms);
    theirs.push(anchor().ms);
  }
  await close();
  const r = first.value;
  const items = r.lanes.reduce((a, l) => a + l.bars.length + l.buckets.length, 0);
  process.stdout.write(`\n### Timeline overview, ${RUNS.toLocaleString('en-US')} runs / ${STEPS.toLocaleString('en-US')} steps, whole range at ${WIDTH} px (median of ${REPEAT})\n\n`);
  process.stdout.write(`Answer: ${r.lanes.length} lanes, ${items.toLocaleString('en-US')} buckets and bars, ${r.total.toLocaleString('en-US')} runs, ${(JSON.stringify(r).length / 1_048_576).toFixed(1)} MiB of JSON; the anchor prints ${anchorRows.toLocaleString('en-US')} (lane, bucket) rows.\n\n`);
  process.stdout.write('| scenario | ours (ms) | sqlite3 CLI, hand-written SQL | CLI (ms) | ours / CLI |\n|---|---:|---|---:|---:|\n');
  process.stdout.write(`| overview, whole range at ${WIDTH} px | ${median(ours).toFixed(0)} | range, then GROUP BY model, bucket (julianday) | ${median(theirs).toFixed(0)} | ${(median(ours) / median(theirs)).toFixed(2)} |\n`);
  process.stdout.write(`\nEach run, ours: ${ours.map((x) => x.toFixed(0)).join(', ')} ms; CLI: ${theirs.map((x) => x.toFixed(0)).join(', ')} ms.\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`timeline bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
