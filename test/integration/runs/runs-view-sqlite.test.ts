import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectFormats } from '../../../electron/profiles/registry';
import { SqliteSource } from '../../../electron/sources/sqlite/sqlite-source';
import { findTable } from '../../../shared/model/catalog';
import { compilePlan } from '../../../shared/query/plan';
import { runsView, stepsView } from '../../../shared/query/runs-view';
import { runsPlan } from '../../../electron/views/runs-plan';
import { stepsPlan } from '../../../electron/views/view-plans';
import { findFormat } from '../../../electron/views/store-formats';
import { sha256, tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const { dir, cleanup } = tempDir();
const file = path.join(dir, 'dbt.db');
let source: SqliteSource;
let hash: string;

beforeAll(async () => {
  const db = new Database(file);
  db.exec(`
    CREATE TABLE dbt_audit_summary (invocation_id VARCHAR(255), model_name VARCHAR(255), run_started_at TIMESTAMP, run_ended_at TIMESTAMP,
      execution_time_seconds INTEGER, rows_processed INTEGER, status VARCHAR(50), run_by_user VARCHAR(255), custom_message VARCHAR(1000),
      PRIMARY KEY (invocation_id, model_name));
    CREATE TABLE dbt_audit_detail (detail_log_id VARCHAR(255) PRIMARY KEY, invocation_id VARCHAR(255), model_name VARCHAR(255), step_name VARCHAR(255),
      step_sequence_num INTEGER NULL, event_timestamp TIMESTAMP, status VARCHAR(50), message VARCHAR(1000));
    INSERT INTO dbt_audit_summary VALUES
      ('inv-1', 'orders', '2026-10-01 10:00:00', '2026-10-01 10:00:30', 30, NULL, 'completed', 'ana', NULL),
      ('inv-1', 'payments', '2026-10-01 10:00:00', '2026-10-01 10:01:00', NULL, NULL, 'Error', 'ana', 'division by zero'),
      ('inv-2', 'orders', '2026-10-02 09:00:00', NULL, NULL, NULL, 'started', 'bo', NULL),
      ('inv-2', 'payments', '2026-10-02 09:00:00', '2026-10-02 09:00:05', 5, NULL, 'weird', 'bo', NULL);
    INSERT INTO dbt_audit_detail VALUES
      ('d1', 'inv-1', 'payments', 'execute', 2, '2026-10-01 10:00:20', 'error', 'division by zero'),
      ('d2', 'inv-1', 'payments', 'compile', 1, '2026-10-01 10:00:10', 'info', NULL),
      ('d3', 'inv-1', 'payments', 'cleanup', NULL, '2026-10-01 10:00:01', 'debug', NULL),
      ('d4', 'inv-1', 'payments', 'post_hook', 3, '2026-10-01 10:00:50', 'warning', NULL),
      ('d5', 'inv-1', 'orders', 'compile', 1, '2026-10-01 10:00:05', 'info', NULL);
  `);
  db.close();
  hash = sha256(file);
  source = await SqliteSource.open(file, sqliteDeps);
});

afterAll(async () => {
  await source.close();
  expect(sha256(file)).toBe(hash);
  cleanup();
});

async function views() {
  const catalog = await source.catalog();
  const [model] = detectFormats(catalog);
  if (!model || !model.steps) {
    throw new Error('dbt-audit not detected');
  }
  const base = findTable(catalog, model.runs.table);
  const stepsBase = findTable(catalog, model.steps.table);
  if (!base || !stepsBase) {
    throw new Error('tables missing');
  }
  const runs = runsView(model, base);
  const steps = stepsView(model, stepsBase);
  if (!steps) {
    throw new Error('no steps view');
  }
  return { runs, steps };
}

describe('runs view on SQLite', () => {
  it('shows normalised run columns with status classes beside the raw status and derived durations', async () => {
    const { runs } = await views();
    const plan = compilePlan(runs.table, { table: runs.table, columns: ['run_id', 'run_name', 'duration_s', 'status', 'raw_status', 'day'], filters: [], sort: [{ column: 'run_id', desc: false }, { column: 'run_name', desc: false }] }, runs.relation);
    const page = await source.page(plan, 0, 100);
    expect(page.rows).toEqual([
      ['inv-1 / orders', 'orders', 30, 'ok', 'completed', '2026-10-01'],
      ['inv-1 / payments', 'payments', 60, 'failed', 'Error', '2026-10-01'],
      ['inv-2 / orders', 'orders', null, 'running', 'started', '2026-10-02'],
      ['inv-2 / payments', 'payments', 5, 'unknown', 'weird', '2026-10-02'],
    ]);
    expect(page.keys[1]).toEqual(['inv-1', 'payments']);
  });

  it('filters on the normalised status and counts facets in the engine', async () => {
    const { runs } = await views();
    const plan = compilePlan(runs.table, { table: runs.table, filters: [{ column: 'status', op: 'eq', value: 'failed' }], sort: [] }, runs.relation);
    expect(await source.count(plan, 1_000)).toEqual({ value: 1, exact: true });
    const facets = await source.values(compilePlan(runs.table, { table: runs.table, filters: [{ column: 'actor', op: 'eq', value: 'ana' }], sort: [] }, runs.relation), 'status', 10);
    expect(facets.values).toEqual([{ value: 'failed', count: 1 }, { value: 'ok', count: 1 }]);
  });

  it("orders a run's steps by sequence with NULL sequence last, then by time", async () => {
    const { steps } = await views();
    const plan = compilePlan(steps.table, {
      table: steps.table,
      columns: ['step_name', 'status'],
      filters: [{ column: steps.keyColumns[0] as string, op: 'eq', value: 'inv-1' }, { column: steps.keyColumns[1] as string, op: 'eq', value: 'payments' }],
      sort: [...steps.defaultSort],
    }, steps.relation);
    const page = await source.page(plan, 0, 100);
    expect(page.rows).toEqual([['compile', 'ok'], ['execute', 'failed'], ['post_hook', 'ok'], ['cleanup', 'ok']]);
  });
});

describe('filters across runs and steps', () => {
  async function fmt() {
    return findFormat(await source.catalog(), 'dbt-audit');
  }

  it('keeps runs with any failed step', async () => {
    const f = await fmt();
    const plan = await runsPlan(source, f, { columns: ['run_id'], filters: [], sort: [], anyStepFailed: true });
    expect((await source.page(plan, 0, 10)).rows).toEqual([['inv-1 / payments']]);
  });

  it("keeps runs slower than their name's median under the other filters", async () => {
    const f = await fmt();
    // payments took 60 s and 5 s (median 32.5 s); orders only has one timed run (30 s).
    const plan = await runsPlan(source, f, { columns: ['run_id', 'duration_s'], filters: [], sort: [], slowerThanMedian: true });
    expect((await source.page(plan, 0, 10)).rows).toEqual([['inv-1 / payments', 60]]);
    const both = await runsPlan(source, f, { columns: ['run_id'], filters: [{ column: 'actor', op: 'eq', value: 'bo' }], sort: [], slowerThanMedian: true });
    expect((await source.page(both, 0, 10)).rows).toEqual([]);
  });

  it('lists the steps of failed runs across runs, with the run key on every step', async () => {
    const f = await fmt();
    const plan = stepsPlan(f, { columns: ['dbt_audit_detail.invocation_id', 'dbt_audit_detail.model_name', 'step_name'], filters: [], sort: [], runFilters: [{ column: 'status', op: 'eq', value: 'failed' }] }, null);
    const rows = (await source.page(plan, 0, 10)).rows;
    expect(rows.map((r) => r[2])).toEqual(['compile', 'execute', 'post_hook', 'cleanup']);
    expect(rows.every((r) => r[0] === 'inv-1' && r[1] === 'payments')).toBe(true);
  });
});

describe('dbt hook log runs from BEFORE/AFTER pairs', () => {
  const hook = path.join(dir, 'hook.db');

  it('pairs rows into runs with row counts, and a BEFORE without AFTER did not finish', async () => {
    const db = new Database(hook);
    db.exec(`CREATE TABLE dbt_audit_log (model_name VARCHAR(255), execution_time TIMESTAMP, row_count INT, run_id VARCHAR(255));
      INSERT INTO dbt_audit_log VALUES
        ('"db"."mart"."orders" - BEFORE', '2026-10-01 10:00:00', 100, 'r1'),
        ('"db"."mart"."orders" - AFTER', '2026-10-01 10:00:42', 130, 'r1'),
        ('"db"."mart"."payments" - BEFORE', '2026-10-01 10:01:00', 7, 'r1'),
        ('"db"."mart"."orders" - BEFORE', '2026-10-02 10:00:00', 130, 'r2'),
        ('"db"."mart"."orders" - AFTER', '2026-10-02 10:00:10', 125, 'r2');`);
    db.close();
    const before = sha256(hook);
    const s = await SqliteSource.open(hook, sqliteDeps);
    try {
      const catalog = await s.catalog();
      const [model] = detectFormats(catalog);
      expect(model?.formatId).toBe('dbt-hook-log');
      const base = findTable(catalog, { schema: null, name: 'dbt_audit_log' });
      if (!model || !base) {
        throw new Error('not detected');
      }
      const runs = runsView(model, base);
      const plan = compilePlan(runs.table, {
        table: runs.table,
        columns: ['run_id', 'run_name', 'duration_s', 'status', 'raw_status', 'dbt_audit_log.rows_before', 'dbt_audit_log.rows_after', 'dbt_audit_log.rows_diff'],
        filters: [],
        sort: [{ column: 'run_id', desc: false }],
      }, runs.relation);
      const page = await s.page(plan, 0, 10);
      expect(page.rows).toEqual([
        ['r1 / "db"."mart"."orders"', '"db"."mart"."orders"', 42, 'ok', 'finished', 100, 130, 30],
        ['r1 / "db"."mart"."payments"', '"db"."mart"."payments"', null, 'failed', 'no AFTER row', 7, null, null],
        ['r2 / "db"."mart"."orders"', '"db"."mart"."orders"', 10, 'ok', 'finished', 130, 125, -5],
      ]);
      const steps = stepsView(model, base);
      if (!steps) {
        throw new Error('no steps');
      }
      const stepPlan = compilePlan(steps.table, {
        table: steps.table,
        columns: ['step_name', 'at'],
        filters: [{ column: steps.keyColumns[0] as string, op: 'eq', value: 'r1' }, { column: steps.keyColumns[1] as string, op: 'eq', value: '"db"."mart"."orders"' }],
        sort: [...steps.defaultSort],
      }, steps.relation);
      expect((await s.page(stepPlan, 0, 10)).rows).toEqual([['BEFORE', '2026-10-01 10:00:00'], ['AFTER', '2026-10-01 10:00:42']]);
    } finally {
      await s.close();
    }
    expect(sha256(hook)).toBe(before);
  });
});
