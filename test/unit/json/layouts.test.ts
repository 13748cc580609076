import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dbtArtifactsLayout } from '../../../electron/ingest/json/layouts/dbt-artifacts';
import { dbtLogLayout } from '../../../electron/ingest/json/layouts/dbt-log';
import { auditPath, ddeutilLayout } from '../../../electron/ingest/json/layouts/ddeutil-audit';
import { genericTableName } from '../../../electron/ingest/json/layouts/generic';
import type { Layout } from '../../../electron/ingest/json/layouts/layout-kit';
import { LAYOUT_TABLES, LayoutRouter } from '../../../electron/ingest/json/layouts/layout-router';
import { openLineageLayout } from '../../../electron/ingest/json/layouts/openlineage';

const REAL = '/work/shared/fixtures/real';
const read = (rel: string): unknown => JSON.parse(fs.readFileSync(path.join(REAL, rel), 'utf8'));

type Rows = Record<string, Record<string, unknown>[]>;

/** Runs one layout on one value and collects its rows by table; ids count up per table. */
function run(layout: Layout, value: unknown, rel = 'x.json'): { accepted: boolean; rows: Rows } {
  const rows: Rows = {};
  const accepted = layout.accept(value, { rel, line: 1, exact: false }, (spec, r) => {
    (rows[spec.name] ??= []).push({ ...r });
    return spec.rowidAlias ? rows[spec.name]?.length ?? null : null;
  });
  return { accepted, rows };
}

describe('OpenLineage layout', () => {
  it('maps a full RunEvent to an event row and its edges, keeping facets and unknown keys', () => {
    const ev = read('OpenLineage/proxy/fluentd/events/event_full.json') as Record<string, unknown>;
    const { accepted, rows } = run(openLineageLayout, { ...ev, customTopLevel: 1 });
    expect(accepted).toBe(true);
    const e = rows.openlineage_events?.[0];
    expect(e).toMatchObject({ event_kind: 'run', event_type: ev.eventType, run_id: (ev.run as { runId: string }).runId, customTopLevel: 1 });
    expect(e?.parent_run_id).toBeTypeOf('string');
    const edges = rows.openlineage_edges ?? [];
    const inputs = (ev.inputs as unknown[]).length;
    const outputs = (ev.outputs as unknown[]).length;
    expect(edges).toHaveLength(inputs + outputs);
    expect(edges.every((x) => x.event_id === 1 && x.run_id === e?.run_id)).toBe(true);
    expect(edges.filter((x) => x.direction === 'input')).toHaveLength(inputs);
  });

  it('takes an event without a run id as data, not a crash', () => {
    const { accepted, rows } = run(openLineageLayout, read('OpenLineage/proxy/fluentd/events/event_no_run_id.json'));
    expect(accepted).toBe(true);
    expect(rows.openlineage_events?.[0]).toMatchObject({ run_id: null, job_name: 'myjob', event_kind: 'run' });
    expect(rows.openlineage_edges).toHaveLength(3);
  });

  it('tells dataset and job events from run events', () => {
    expect(run(openLineageLayout, read('OpenLineage/client/python/tests/serde_example_dataset_event.json')).rows.openlineage_events?.[0]?.event_kind).toBe('dataset');
    expect(run(openLineageLayout, read('OpenLineage/client/python/tests/serde_example_job_event.json')).rows.openlineage_events?.[0]?.event_kind).toBe('job');
  });

  it('accepts Spark expectations with placeholders and no event time', () => {
    const { accepted, rows } = run(openLineageLayout, read('OpenLineage/integration/spark/cli/tests/test_simple/example_expected_event_start.json'));
    expect(accepted).toBe(true);
    expect(rows.openlineage_events?.[0]?.event_time).toBeUndefined();
  });

  it('leaves facet test vectors and other JSON alone', () => {
    expect(run(openLineageLayout, read('OpenLineage/spec/tests/ParentRunFacet/1.json')).accepted).toBe(false);
    expect(run(openLineageLayout, read('marquez/web/docker/db/data/jobs.json')).accepted).toBe(false);
  });
});

describe('dbt artifacts layout', () => {
  it('reads run_results v2 into an invocation and results with their statuses', () => {
    const { rows } = run(dbtArtifactsLayout, read('OpenLineage/integration/common/tests/dbt/fail/target/run_results.json'));
    expect(rows.dbt_invocations).toEqual([expect.objectContaining({ invocation_id: '8c814240-637d-4a36-937e-43787f5c79e0', dbt_version: '0.21.0', command: 'run', result_count: 4 })]);
    expect(rows.dbt_results?.map((r) => r.status)).toEqual(['error', 'success', 'success', 'skipped']);
    expect(rows.dbt_results?.[1]).toMatchObject({ rows_affected: 2, started_at: '2021-07-28T12:09:46.041017Z', completed_at: '2021-07-28T12:09:47.994760Z' });
    expect(rows.dbt_results?.[0]?.message).toMatch(/^Database Error/);
  });

  it('reads a manifest into nodes and their dependencies', () => {
    const { rows } = run(dbtArtifactsLayout, read('OpenLineage/integration/common/tests/dbt/postgres/target/manifest.json'));
    const customers = rows.dbt_nodes?.find((n) => n.unique_id === 'model.jaffle_shop.customers');
    expect(customers).toMatchObject({ resource_type: 'model', materialized: 'table' });
    const parents = rows.dbt_dependencies?.filter((d) => d.unique_id === 'model.jaffle_shop.customers').map((d) => d.depends_on_id);
    expect(parents).toEqual(expect.arrayContaining(['model.jaffle_shop.stg_customers', 'model.jaffle_shop.stg_orders', 'model.jaffle_shop.stg_payments']));
  });

  it('leaves other documents alone', () => {
    expect(run(dbtArtifactsLayout, { metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/catalog/v1.json' } }).accepted).toBe(false);
  });
});

describe('dbt JSON log layout', () => {
  it('reads dbt >= 1.5 lines with node info lifted into columns', () => {
    const line = {
      data: { node_info: { unique_id: 'model.shop.orders', node_status: 'success', node_started_at: '2024-06-01T10:00:00.1', node_finished_at: '2024-06-01T10:00:02.5', resource_type: 'model' }, execution_time: 2.4 },
      info: { category: '', code: 'Q012', extra: {}, invocation_id: 'inv-1', level: 'info', msg: '1 of 1 OK', name: 'LogModelResult', pid: 42, thread: 'Thread-1', ts: '2024-06-01T10:00:02.6Z' },
    };
    const { rows } = run(dbtLogLayout, line);
    expect(rows.dbt_log_events?.[0]).toMatchObject({ name: 'LogModelResult', code: 'Q012', invocation_id: 'inv-1', node_unique_id: 'model.shop.orders', node_status: 'success', execution_time: 2.4, pid: 42 });
  });

  it('reads the flat lines of dbt 1.0 to 1.4', () => {
    const { rows } = run(dbtLogLayout, { code: 'A001', data: { v: '=1.3.0' }, invocation_id: 'inv-2', level: 'info', log_version: 2, msg: 'Running with dbt=1.3.0', pid: 7, thread_name: 'MainThread', ts: '2022-12-14T21:28:10.1Z', type: 'log_line' });
    expect(rows.dbt_log_events?.[0]).toMatchObject({ code: 'A001', invocation_id: 'inv-2', thread: 'MainThread', msg: 'Running with dbt=1.3.0' });
  });
});

describe('ddeutil-workflow layout', () => {
  const audit = {
    name: 'wf-scheduling', release: '2024-01-01 01:00:00', type: 'normal', run_id: '20240101010000123456T1354680202', parent_run_id: null,
    context: {
      status: 'FAILED', params: { 'asat-dt': '2024-10-01 00:00:00' },
      jobs: {
        'first-job': { status: 'SUCCESS', stages: { extract: { outputs: { rows: 3 }, status: 'SUCCESS' }, load: { outputs: {}, status: 'SUCCESS' } } },
        'matrix-job': { status: 'FAILED', strategies: { '1001': { status: 'FAILED', stages: { s1: { outputs: {}, status: 'FAILED', errors: { name: 'StageError', message: 'boom' } } } } } },
      },
      errors: { name: 'WorkflowError', message: 'matrix-job failed' },
    },
    runs_metadata: { exec_start: '2024-01-01 01:00:00.1+00:00', exec_end: '2024-01-01 01:00:05+00:00', exec_latency: 4.9 },
  };

  it('reads an audit document into a run with its jobs, strategies and stages', () => {
    const rel = 'audits/workflow=wf-scheduling/release=20240101010000/20240101010000123456T1354680202.log';
    expect(auditPath(rel)).toEqual({ workflow: 'wf-scheduling', release: '20240101010000' });
    const { rows } = run(ddeutilLayout, audit, rel);
    expect(rows.ddeutil_runs?.[0]).toMatchObject({ workflow: 'wf-scheduling', release_folder: '20240101010000', status: 'FAILED', job_count: 2, exec_latency: 4.9 });
    expect(rows.ddeutil_jobs?.map((j) => [j.job_id, j.strategy_id, j.status])).toEqual([['first-job', null, 'SUCCESS'], ['matrix-job', null, 'FAILED'], ['matrix-job', '1001', 'FAILED']]);
    expect(rows.ddeutil_stages?.map((s) => [s.job_id, s.strategy_id, s.stage_id])).toEqual([['first-job', null, 'extract'], ['first-job', null, 'load'], ['matrix-job', '1001', 's1']]);
    expect(rows.ddeutil_stages?.every((s) => s.run_id === audit.run_id)).toBe(true);
  });

  it('reads the real bare contexts, tolerating status and error nested inside jobs', () => {
    const wf = run(ddeutilLayout, read('ddeutil-workflow/tests/conf/context/workflow_failed.json'));
    expect(wf.rows.ddeutil_jobs?.map((j) => [j.job_id, j.status])).toEqual([['first-job', 'failed']]);
    expect(wf.rows.ddeutil_stages?.map((s) => [s.stage_id, s.status])).toEqual([['first-stage', 'failed']]);
    const job = run(ddeutilLayout, read('ddeutil-workflow/tests/conf/context/jobs_failed.json'));
    expect(job.rows.ddeutil_jobs?.[0]).toMatchObject({ job_id: null, status: 'failed', stage_count: 1 });
    const stage = run(ddeutilLayout, read('ddeutil-workflow/tests/conf/context/stages_failed.json'));
    expect(stage.rows.ddeutil_stages?.[0]).toMatchObject({ stage_id: null, status: 'failed', outputs: { foo: 'bar' } });
  });

  it('leaves look-alikes alone', () => {
    expect(run(ddeutilLayout, { outputs: { a: 1 }, status: 'ok', owner: 'x' }).accepted).toBe(false);
    expect(run(ddeutilLayout, read('marquez/api/src/test/resources/mappers/full_job_mapper.json')).accepted).toBe(false);
  });
});

describe('generic layout and routing', () => {
  it('names tables after their files', () => {
    expect(genericTableName('marquez/web/docker/db/data/jobs.json', LAYOUT_TABLES)).toBe('jobs');
    expect(genericTableName('logs/events-0001.jsonl', LAYOUT_TABLES)).toBe('events');
    expect(genericTableName('spec/tests/SchemaDatasetFacet/1.json', LAYOUT_TABLES)).toBe('SchemaDatasetFacet');
    expect(genericTableName('x/2024-01-01.json', LAYOUT_TABLES)).toBe('x');
    expect(genericTableName('openlineage_events.json', LAYOUT_TABLES)).toBe('json_openlineage_events');
    expect(genericTableName('_files.json', LAYOUT_TABLES)).toBe('files');
    expect(genericTableName('123.json', LAYOUT_TABLES)).toBe('records');
  });

  it('routes each record to the first layout that takes it, else to its file kind', () => {
    const router = new LayoutRouter();
    const seen: string[] = [];
    const emit = (spec: { name: string }): null => {
      seen.push(spec.name);
      return null;
    };
    expect(router.route(read('marquez/api/src/test/resources/apples/1_pick_apples.json'), { rel: 'apples/1.json', line: 1, exact: false }, emit)).toBe('openlineage');
    expect(router.route({ a: 1 }, { rel: 'things.json', line: 1, exact: false }, emit)).toBe('generic');
    expect(router.route(5, { rel: 'things.json', line: 1, exact: false }, emit)).toBe('generic');
    expect(seen).toEqual(['openlineage_events', 'openlineage_edges', 'openlineage_edges', 'things', 'things']);
  });
});
