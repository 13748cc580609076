import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/api/handlers';
import { generateDemoStore } from '../../../electron/demo/generate-demo';
import { StoreManager } from '../../../electron/sources/store-manager';
import type { FormatSummary, PageResult, RunComparison, RunFacets, StoreSummary } from '../../../shared/api/contract';
import type { Handlers } from '../../../shared/api/dispatch';
import { dispatch } from '../../../shared/api/dispatch';
import { AuditlensError } from '../../../shared/api/result';
import { sha256, tempDir } from '../../helpers/files';
import { testServices } from '../../helpers/services';
import { sqliteDeps } from '../../helpers/sqlite-deps';
import { cellToText } from '../../../shared/model/values';

const { dir, cleanup } = tempDir();
const demo = path.join(dir, 'demo.db');
let handlers: Handlers;
let stores: StoreManager;
let storeId: string;
let hash: string;

async function call<T>(name: string, input: unknown): Promise<T> {
  const r = await dispatch(handlers, name, input, { transport: 'test' });
  if (!r.ok) {
    throw new Error(`${r.error.code}: ${r.error.message}`);
  }
  return r.value as T;
}

beforeAll(async () => {
  generateDemoStore(demo);
  hash = sha256(demo);
  stores = new StoreManager(sqliteDeps);
  handlers = createHandlers(testServices(dir, demo, stores));
  storeId = (await call<StoreSummary>('stores.openDemo', {})).storeId;
}, 60_000);

afterAll(async () => {
  await stores.closeAll();
  expect(sha256(demo)).toBe(hash);
  cleanup();
});

describe('runs view on the demo store', () => {
  it('lists the formats the store holds', async () => {
    const formats = await call<FormatSummary[]>('formats.list', { storeId });
    expect(formats.map((f) => f.id)).toEqual(['dbt-audit', 'dbt-hook-log', 'ddeutil-audit', 'fivetran-log', 'fivetran-log', 'transformation-log']);
    expect(formats[4]).toMatchObject({ key: 'fivetran-log::log:activity', title: 'Fivetran Platform log (user activity)', stepsTable: null });
    expect(formats[0]).toMatchObject({ runsTable: 'dbt_audit_summary', stepsTable: 'dbt_audit_detail', timeline: true });
    expect(formats[0]?.warnings).toEqual([]);
    expect(formats[5]?.lineage).toBe(true);
    // An operation's logic and row counts are its story: shown by default, not hidden (its warnings are its message).
    const shown = ['transformation_logic', 'input_row_count', 'output_row_count'].map((c) => `transformation_operation.${c}`);
    expect(formats[5]?.stepsShown).toEqual(shown);
    expect(shown.every((c) => formats[5]?.stepColumns.includes(c))).toBe(true);
    expect(formats[0]?.stepsShown).toBeUndefined();
  });

  it('filters failed runs with counts equal to SQL, and facets follow the filters', async () => {
    const db = new Database(demo, { readonly: true });
    const failed = (db.prepare("SELECT count(*) AS n FROM dbt_audit_summary WHERE lower(status) IN ('error','failed','fail')").get() as { n: number }).n;
    const failedOrders = (db.prepare("SELECT count(*) AS n FROM dbt_audit_summary WHERE lower(status) IN ('error','failed','fail') AND model_name = 'stg_orders'").get() as { n: number }).n;
    db.close();
    const query = { filters: [{ column: 'status', op: 'eq', value: 'failed' }], sort: [] };
    expect(await call('runs.count', { storeId, format: 'dbt-audit', query })).toEqual({ value: failed, exact: true });
    const facets = await call<RunFacets>('runs.facets', { storeId, format: 'dbt-audit', query });
    // A facet ignores its own column's filter (so other values stay pickable) but follows the rest.
    expect(facets.status.values.find((v) => v.value === 'failed')?.count).toBe(failed);
    expect(facets.status.values.reduce((a, v) => a + v.count, 0)).toBe(60_000);
    expect(facets.run_name.values.find((v) => v.value === 'stg_orders')?.count ?? 0).toBe(failedOrders);
    const page = await call<PageResult>('runs.page', { storeId, format: 'dbt-audit', query, startRow: 0, endRow: 50 });
    expect(page.columns.slice(0, 4)).toEqual(['run_id', 'run_name', 'started_at', 'ended_at']);
    const started = page.rows.map((r) => r[2] as string);
    expect(started).toEqual([...started].sort().reverse());
    expect(page.rows.every((r) => r[5] === 'failed')).toBe(true);
  });

  it("hands a run's steps query its request id, so the grid can cancel it", async () => {
    const page = await call<PageResult>('runs.page', { storeId, format: 'dbt-audit', query: { filters: [], sort: [] }, startRow: 0, endRow: 1 });
    const source = stores.get(storeId);
    const realPage = source.page.bind(source);
    let entered: (() => void) | undefined;
    const reached = new Promise<void>((resolve) => (entered = resolve));
    // The page holds until its signal fires, so the cancel below cannot lose a race with a fast query.
    source.page = (_plan, _start, _limit, signal) => {
      entered?.();
      return new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new AuditlensError('cancelled', 'The query was cancelled.'))));
    };
    try {
      const pending = dispatch(handlers, 'runs.steps', { storeId, format: 'dbt-audit', runKey: page.keys[0], requestId: 'steps-1' }, { transport: 'test' });
      await reached;
      expect(await call('query.cancel', { requestId: 'steps-1' })).toBe(true);
      const r = await pending;
      expect(r.ok ? 'ok' : r.error.code).toBe('cancelled');
    } finally {
      source.page = realPage;
    }
    // And the real query still answers afterwards.
    expect((await call<PageResult>('runs.steps', { storeId, format: 'dbt-audit', runKey: page.keys[0] })).rows.length).toBeGreaterThan(0);
  });

  it("shows a run's steps in the format's order", async () => {
    const page = await call<PageResult>('runs.page', { storeId, format: 'dbt-audit', query: { filters: [{ column: 'status', op: 'eq', value: 'failed' }], sort: [] }, startRow: 0, endRow: 1 });
    const runKey = page.keys[0];
    const steps = await call<PageResult>('runs.steps', { storeId, format: 'dbt-audit', runKey });
    expect(steps.rows.length).toBeGreaterThanOrEqual(3);
    const seqCol = steps.columns.indexOf('dbt_audit_detail.step_sequence_num');
    const seqs = steps.rows.map((r) => r[seqCol]);
    const filled = seqs.filter((s) => s !== null) as number[];
    expect(filled).toEqual([...filled].sort((a, b) => a - b));
    expect(seqs.slice(filled.length).every((s) => s === null)).toBe(true);
    const inv = steps.columns.indexOf('dbt_audit_detail.invocation_id');
    expect(steps.rows.every((r) => r[inv] === runKey?.[0])).toBe(true);
  });

  it("takes an operation's warnings as its step message, so a search finds them (counted against SQL)", async () => {
    const db = new Database(demo, { readonly: true });
    const expected = (db.prepare("SELECT count(*) AS n FROM transformation_operation WHERE instr(lower(warnings), 'sort spilled') > 0").get() as { n: number }).n;
    db.close();
    expect(expected).toBeGreaterThan(0);
    const steps = await call<PageResult>('runs.steps', { storeId, format: 'transformation-log', runKey: null, query: { columns: ['message'], filters: [{ column: 'message', op: 'contains', value: 'sort spilled' }], sort: [] }, startRow: 0, endRow: 5_000 });
    expect(steps.rows.length).toBe(expected);
    expect(steps.rows.every((r) => cellToText(r[steps.columns.indexOf('message')] ?? null).includes('sort spilled to disk'))).toBe(true);
  });

  it("takes Fivetran sync statuses from sync_end's message_data JSON", async () => {
    const db = new Database(demo, { readonly: true });
    const failures = (db.prepare("SELECT count(*) AS n FROM log WHERE message_event = 'sync_end' AND json_valid(message_data) AND json_extract(message_data, '$.status') IN ('FAILURE', 'FAILURE_WITH_TASK')").get() as { n: number }).n;
    const starts = (db.prepare("SELECT count(*) AS n FROM log WHERE message_event = 'sync_start'").get() as { n: number }).n;
    db.close();
    const facets = await call<RunFacets>('runs.facets', { storeId, format: 'fivetran-log', query: {} });
    expect(failures).toBeGreaterThan(0);
    expect(facets.status.values.find((v) => v.value === 'failed')?.count).toBe(failures);
    expect(facets.status.values.reduce((a, v) => a + v.count, 0)).toBe(starts);
  });

  it('decodes ddeutil zlib contexts: status in every encoding, times from metadata, JSON as text', async () => {
    const db = new Database(demo, { readonly: true });
    const total = (db.prepare('SELECT count(*) AS n FROM audits').get() as { n: number }).n;
    db.close();
    const facets = await call<RunFacets>('runs.facets', { storeId, format: 'ddeutil-audit', query: {} });
    expect(facets.status.values.reduce((a, v) => a + v.count, 0)).toBe(total);
    expect(facets.status.values.find((v) => v.value === 'unknown')).toBeUndefined();
    expect(facets.status.values.find((v) => v.value === 'failed')?.count ?? 0).toBeGreaterThan(0);
    const page = await call<PageResult>('runs.page', {
      storeId, format: 'ddeutil-audit', startRow: 0, endRow: 5,
      query: { columns: ['run_name', 'started_at', 'status', 'audits.context_json'], filters: [{ column: 'audits.context_json', op: 'contains', value: '"jobs"' }], sort: [] },
    });
    expect(page.rows).toHaveLength(5);
    for (const r of page.rows) {
      expect(cellToText(r[1] ?? null)).toMatch(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/);
      const ctx = typeof r[3] === 'string' ? r[3] : (r[3] as { v: string }).v;
      expect(ctx.startsWith('{')).toBe(true);
    }
  });

  it('compares two runs of the same name step by step, and refuses runs of different names', async () => {
    const q = (status: string) => ({ filters: [{ column: 'run_name', op: 'eq', value: 'stg_orders' }, { column: 'status', op: 'eq', value: status }], sort: [] });
    const ok = await call<PageResult>('runs.page', { storeId, format: 'dbt-audit', query: q('ok'), startRow: 0, endRow: 1 });
    const failed = await call<PageResult>('runs.page', { storeId, format: 'dbt-audit', query: q('failed'), startRow: 0, endRow: 1 });
    const cmp = await call<RunComparison>('runs.compare', { storeId, format: 'dbt-audit', a: ok.keys[0], b: failed.keys[0] });
    expect(cmp.a[1]).toBe('stg_orders');
    expect(cmp.b[1]).toBe('stg_orders');
    expect(cmp.steps.length).toBeGreaterThanOrEqual(3);
    expect(cmp.steps.some((s) => s.statusDiffers)).toBe(true);
    // Each side carries its step's message, as dbt_audit_detail.message holds it (the first step of each name).
    const db = new Database(demo, { readonly: true });
    const messageOf = (key: unknown, name: string): string | null => {
      const [inv, model] = key as [string, string];
      const row = db.prepare('SELECT message FROM dbt_audit_detail WHERE invocation_id = ? AND model_name = ? AND step_name = ? ORDER BY rowid LIMIT 1').get(inv, model, name) as { message: string | null } | undefined;
      return row?.message === '' ? null : row?.message ?? null;
    };
    for (const s of cmp.steps.filter((x) => x.occurrence === 1)) {
      expect(s.a?.message ?? null).toBe(s.a ? messageOf(ok.keys[0], s.name) : null);
      expect(s.b?.message ?? null).toBe(s.b ? messageOf(failed.keys[0], s.name) : null);
    }
    expect(cmp.steps.some((s) => s.b?.status === 'failed' && (s.b.message ?? '') !== '')).toBe(true);
    db.close();
    const other = await call<PageResult>('runs.page', { storeId, format: 'dbt-audit', query: { filters: [{ column: 'run_name', op: 'eq', value: 'fct_orders' }], sort: [] }, startRow: 0, endRow: 1 });
    const r = await dispatch(handlers, 'runs.compare', { storeId, format: 'dbt-audit', a: ok.keys[0], b: other.keys[0] }, { transport: 'test' });
    expect(r.ok ? null : r.error.code).toBe('bad-input');
  });

  it("lists Fivetran user activity: actions by people, Fivetran's own excluded", async () => {
    const db = new Database(demo, { readonly: true });
    const actions = (db.prepare("SELECT count(*) AS n FROM log WHERE json_valid(message_data) AND json_extract(message_data, '$.actor') IS NOT NULL AND json_extract(message_data, '$.actor') <> 'fivetran'").get() as { n: number }).n;
    db.close();
    expect(actions).toBeGreaterThan(0);
    expect(await call('runs.count', { storeId, format: 'fivetran-log::log:activity', query: {} })).toEqual({ value: actions, exact: true });
    const page = await call<PageResult>('runs.page', { storeId, format: 'fivetran-log::log:activity', query: { columns: ['actor', 'run_name'] }, startRow: 0, endRow: 5 });
    expect(page.rows.every((r) => typeof r[0] === 'string' && String(r[0]).includes('@'))).toBe(true);
  });

  it('exports the runs view and one run\'s steps from the app, with the view in the provenance', async () => {
    const wait = async (jobId: string): Promise<{ state: string; rows: number; path: string | null }> => {
      for (let i = 0; i < 300; i++) {
        const s = await call<{ state: string; rows: number; path: string | null }>('export.progress', { jobId });
        if (s.state !== 'running') {
          return s;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('export did not finish');
    };
    const query = { columns: ['run_id', 'run_name', 'status'], filters: [{ column: 'status', op: 'eq', value: 'failed' }], sort: [] };
    const runs = await call<{ jobId: string }>('export.startView', { storeId, format: 'dbt-audit', kind: 'runs', query, options: { provenance: true } });
    const done = await wait(runs.jobId);
    expect(done.state).toBe('done');
    const failed = (await call<{ value: number }>('runs.count', { storeId, format: 'dbt-audit', query })).value;
    expect(done.rows).toBe(failed);
    const text = fs.readFileSync(done.path ?? '', 'utf8').trim().split('\n');
    expect(text[0]).toBe('run_id,run_name,status');
    expect(text.slice(1).every((l) => l.endsWith(',failed'))).toBe(true);
    expect((JSON.parse(fs.readFileSync(`${done.path}.json`, 'utf8')) as { view: unknown }).view).toMatchObject({ kind: 'runs', format: 'dbt-audit' });
    const page = await call<PageResult>('runs.page', { storeId, format: 'dbt-audit', query, startRow: 0, endRow: 1 });
    const steps = await call<{ jobId: string }>('export.startView', { storeId, format: 'dbt-audit', kind: 'steps', query: { columns: ['step_name', 'status'] }, runKey: page.keys[0] });
    const stepsDone = await wait(steps.jobId);
    const stepPage = await call<PageResult>('runs.steps', { storeId, format: 'dbt-audit', runKey: page.keys[0], query: { columns: ['step_name', 'status'] } });
    expect(stepsDone.rows).toBe(stepPage.rows.length);
  });

  it('names the formats a store has when asked for one it lacks', async () => {
    const r = await dispatch(handlers, 'runs.page', { storeId, format: 'openlineage', query: {}, startRow: 0, endRow: 10 }, { transport: 'test' });
    expect(r).toEqual({ ok: false, error: { code: 'not-found', message: 'The store has no openlineage audit format (it has: dbt-audit, dbt-hook-log, ddeutil-audit, fivetran-log, fivetran-log, transformation-log).' } });
  });
});
