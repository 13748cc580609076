/**
 * Where each format's steps start and end on a run's waterfall (issue 11 item 3), on real fixture
 * data where there is some (dbt run_results and manifests, Fivetran seeds) and on tables in the
 * shape each package writes: an end column, a duration, the next step's start, a point.
 */
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreManager } from '../../../electron/sources/store-manager';
import { FormatCatalog } from '../../../electron/views/format-catalog';
import { timeline } from '../../../electron/views/timeline-query';
import type { TimelineBar, TimelineResult } from '../../../shared/model/timeline';
import type { CellValue } from '../../../shared/model/values';
import { loadCsvTable } from '../../helpers/csv-to-sqlite';
import { tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';
import { expectSameMs, ms, realFixtures } from '../../helpers/timeline-truth';

const { dir, cleanup } = tempDir('auditlens-intervals-');
const stores = new StoreManager(sqliteDeps, {}, path.join(dir, 'cache'));
afterAll(async () => {
  await stores.closeAll();
  cleanup();
});

/** A run's waterfall, through the same engine as the app and the CLI. */
async function waterfall(location: string, format: string, runKey: readonly CellValue[]): Promise<{ r: TimelineResult; steps: TimelineBar[] }> {
  const { source } = await stores.openLocation(location);
  const fc = await FormatCatalog.resolve(source, () => []);
  const r = await timeline(fc, { format, query: { filters: [], sort: [] }, runKey: [...runKey], window: null, lanes: null, widthPx: 1_600 }, undefined, 'UTC');
  return { r, steps: r.lanes.filter((l) => l.kind === 'step').map((l) => l.bars[0] as TimelineBar) };
}

function sqlite(name: string, sql: string): string {
  const file = path.join(dir, name);
  const db = new Database(file);
  db.exec(sql);
  db.close();
  return file;
}

describe('step intervals per format', () => {
  it('dbt run_results: each node from its first timing start to its execute completion; the critical path follows depends_on', async () => {
    const target = path.join(realFixtures(), 'OpenLineage/integration/common/tests/dbt/postgres/target');
    const folder = path.join(dir, 'dbt-postgres');
    fs.mkdirSync(folder);
    for (const f of ['run_results.json', 'manifest.json']) {
      fs.copyFileSync(path.join(target, f), path.join(folder, f));
    }
    const results = JSON.parse(fs.readFileSync(path.join(folder, 'run_results.json'), 'utf8')) as { metadata: { invocation_id: string }; results: { unique_id: string; timing: { name: string; started_at: string; completed_at: string }[] }[] };
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as { nodes: Record<string, { depends_on?: { nodes?: string[] } }> };
    const { r, steps } = await waterfall(folder, 'dbt-artifacts', [results.metadata.invocation_id]);
    const expected = [...results.results].sort((a, b) => (ms(a.timing[0]?.started_at) ?? 0) - (ms(b.timing[0]?.started_at) ?? 0));
    expect(steps.map((b) => b.name)).toEqual(expected.map((x) => x.unique_id));
    steps.forEach((b, i) => {
      const t = expected[i]?.timing ?? [];
      expectSameMs(b.startMs, ms(t[0]?.started_at), `${b.name} start`);
      expectSameMs(b.endMs, ms(t.find((x) => x.name === 'execute')?.completed_at), `${b.name} end`);
    });
    // depends_on between the run's own nodes: customers and orders wait for the staging models.
    const idOf = new Map(steps.map((b) => [b.name, b.id]));
    for (const b of steps) {
      const deps = (manifest.nodes[b.name ?? '']?.depends_on?.nodes ?? []).filter((n) => idOf.has(n)).map((n) => idOf.get(n));
      expect([...(b.dependsOn ?? [])].sort()).toEqual(deps.sort());
    }
    expect(r.criticalPathBasis).toBe('dependencies');
    const path_ = r.criticalPath ?? [];
    for (let i = 1; i < path_.length; i++) {
      expect(steps.find((b) => b.id === path_[i])?.dependsOn).toContain(path_[i - 1]);
    }
    // The longest chain through depends_on by duration, found by trying every chain.
    const dur = (b: TimelineBar): number => (b.endMs ?? b.startMs) - b.startMs;
    const longest = (b: TimelineBar): number => dur(b) + Math.max(0, ...(b.dependsOn ?? []).map((d) => longest(steps.find((x) => x.id === d) as TimelineBar)));
    expect(path_.reduce((a, id) => a + dur(steps.find((x) => x.id === id) as TimelineBar), 0)).toBe(Math.max(...steps.map(longest)));
  });

  it('dbt run_results: nodes that never ran (no timing) are counted as untimed, not drawn at 1970', async () => {
    const target = path.join(realFixtures(), 'OpenLineage/integration/common/tests/dbt/fail/target');
    const folder = path.join(dir, 'dbt-fail');
    fs.mkdirSync(folder);
    fs.copyFileSync(path.join(target, 'run_results.json'), path.join(folder, 'run_results.json'));
    const results = JSON.parse(fs.readFileSync(path.join(folder, 'run_results.json'), 'utf8')) as { metadata: { invocation_id: string }; results: { timing: unknown[] }[] };
    const { r, steps } = await waterfall(folder, 'dbt-artifacts', [results.metadata.invocation_id]);
    const untimed = results.results.filter((x) => x.timing.length === 0).length;
    expect(untimed).toBeGreaterThan(0);
    expect(r.untimed).toBe(untimed);
    expect(steps).toHaveLength(results.results.length - untimed);
    expect(steps.every((b) => b.startMs > Date.UTC(2000, 0, 1))).toBe(true);
  });

  it('Fivetran: each log row of a sync until the next one, the last at sync_end (real seeds)', async () => {
    const file = path.join(dir, 'fivetran.db');
    loadCsvTable(file, 'log', path.join(realFixtures(), 'dbt_fivetran_log/integration_tests/seeds/log.csv'));
    const { r, steps } = await waterfall(file, 'fivetran-log', ['this_connection', 1]);
    const db = new Database(file, { readonly: true });
    const rows = db.prepare("SELECT time_stamp, message_event FROM log WHERE connection_id = 'this_connection' ORDER BY time_stamp, id").all() as { time_stamp: string; message_event: string }[];
    db.close();
    const first = rows.slice(rows.findIndex((x) => x.message_event === 'sync_start'), rows.findIndex((x, i) => i > 0 && x.message_event === 'sync_start'));
    expect(steps.map((b) => b.name)).toEqual(first.map((x) => x.message_event));
    steps.forEach((b, i) => {
      expectSameMs(b.startMs, ms(first[i]?.time_stamp));
      expectSameMs(b.endMs, i + 1 < steps.length ? ms(first[i + 1]?.time_stamp) : r.run?.endMs);
    });
    expect(r.run?.name).toBe('this_connection');
  });

  it('dbt-event-logging: a model from its deployment start to its completion; a crash leaves a tick', async () => {
    const file = sqlite('events.db', `CREATE TABLE dbt_audit_log (event_name TEXT, event_timestamp TIMESTAMP, event_schema TEXT, event_model TEXT, invocation_id TEXT);
      INSERT INTO dbt_audit_log VALUES ('run started', '2026-10-01 10:00:00', NULL, NULL, 'inv-a'),
        ('model deployment started', '2026-10-01 10:00:01', 'a', 'orders', 'inv-a'), ('model deployment completed', '2026-10-01 10:00:09', 'a', 'orders', 'inv-a'),
        ('model deployment started', '2026-10-01 10:00:10', 'a', 'payments', 'inv-a');`);
    const { steps } = await waterfall(file, 'dbt-event-log', ['inv-a']);
    expect(steps.map((b) => [b.name, b.startMs, b.endMs, b.status])).toEqual([
      ['orders', Date.UTC(2026, 9, 1, 10, 0, 1), Date.UTC(2026, 9, 1, 10, 0, 9), 'ok'],
      ['payments', Date.UTC(2026, 9, 1, 10, 0, 10), null, 'failed'],
    ]);
  });

  it('dbt_artifacts and Elementary tables: compile or execute start to query or execute completion', async () => {
    const file = sqlite('packages.db', `
      CREATE TABLE model_executions (command_invocation_id TEXT, node_id TEXT, run_started_at TIMESTAMP, status TEXT, compile_started_at TIMESTAMP, query_completed_at TIMESTAMP, total_node_runtime REAL, message TEXT);
      INSERT INTO model_executions VALUES ('i1', 'model.p.a', '2026-10-01 10:00:00', 'success', '2026-10-01 10:00:01.250', '2026-10-01 10:00:04.500', 3.25, NULL),
        ('i1', 'model.p.b', '2026-10-01 10:00:00', 'error', '2026-10-01 10:00:05', NULL, NULL, 'boom');
      CREATE TABLE dbt_run_results (model_execution_id TEXT, unique_id TEXT, invocation_id TEXT, status TEXT, execute_started_at TEXT, execute_completed_at TEXT, message TEXT);
      INSERT INTO dbt_run_results VALUES ('i9.model.p.a', 'model.p.a', 'i9', 'success', '2024-11-20T19:45:51.647115Z', '2024-11-20T19:45:53.000000Z', NULL);`);
    const pkg = await waterfall(file, 'dbt-artifacts::model_executions', ['i1']);
    expect(pkg.steps.map((b) => [b.name, b.startMs, b.endMs])).toEqual([
      ['model.p.a', Date.UTC(2026, 9, 1, 10, 0, 1, 250), Date.UTC(2026, 9, 1, 10, 0, 4, 500)],
      ['model.p.b', Date.UTC(2026, 9, 1, 10, 0, 5), null],
    ]);
    const elementary = await waterfall(file, 'dbt-artifacts::dbt_run_results', ['i9']);
    expect(elementary.steps).toHaveLength(1);
    expectSameMs(elementary.steps[0]?.startMs, Date.UTC(2024, 10, 20, 19, 45, 51, 647));
    expectSameMs(elementary.steps[0]?.endMs, Date.UTC(2024, 10, 20, 19, 45, 53));
  });

  it('dbt JSON logs: NodeFinished from node_started_at to node_finished_at', async () => {
    const folder = path.join(dir, 'dbt-logs');
    fs.mkdirSync(folder);
    const line = (name: string, ts: string, node?: { id: string; status: string; start: string; end: string }): string => JSON.stringify({
      data: node ? { node_info: { unique_id: node.id, node_status: node.status, node_started_at: node.start, node_finished_at: node.end, resource_type: 'model' } } : {},
      info: { name, code: 'X', level: 'info', msg: name, ts, invocation_id: 'inv-log', thread: 'MainThread', pid: 1, category: '', extra: {} },
    });
    fs.writeFileSync(path.join(folder, 'dbt.log'), [
      line('MainReportVersion', '2026-10-01T10:00:00.000000Z'),
      line('NodeFinished', '2026-10-01T10:00:05.100000Z', { id: 'model.p.a', status: 'success', start: '2026-10-01T10:00:01.000000', end: '2026-10-01T10:00:05.000000' }),
      line('NodeFinished', '2026-10-01T10:00:09.100000Z', { id: 'model.p.b', status: 'error', start: '2026-10-01T10:00:05.500000', end: '2026-10-01T10:00:09.000000' }),
      line('CommandCompleted', '2026-10-01T10:00:10.000000Z'),
    ].join('\n'));
    const { steps } = await waterfall(folder, 'dbt-log', ['inv-log']);
    expect(steps.map((b) => [b.name, b.startMs, b.endMs, b.status])).toEqual([
      ['model.p.a', Date.UTC(2026, 9, 1, 10, 0, 1), Date.UTC(2026, 9, 1, 10, 0, 5), 'ok'],
      ['model.p.b', Date.UTC(2026, 9, 1, 10, 0, 5, 500), Date.UTC(2026, 9, 1, 10, 0, 9), 'failed'],
    ]);
  });

  it("transformation logging: an operation depends on the one whose output its own output derives from (the session's lineage edges)", async () => {
    const file = sqlite('lineage.db', `
      CREATE TABLE transformation_session (id TEXT PRIMARY KEY, session_type TEXT, agent_id TEXT, status TEXT, started_at TIMESTAMPTZ, completed_at TIMESTAMPTZ);
      CREATE TABLE transformation_operation (id INTEGER PRIMARY KEY, session_id TEXT, operation_type TEXT, operation_order INTEGER, output_table TEXT, execution_time_ms INTEGER, created_at TIMESTAMPTZ);
      CREATE TABLE lineage_edge (id INTEGER PRIMARY KEY, source_type TEXT, source_schema TEXT, source_name TEXT, target_type TEXT, target_schema TEXT, target_name TEXT, session_id TEXT, created_at TIMESTAMPTZ);
      INSERT INTO transformation_session VALUES ('s1', 'SILVER_TO_GOLD', 'agent', 'COMPLETED', '2026-10-01T10:00:00Z', '2026-10-01T10:01:00Z');
      -- A long load of silver.prices, a short unrelated check, then gold.margin built from silver.prices.
      INSERT INTO transformation_operation VALUES
        (1, 's1', 'INSERT', 1, 'silver.prices', 20000, '2026-10-01T10:00:20Z'),
        (2, 's1', 'VALIDATE', 2, 'silver.checks', 30000, '2026-10-01T10:00:35Z'),
        (3, 's1', 'AGGREGATE', 3, 'gold.margin', 10000, '2026-10-01T10:00:45Z');
      INSERT INTO lineage_edge VALUES (1, 'TABLE', 'silver', 'prices', 'TABLE', 'gold', 'margin', 's1', '2026-10-01T10:00:45Z');`);
    const { r, steps } = await waterfall(file, 'transformation-log', ['s1']);
    expect(steps.map((b) => [b.name, b.dependsOn ?? []])).toEqual([['INSERT', []], ['VALIDATE', []], ['AGGREGATE', ['0']]]);
    // Back to back, VALIDATE (30 s) would win; the dependency says AGGREGATE waited for INSERT.
    expect(r.criticalPathBasis).toBe('dependencies');
    expect(r.criticalPath).toEqual(['0', '2']);
  });

  it('Postgres: steps until the next one, the last until the run ends, and p90 marks from earlier runs', async () => {
    const db = `al_steps_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${db}`);
    try {
      const c = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: db });
      await c.connect();
      await c.query(`CREATE TABLE dbt_audit_summary (invocation_id varchar(255), model_name varchar(255), run_started_at timestamp, run_ended_at timestamp, status varchar(50), PRIMARY KEY (invocation_id, model_name));
        CREATE TABLE dbt_audit_detail (detail_log_id varchar(255) PRIMARY KEY, invocation_id varchar(255), model_name varchar(255), step_name varchar(255), step_sequence_num integer NULL, event_timestamp timestamp, status varchar(50), message varchar(1000));`);
      // Six earlier runs where execute took 10 s, then one where it took 40 s.
      for (let i = 0; i <= 6; i++) {
        const t = (s: number): string => new Date(Date.UTC(2026, 9, 1 + i, 10, 0, s)).toISOString().replace('T', ' ').slice(0, 19);
        const execute = i === 6 ? 40 : 10;
        await c.query('INSERT INTO dbt_audit_summary VALUES ($1, $2, $3, $4, $5)', [`inv-${i}`, 'orders', t(0), t(5 + execute), i === 6 ? 'error' : 'completed']);
        await c.query(`INSERT INTO dbt_audit_detail VALUES ($1, $3, 'orders', 'compile', 1, $4, 'info', NULL), ($2, $3, 'orders', 'execute', 2, $5, 'info', NULL)`,
          [`c-${i}`, `e-${i}`, `inv-${i}`, t(1), t(5)]);
      }
      await c.query(`INSERT INTO dbt_audit_detail VALUES ('x-6', 'inv-6', 'orders', 'note', NULL, NULL, 'info', 'no time')`);
      await c.end();
      const { r, steps } = await waterfall(`postgres://postgres@127.0.0.1:5432/${db}`, 'dbt-audit', ['inv-6', 'orders']);
      const at = (s: number): number => Date.UTC(2026, 9, 7, 10, 0, s);
      expect(steps.map((b) => [b.name, b.startMs, b.endMs])).toEqual([['compile', at(1), at(5)], ['execute', at(5), at(45)]]);
      expect(r.untimed).toBe(1);
      expect(steps.map((b) => [b.usualMs, b.slowerThanUsual])).toEqual([[4_000, false], [10_000, true]]);
      expect(r.criticalPath).toEqual(['0', '1']);
    } finally {
      await stores.closeAll();
      await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await admin.end();
    }
  });
});
