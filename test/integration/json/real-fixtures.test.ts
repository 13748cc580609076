import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonSource } from '../../../electron/sources/json/json-source';
import { findTable } from '../../../shared/model/catalog';
import { compilePlan } from '../../../shared/query/plan';
import { sha256, tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const REAL = '/work/shared/fixtures/real';
const INVALID = 'ddeutil-workflow/tests/conf/context/jobs_strategies_failed.json';
/** dbt-ol's test results whose runId is the unrendered `{{ any(result) }}` (issue 13 item 15): listed as problems. */
const TEMPLATED = ['build', 'fail', 'postgres'].map((d) => path.join('OpenLineage', 'integration', 'common', 'tests', 'dbt', d, 'result.json'));
const { dir: cacheDir, cleanup } = tempDir('auditlens-json-real-');

/** Every JSON file of the real fixtures, relative to their folder. */
function jsonFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) {walk(full);}
      else if (e.name.endsWith('.json')) {out.push(path.relative(REAL, full));}
    }
  };
  walk(REAL);
  return out.sort();
}

/** Runs SQL on a source's cache, read-only. */
function query<T>(source: JsonSource, sql: string): T[] {
  const db = new Database(source.cacheFile, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

const files = jsonFiles();
const before = new Map(files.map((f) => [f, sha256(path.join(REAL, f))]));
let all: JsonSource;

beforeAll(async () => {
  all = await JsonSource.open(REAL, { ...sqliteDeps, cacheDir });
}, 60_000);

afterAll(async () => {
  await all?.close();
  cleanup();
});

describe('the real fixtures as one folder', () => {
  it('reads every JSON file and lists the invalid one and the unrendered run ids as problems', async () => {
    expect(files.length).toBeGreaterThan(100);
    const indexed = query<{ path: string }>(all, 'SELECT path FROM _files ORDER BY path').map((r) => r.path);
    expect(indexed).toEqual(files.map((f) => f.split(path.sep).join('/')));
    const catalog = await all.catalog();
    expect(catalog.source).toEqual({ kind: 'json', location: REAL, title: 'real' });
    expect(catalog.problems).toEqual([
      ...TEMPLATED.map((f) => ({ path: path.join(REAL, f), message: 'line 2: run id "{{ any(result) }}" is an unrendered template: its events make a run of this file only' })),
      {
        path: path.join(REAL, INVALID),
        message: "line 30, byte 650: a trailing comma before '}'; the record that starts on line 1 was skipped; the rest of the file was not read",
      },
    ]);
    expect(catalog.tables.map((t) => t.name)).not.toContain('_auditlens_problems');
    expect(catalog.tables.map((t) => t.name)).toContain('_files');
  });

  it('turns the dbt run_results into results with their real statuses', () => {
    const rows = query<{ invocation_id: string; statuses: string }>(all, `
      SELECT invocation_id, group_concat(status, ',') AS statuses FROM (SELECT * FROM dbt_results ORDER BY rowid) GROUP BY invocation_id ORDER BY invocation_id`);
    expect(rows).toEqual([
      { invocation_id: '1269f08d-da04-4fbd-8207-1ddc9110cb1b', statuses: 'success,success,success,success,success' },
      { invocation_id: '8c814240-637d-4a36-937e-43787f5c79e0', statuses: 'error,success,success,skipped' },
      { invocation_id: 'b1d24c06-5f63-40e4-a0a2-b0a8d46fb18f', statuses: 'success,pass,pass,pass,success' },
    ]);
    expect(query<{ n: number }>(all, "SELECT count(*) AS n FROM dbt_nodes WHERE resource_type = 'model'")[0]?.n).toBeGreaterThan(5);
    expect(query<{ n: number }>(all, 'SELECT count(*) AS n FROM dbt_dependencies')[0]?.n).toBeGreaterThan(5);
  });

  it('turns the ddeutil context fixtures into jobs and stages', () => {
    expect(query(all, 'SELECT job_id, status, stage_count FROM ddeutil_jobs ORDER BY _file_id')).toEqual([
      { job_id: null, status: 'failed', stage_count: 1 },
      { job_id: 'first-job', status: 'failed', stage_count: 1 },
    ]);
    expect(query(all, 'SELECT job_id, stage_id, status, outputs FROM ddeutil_stages ORDER BY _file_id')).toEqual([
      { job_id: null, stage_id: 'first-stage', status: 'failed', outputs: '{"foo":"bar"}' },
      { job_id: null, stage_id: null, status: 'failed', outputs: '{"foo":"bar"}' },
      { job_id: 'first-job', stage_id: 'first-stage', status: 'failed', outputs: '{"foo":"bar"}' },
    ]);
  });

  it('keeps Spark placeholders as strings and an event without a run id as data', () => {
    const spark = query<{ job_name: string }>(all, "SELECT job_name FROM openlineage_events WHERE job_name LIKE 'cli_test_application%' ORDER BY job_name");
    expect(spark.length).toBeGreaterThan(0);
    const placeholders = query<{ dataset_name: string }>(all, `
      SELECT DISTINCT dataset_name FROM openlineage_edges WHERE dataset_name LIKE '%json-unit.regex%' ORDER BY dataset_name`);
    expect(placeholders.map((r) => r.dataset_name)).toEqual(['${json-unit.regex}.*/spark-warehouse/t1', '${json-unit.regex}.*/spark-warehouse/t2']);
    const noRun = query<{ run_id: string | null; job_name: string }>(all, `
      SELECT e.run_id, e.job_name FROM openlineage_events e JOIN _files f ON f.id = e._file_id WHERE f.path LIKE '%event_no_run_id.json'`);
    expect(noRun).toEqual([{ run_id: null, job_name: 'myjob' }]);
  });

  it('pages through a table with the SQLite path', async () => {
    const catalog = await all.catalog();
    const table = findTable(catalog, { schema: null, name: 'openlineage_events' });
    expect(table).toBeDefined();
    if (!table) {return;}
    const page = await all.page(compilePlan(table, { table, filters: [], sort: [] }), 0, 10);
    expect(page.rows).toHaveLength(10);
    expect(page.columns).toContain('event_time');
    const counts = await all.rowCounts(2_000);
    expect(counts._auditlens_problems).toBeUndefined();
    expect(counts.openlineage_events?.value).toBeGreaterThan(50);
  });
});

describe('the marquez apples chain', () => {
  let apples: JsonSource;
  beforeAll(async () => {
    apples = await JsonSource.open(path.join(REAL, 'marquez/api/src/test/resources/apples'), { ...sqliteDeps, cacheDir });
  });
  afterAll(async () => apples?.close());

  it('has its 8 events, 20 edges, 8 runs, 5 jobs and 9 datasets', async () => {
    const n = (t: string): number | undefined => query<{ n: number }>(apples, `SELECT count(*) AS n FROM ${t}`)[0]?.n;
    expect([n('openlineage_events'), n('openlineage_edges'), n('openlineage_runs'), n('openlineage_jobs'), n('openlineage_datasets')]).toEqual([8, 20, 8, 5, 9]);
    expect((await apples.catalog()).problems).toEqual([]);
  });

  it('derives jobs, dataset reads and writes, and UTC run times across the +10:00 offsets', () => {
    expect(query(apples, "SELECT run_count, first_started_at FROM openlineage_jobs WHERE job_name = 'gather_apples'"))
      .toEqual([{ run_count: 2, first_started_at: '2020-08-29T23:00:00.000000Z' }]);
    expect(query(apples, "SELECT read_count, write_count FROM openlineage_datasets WHERE dataset_name = 'apples'"))
      .toEqual([{ read_count: 3, write_count: 2 }]);
    expect(query(apples, "SELECT state, ended_at FROM openlineage_runs WHERE job_name = 'prepare_vinegar'"))
      .toEqual([{ state: 'COMPLETE', ended_at: '2020-10-28T09:52:00.001000Z' }]);
  });
});

describe('each real fixture on its own', () => {
  it('opens every JSON file, listing problems only for the invalid one and the unrendered run ids', async () => {
    for (const f of files) {
      const source = await JsonSource.open(path.join(REAL, f), { ...sqliteDeps, cacheDir });
      try {
        const catalog = await source.catalog();
        expect(catalog.source.kind).toBe('json');
        expect(catalog.problems.length, f).toBe(f === INVALID || TEMPLATED.includes(f) ? 1 : 0);
        const data = catalog.tables.filter((t) => t.name !== '_files');
        expect(data.length > 0, f).toBe(f !== INVALID);
      } finally {
        await source.close();
      }
    }
  }, 120_000);

  it('never changed a byte of any fixture', () => {
    for (const f of files) {
      expect(sha256(path.join(REAL, f)), f).toBe(before.get(f));
    }
  });
});
