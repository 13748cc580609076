/**
 * ddeutil-workflow audits shaped as ddeutil-workflow writes them (ddeutils/ddeutil-workflow @ 7c3d852d):
 * a job skipped by its trigger rule is `job.set_outputs(output={"status": SKIP})` → `{"status": "SKIP"}`
 * (workflow.py), other jobs carry `stages` and `info` (job.py set_outputs); file audits are
 * `json.dumps(model_dump(), default=str, indent=2)`, SQLite audits `zlib.compress(json.dumps(context))`
 * in LocalSQLiteAudit's `audits` table. Integer statuses follow `Status` in result.py: IntEnum 0-4 up
 * to v0.0.64 (ReleaseType "manual|schedule|poking"), auto() 1-5 in v0.0.65-66 ("normal|rerun|event").
 */
import fs from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Source } from '../../../electron/sources/source';
import { StoreManager } from '../../../electron/sources/store-manager';
import { formatSummary } from '../../../electron/views/format-summary';
import { durationContradiction } from '../../../renderer/features/runs/duration-format';
import { findFormat } from '../../../electron/views/store-formats';
import { stepsPlan, viewPlan } from '../../../electron/views/view-plans';
import { tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const { dir, cleanup } = tempDir('auditlens-ddeutil-jobs-');
const stores = new StoreManager(sqliteDeps, {}, path.join(dir, 'cache'));
afterAll(async () => {
  await stores.closeAll();
  cleanup();
});

const info = (start: string, end: string): Record<string, unknown> => ({ exec_start: `${start}+00:00`, exec_end: `${end}+00:00`, exec_latency: 1 });

/** A HEAD-era context: extract ran, `notify` was skipped by its trigger rule, load failed. */
const CONTEXT = {
  status: 'FAILED',
  params: { 'asat-dt': '2025-08-07 00:00:00' },
  info: info('2025-08-07 23:00:00.000001', '2025-08-07 23:03:09.000000'),
  jobs: {
    extract: { status: 'SUCCESS', stages: { 'read-api': { outputs: { rows: 10 }, status: 'SUCCESS' } }, info: info('2025-08-07 23:00:01.000000', '2025-08-07 23:01:00.000000') },
    notify: { status: 'SKIP' },
    load: { status: 'FAILED', stages: { 'write-db': { outputs: {}, status: 'FAILED', errors: { name: 'StageError', message: 'db down' } } }, errors: { name: 'JobError', message: 'db down' }, info: info('2025-08-07 23:01:01.000000', '2025-08-07 23:03:08.000000') },
  },
  errors: { name: 'WorkflowError', message: 'load failed' },
};
const META = { timeout: 600, original_name: 'wf-etl', audit_excluded: null, exec_start: '2025-08-07 23:00:00.000001+00:00', exec_end: '2025-08-07 23:03:09.000000+00:00', exec_latency: 0.587 };

function writeFileAudit(root: string, workflow: string, release: string, runId: string, type: string, context: unknown): void {
  const folder = release.replace(/[-: ]/g, '').slice(0, 14);
  const file = path.join(root, `workflow=${workflow}`, `release=${folder}`, `${runId}.log`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ name: workflow, release, type, context, run_id: runId, parent_run_id: runId, runs_metadata: META }, null, 2));
}

async function stepsOf(source: Source, runKey: readonly string[]): Promise<readonly (readonly unknown[])[]> {
  const f = findFormat(await source.catalog(), 'ddeutil-audit');
  const page = await source.page(stepsPlan(f, { columns: ['step_name', 'status', 'raw_status'], filters: [], sort: [{ column: 'step_name', desc: false }] }, runKey), 0, 50);
  return page.rows;
}

describe('ddeutil-workflow jobs as steps', () => {
  it('file audits keep a skipped job as a step and in job_count', async () => {
    const root = path.join(dir, 'audits');
    writeFileAudit(root, 'wf-etl', '2025-08-07 23:00:00', '20250807230000000001T1354680202', 'normal', CONTEXT);
    const source = (await stores.openLocation(root)).source;
    expect(await stepsOf(source, ['wf-etl', '20250807230000000001T1354680202'])).toEqual([
      ['extract', 'ok', 'SUCCESS'],
      ['load', 'failed', 'FAILED'],
      ['notify', 'skipped', 'SKIP'],
    ]);
    const f = findFormat(await source.catalog(), 'ddeutil-audit');
    const runs = await source.page(viewPlan(f.runs, { columns: ['status', 'ddeutil_runs.job_count'], filters: [], sort: [] }), 0, 5);
    expect(runs.rows).toEqual([['failed', Object.keys(CONTEXT.jobs).length]]);
    // 23:00:00 → 23:03:09 lasts 189 s; exec_latency (0.587) is ddeutil's own figure, under its own name.
    const times = await source.page(viewPlan(f.runs, { columns: ['duration_s', 'ddeutil_runs.exec_latency'], filters: [], sort: [] }), 0, 5);
    expect(times.rows).toEqual([[189, META.exec_latency]]);
    // The app is told which column is the format's own figure, and flags it beside end − start.
    const summary = formatSummary(f, await source.catalog());
    expect(summary.ownDuration).toEqual({ column: 'ddeutil_runs.exec_latency', unit: 's' });
    expect(durationContradiction(times.rows[0]?.[0], times.rows[0]?.[1], 's')).toBe(META.exec_latency);
  });

  it("the repository's mis-nested context: only real jobs are steps", async () => {
    const root = path.join(dir, 'misnested');
    const ctx = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../shared/fixtures/real/ddeutil-workflow/tests/conf/context/workflow_failed.json'), 'utf8')) as unknown;
    writeFileAudit(root, 'wf-x', '2025-01-01 00:00:00', '20250101000000000001T1', 'normal', ctx);
    const source = (await stores.openLocation(root)).source;
    expect(await stepsOf(source, ['wf-x', '20250101000000000001T1'])).toEqual([['first-job', 'failed', 'FAILED']]);
  });

  it('SQLite audits have the same steps, decoded from the zlib context in SQL', async () => {
    const file = path.join(dir, 'audits.db');
    const db = new Database(file);
    db.exec(`CREATE TABLE IF NOT EXISTS audits (workflow TEXT NOT NULL, release TEXT NOT NULL, type TEXT NOT NULL, context BLOB NOT NULL, parent_run_id TEXT, run_id TEXT NOT NULL,
      metadata BLOB NOT NULL, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (workflow, release))`);
    const insert = db.prepare('INSERT INTO audits (workflow, release, type, context, parent_run_id, run_id, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const z = (v: unknown): Buffer => deflateSync(Buffer.from(JSON.stringify(v), 'utf8'));
    insert.run('wf-etl', '2025-08-07T23:00:00+00:00', 'normal', z(CONTEXT), null, '20250807230000000001T1354680202', z(META));
    insert.run('wf-empty', '2025-08-08T00:00:00', 'normal', z({ status: 'SUCCESS', params: {} }), null, '20250808000000000001T1', z(META));
    const truth = db.prepare('SELECT count(*) AS n FROM audits').get() as { n: number };
    db.close();
    const source = (await stores.openLocation(file)).source;
    expect(await stepsOf(source, ['wf-etl', '2025-08-07T23:00:00+00:00'])).toEqual([
      ['extract', 'ok', 'SUCCESS'],
      ['load', 'failed', 'FAILED'],
      ['notify', 'skipped', 'SKIP'],
    ]);
    expect(await stepsOf(source, ['wf-empty', '2025-08-08T00:00:00'])).toEqual([]);
    const f = findFormat(await source.catalog(), 'ddeutil-audit');
    // Filters run in the engine over the decoded jobs: the failed steps of every run.
    const failed = await source.page(stepsPlan(f, { columns: ['step_name', 'at', 'audits.exec_end'], filters: [{ column: 'status', op: 'eq', value: 'failed' }], sort: [] }, null), 0, 10);
    expect(failed.rows).toEqual([['load', '2025-08-07 23:01:01.000000+00:00', '2025-08-07 23:03:08.000000+00:00']]);
    const runs = await source.page(viewPlan(f.runs, { columns: ['run_id'], filters: [], sort: [] }), 0, 10);
    expect(runs.rows).toHaveLength(truth.n);
  });

  it("integer status codes read as the writer version's Status enum, for runs and jobs", async () => {
    const root = path.join(dir, 'int-codes');
    // v0.0.60-64: IntEnum SUCCESS=0, FAILED=1, WAIT=2, SKIP=3, CANCEL=4; release type "manual".
    writeFileAudit(root, 'wf-old', '2025-03-01 00:00:00', '20250301000000000001T1', 'manual', { status: 1, jobs: { a: { status: 0, stages: {} }, b: { status: 1, stages: {} }, c: { status: 3 } } });
    writeFileAudit(root, 'wf-old', '2025-03-02 00:00:00', '20250302000000000001T1', 'schedule', { status: 0, jobs: { a: { status: 0, stages: {} } } });
    // A run whose every code is 1: in the 0-based era that is FAILED, and its type says so.
    writeFileAudit(root, 'wf-old', '2025-03-03 00:00:00', '20250303000000000001T1', 'manual', { status: 1, jobs: { a: { status: 1, stages: {} } } });
    // v0.0.65-66: auto() SUCCESS=1, FAILED=2, WAIT=3, SKIP=4, CANCEL=5; release type "normal".
    writeFileAudit(root, 'wf-mid', '2025-06-01 00:00:00', '20250601000000000001T1', 'normal', { status: 1, jobs: { a: { status: 1, stages: {} }, b: { status: 4 } } });
    writeFileAudit(root, 'wf-mid', '2025-06-02 00:00:00', '20250602000000000001T1', 'event', { status: 2, jobs: { a: { status: 2, stages: {} } } });
    const source = (await stores.openLocation(root)).source;
    const f = findFormat(await source.catalog(), 'ddeutil-audit');
    const runs = await source.page(viewPlan(f.runs, { columns: ['run_name', 'status', 'ddeutil_runs.status'], filters: [], sort: [{ column: 'ddeutil_runs.run_id', desc: false }] }), 0, 10);
    expect(runs.rows).toEqual([['wf-old', 'failed', 1], ['wf-old', 'ok', 0], ['wf-old', 'failed', 1], ['wf-mid', 'ok', 1], ['wf-mid', 'failed', 2]]);
    expect(runs.rows.filter((r) => r[1] === 'unknown')).toEqual([]);
    expect(await stepsOf(source, ['wf-old', '20250301000000000001T1'])).toEqual([['a', 'ok', 'SUCCESS'], ['b', 'failed', 'FAILED'], ['c', 'skipped', 'SKIP']]);
    expect(await stepsOf(source, ['wf-mid', '20250601000000000001T1'])).toEqual([['a', 'ok', 'SUCCESS'], ['b', 'skipped', 'SKIP']]);
  });
});
