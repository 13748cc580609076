import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runsPlan } from '../../../electron/views/runs-plan';
import { stepsPlan } from '../../../electron/views/view-plans';
import { findFormat, storeFormats } from '../../../electron/views/store-formats';
import type { Source } from '../../../electron/sources/source';
import { StoreManager } from '../../../electron/sources/store-manager';
import { sha256, tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';
import { cellToText } from '../../../shared/model/values';

const REAL = path.resolve(__dirname, '../../../../shared/fixtures/real');
const { dir, cleanup } = tempDir();
const stores = new StoreManager(sqliteDeps, {}, path.join(dir, 'cache'));
afterAll(async () => {
  await stores.closeAll();
  cleanup();
});

async function runsOf(source: Source, format: string, columns: string[]) {
  const f = findFormat(await source.catalog(), format);
  return { f, page: await source.page(await runsPlan(source, f, { columns, filters: [], sort: [{ column: 'started_at', desc: false }] }), 0, 100) };
}

describe('formats read from JSON stores', () => {
  it('openlineage: the Marquez apples chain is 8 completed runs, each with its events as steps and lineage edges', async () => {
    const folder = path.join(REAL, 'marquez/api/src/test/resources/apples');
    const { source } = await stores.openLocation(folder);
    const { f, page } = await runsOf(source, 'openlineage', ['run_name', 'status', 'raw_status']);
    expect(page.rows.map((r) => r[0])).toEqual([
      'gather_apples', 'prepare_apple_filling', 'prepare_apple_pie', 'prepare_apple_cider', 'gather_apples', 'prepare_apple_filling', 'prepare_apple_pie', 'prepare_vinegar',
    ]);
    expect(page.rows.every((r) => r[1] === 'ok' && r[2] === 'COMPLETE')).toBe(true);
    expect(f.model.lineage[0]?.table.name).toBe('openlineage_edges');
    const steps = await source.page(stepsPlan(f, { columns: ['step_name', 'status'], filters: [], sort: [] }, page.keys[0] ?? []), 0, 10);
    expect(steps.rows).toEqual([['COMPLETE', 'ok']]);
  });

  it('dbt-artifacts: the real run_results give one run per invocation; the one with an error failed', async () => {
    const { source } = await stores.openLocation(path.join(REAL, 'OpenLineage/integration/common/tests/dbt'));
    const f = findFormat(await source.catalog(), 'dbt-artifacts');
    const runs = await source.page(await runsPlan(source, f, { columns: ['run_id', 'status'], filters: [], sort: [{ column: 'run_id', desc: false }] }), 0, 10);
    expect(runs.rows).toEqual([
      ['1269f08d-da04-4fbd-8207-1ddc9110cb1b', 'ok'],
      ['8c814240-637d-4a36-937e-43787f5c79e0', 'failed'],
      ['b1d24c06-5f63-40e4-a0a2-b0a8d46fb18f', 'ok'],
    ]);
    const steps = await source.page(stepsPlan(f, { columns: ['raw_status', 'status'], filters: [], sort: [] }, runs.keys[1] ?? []), 0, 10);
    expect(steps.rows.map((r) => r[0]).sort()).toEqual(['error', 'skipped', 'success', 'success']);
    expect(steps.rows.find((r) => r[0] === 'error')?.[1]).toBe('failed');
  });

  it('ddeutil-audit: a workflow=/release= audit tree gives runs with their jobs as steps, statuses in any case', async () => {
    const tree = path.join(dir, 'audits');
    const write = (wf: string, release: string, id: string, status: string, jobs: Record<string, string>) => {
      const folder = path.join(tree, `workflow=${wf}`, `release=${release}`);
      fs.mkdirSync(folder, { recursive: true });
      const doc = {
        name: wf, release: `${release.slice(0, 4)}-${release.slice(4, 6)}-${release.slice(6, 8)} 01:00:00`, type: 'normal', run_id: id, parent_run_id: id,
        context: { status, params: {}, jobs: Object.fromEntries(Object.entries(jobs).map(([j, s]) => [j, { status: s, stages: { 'stage-1': { status: s, outputs: {} } } }])) },
        runs_metadata: { exec_start: '2025-08-07 23:03:28.123456+00:00', exec_end: '2025-08-07 23:03:30.123456+00:00', exec_latency: 2 },
      };
      fs.writeFileSync(path.join(folder, `${id}.log`), JSON.stringify(doc, null, 2));
    };
    write('wf-load', '20250807230300', '20250807230328123456T1354680202', 'SUCCESS', { extract: 'SUCCESS', load: 'SUCCESS' });
    write('wf-load', '20250808230300', '20250808230328123456T1354680202', 'failed', { extract: 'SUCCESS', load: 'FAILED' });
    const before = sha256(path.join(tree, 'workflow=wf-load/release=20250808230300/20250808230328123456T1354680202.log'));
    const { source } = await stores.openLocation(tree);
    expect(storeFormats(await source.catalog()).map((x) => x.model.formatId)).toEqual(['ddeutil-audit']);
    const f = findFormat(await source.catalog(), 'ddeutil-audit');
    const runs = await source.page(await runsPlan(source, f, { columns: ['run_name', 'status', 'duration_s'], filters: [], sort: [{ column: 'run_id', desc: false }] }), 0, 10);
    expect(runs.rows).toEqual([['wf-load', 'ok', 2], ['wf-load', 'failed', 2]]);
    const steps = await source.page(stepsPlan(f, { columns: ['step_name', 'status'], filters: [], sort: [] }, runs.keys[1] ?? []), 0, 10);
    expect(steps.rows.map((r) => r.map((c) => cellToText(c)).join(':')).sort()).toEqual(['extract:ok', 'load:failed']);
    expect(sha256(path.join(tree, 'workflow=wf-load/release=20250808230300/20250808230328123456T1354680202.log'))).toBe(before);
  });

  it('dbt-log: NodeFinished events are the steps of their invocation', async () => {
    const file = path.join(dir, 'dbt.log');
    const line = (name: string, level: string, ts: string, extra: Record<string, unknown> = {}) => JSON.stringify({ info: { name, level, ts, invocation_id: 'inv-9', msg: name, code: 'Q', pid: 1, thread: 'Thread-1', category: '' }, data: extra });
    fs.writeFileSync(file, [
      line('MainReportVersion', 'info', '2024-06-01T10:00:00.000Z'),
      line('NodeStart', 'info', '2024-06-01T10:00:01.000Z', { node_info: { unique_id: 'model.p.orders', node_status: 'started', node_started_at: '2024-06-01T10:00:01', resource_type: 'model' } }),
      line('NodeFinished', 'info', '2024-06-01T10:00:03.000Z', { node_info: { unique_id: 'model.p.orders', node_status: 'success', node_started_at: '2024-06-01T10:00:01', node_finished_at: '2024-06-01T10:00:03', resource_type: 'model' } }),
      line('NodeFinished', 'error', '2024-06-01T10:00:04.000Z', { node_info: { unique_id: 'model.p.payments', node_status: 'error', node_started_at: '2024-06-01T10:00:02', resource_type: 'model' } }),
      line('CommandCompleted', 'info', '2024-06-01T10:00:05.000Z'),
    ].join('\n'));
    const { source } = await stores.openLocation(file);
    const f = findFormat(await source.catalog(), 'dbt-log');
    const runs = await source.page(await runsPlan(source, f, { columns: ['run_id', 'status', 'duration_s'], filters: [], sort: [] }), 0, 10);
    expect(runs.rows).toEqual([['inv-9', 'failed', 5]]);
    const steps = await source.page(stepsPlan(f, { columns: ['step_name', 'status'], filters: [], sort: [] }, runs.keys[0] ?? []), 0, 10);
    expect(steps.rows).toEqual([['model.p.orders', 'ok'], ['model.p.payments', 'failed']]);
  });
});
