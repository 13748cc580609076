import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/api/handlers';
import type { FormatSummary, MappingSuggestions, PageResult, StoreSummary } from '../../../shared/api/contract';
import type { Handlers } from '../../../shared/api/dispatch';
import { dispatch } from '../../../shared/api/dispatch';
import type { Mapping } from '../../../shared/model/mapping';
import { sha256, tempDir } from '../../helpers/files';
import { testServices } from '../../helpers/services';

const { dir, cleanup } = tempDir();
let handlers: Handlers;

async function call<T>(name: string, input: unknown): Promise<T> {
  const r = await dispatch(handlers, name, input, { transport: 'test' });
  if (!r.ok) {
    throw new Error(`${r.error.code}: ${r.error.message}`);
  }
  return r.value as T;
}

function makeStore(file: string, extraTable = false): void {
  const db = new Database(file);
  db.exec(`CREATE TABLE job_runs (run_uuid TEXT PRIMARY KEY, job TEXT, began TEXT, finished TEXT, state TEXT, triggered_by TEXT);
    CREATE TABLE job_tasks (task_id INTEGER PRIMARY KEY, run_uuid TEXT, task TEXT, seq INTEGER, logged_at TEXT, state TEXT, detail TEXT);
    INSERT INTO job_runs VALUES ('u1', 'nightly', '2026-10-01 01:00:00', '2026-10-01 01:05:00', 'SUCCEEDED', 'cron'),
      ('u2', 'nightly', '2026-10-02 01:00:00', '2026-10-02 01:09:00', 'Crashed', 'cron'), ('u3', 'adhoc', '2026-10-02 02:00:00', NULL, 'queued', 'ana');
    INSERT INTO job_tasks (run_uuid, task, seq, logged_at, state, detail) VALUES
      ('u2', 'load', 2, '2026-10-02 01:04:00', 'failed', 'disk full'), ('u2', 'extract', 1, '2026-10-02 01:00:10', 'ok', NULL),
      ('u1', 'extract', 1, '2026-10-01 01:00:05', 'ok', NULL), ('orphan', 'x', 1, '2026-10-01 00:00:00', 'ok', NULL);`);
  if (extraTable) {
    db.exec('CREATE TABLE other (x INTEGER)');
  }
  db.close();
}

const mapping: Mapping = {
  version: 1,
  title: 'Job runner',
  runs: { table: { schema: null, name: 'job_runs' }, key: ['run_uuid'], name: 'job', started: 'began', ended: 'finished', status: 'state', actor: 'triggered_by' },
  steps: { table: { schema: null, name: 'job_tasks' }, runKey: ['run_uuid'], order: [{ column: 'seq' }], name: 'task', at: 'logged_at', status: 'state', message: 'detail' },
  lineage: null,
  naiveTime: 'utc',
};

beforeAll(() => {
  handlers = createHandlers(testServices(dir, ''));
});
afterAll(cleanup);

describe('mapping a schema no profile knows', () => {
  it('suggests the join from same-named key columns, with the overlap measured in the data', async () => {
    const file = path.join(dir, 'a.db');
    makeStore(file);
    const { storeId } = await call<StoreSummary>('stores.openPath', { path: file });
    expect(await call<FormatSummary[]>('formats.list', { storeId })).toEqual([]);
    const s = await call<MappingSuggestions>('mapping.suggest', { storeId });
    expect(s.joins).toContainEqual({
      runsTable: { schema: null, name: 'job_runs' }, stepsTable: { schema: null, name: 'job_tasks' },
      pairs: [{ runs: 'run_uuid', steps: 'run_uuid' }], reason: 'same-name', overlap: { sampled: 3, matched: 2 },
    });
    expect(s.roles['job_runs']).toMatchObject({ started: 'began', ended: 'finished', status: 'state', name: 'job', actor: 'triggered_by' });
    expect(s.roles['job_tasks']).toMatchObject({ at: 'logged_at', status: 'state', message: 'detail' });
  });

  it('saves a mapping, shows runs with normalised statuses and ordered steps, and finds it again for the same schema', async () => {
    const a = path.join(dir, 'a.db');
    const before = sha256(a);
    const { storeId } = await call<StoreSummary>('stores.openPath', { path: a });
    const saved = await call<FormatSummary>('mapping.save', { storeId, mapping });
    expect(saved).toMatchObject({ key: 'mapped:Job runner', id: 'mapped', runsTable: 'job_runs', stepsTable: 'job_tasks' });
    // Neither table has the indexes the views need, and the user is told so.
    expect(saved.warnings).toEqual([
      'job_runs has no index on began, so showing the newest runs first reads and sorts the whole table.',
      "job_tasks has no index on (run_uuid), so opening a run's steps scans the whole table.",
    ]);
    const runs = await call<PageResult>('runs.page', { storeId, format: 'mapped:Job runner', query: { columns: ['run_id', 'status', 'raw_status', 'duration_s'], sort: [{ column: 'run_id', desc: false }] }, startRow: 0, endRow: 10 });
    expect(runs.rows).toEqual([['u1', 'ok', 'SUCCEEDED', 300], ['u2', 'failed', 'Crashed', 540], ['u3', 'running', 'queued', null]]);
    const steps = await call<PageResult>('runs.steps', { storeId, format: 'mapped:Job runner', runKey: runs.keys[1], query: { columns: ['step_name', 'status'] } });
    expect(steps.rows).toEqual([['extract', 'ok'], ['load', 'failed']]);
    expect(sha256(a)).toBe(before);

    const copy = path.join(dir, 'b.db');
    makeStore(copy);
    const other = await call<StoreSummary>('stores.openPath', { path: copy });
    expect((await call<FormatSummary[]>('formats.list', { storeId: other.storeId })).map((f) => f.key)).toEqual(['mapped:Job runner']);
    const different = path.join(dir, 'c.db');
    makeStore(different, true);
    const third = await call<StoreSummary>('stores.openPath', { path: different });
    expect(await call<FormatSummary[]>('formats.list', { storeId: third.storeId })).toEqual([]);
  });

  it('exports and imports a mapping as JSON', async () => {
    const a = await call<StoreSummary>('stores.openPath', { path: path.join(dir, 'a.db') });
    const { json } = await call<{ json: string }>('mapping.export', { storeId: a.storeId, title: 'Job runner' });
    expect(JSON.parse(json)).toMatchObject({ version: 1, title: 'Job runner' });
    const c = await call<StoreSummary>('stores.openPath', { path: path.join(dir, 'c.db') });
    const imported = await call<FormatSummary>('mapping.import', { storeId: c.storeId, json: json.replace('Job runner', 'Imported') });
    expect(imported.key).toBe('mapped:Imported');
    expect(fs.readdirSync(path.join(dir, 'data', 'mappings'))).toHaveLength(2);
  });

  it('refuses mappings that do not fit the store, with the reason', async () => {
    const { storeId } = await call<StoreSummary>('stores.openPath', { path: path.join(dir, 'a.db') });
    const bad = { ...mapping, title: 'bad', runs: { ...mapping.runs, started: 'nope' } };
    expect(await dispatch(handlers, 'mapping.save', { storeId, mapping: bad }, { transport: 'test' })).toEqual({
      ok: false, error: { code: 'unknown-column', message: 'The mapping\'s started column "nope" is not in job_runs.' },
    });
    const r = await dispatch(handlers, 'mapping.import', { storeId, json: '{"title": 3}' }, { transport: 'test' });
    expect(r.ok ? '' : r.error.message).toMatch(/not an Auditlens mapping/);
    const notJson = await dispatch(handlers, 'mapping.import', { storeId, json: '{nope' }, { transport: 'test' });
    expect(notJson.ok ? '' : notJson.error.message).toBe('The mapping file is not JSON.');
  });
});
