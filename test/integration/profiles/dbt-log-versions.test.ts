/**
 * dbt JSON logs without CommandCompleted: logs cut short (a killed or still running dbt) and dbt
 * before 1.5, which never wrote it. dbt 1.0-1.3 lines are flat (`log_version`, `type: "log_line"`,
 * `thread_name`, `node_info` beside `data`, no event name; NodeFinished's message is "Finished
 * running node <unique_id>", dbt-core core/dbt/events/types.py). dbt >= 1.5 lines nest `info`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreManager } from '../../../electron/sources/store-manager';
import { runsPlan } from '../../../electron/views/runs-plan';
import { findFormat } from '../../../electron/views/store-formats';
import { stepsPlan } from '../../../electron/views/view-plans';
import { tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const { dir, cleanup } = tempDir();
const stores = new StoreManager(sqliteDeps, {}, path.join(dir, 'cache'));
afterAll(async () => {
  await stores.closeAll();
  cleanup();
});

interface Node { readonly id: string; readonly status: string; readonly start: string; readonly end?: string }

/** A dbt 1.3 flat line (log_version 2). */
const flat = (inv: string, code: string, level: string, msg: string, ts: string, node?: Node): string => JSON.stringify({
  code, data: {}, invocation_id: inv, level, log_version: 2, msg,
  ...(node ? { node_info: { materialized: 'table', node_finished_at: node.end ?? '', node_name: node.id.split('.').pop(), node_path: 'x.sql', node_started_at: node.start, node_status: node.status, resource_type: 'model', unique_id: node.id } } : {}),
  pid: 7, thread_name: node ? 'Thread-1' : 'MainThread', ts, type: 'log_line',
});

/** A dbt >= 1.5 nested line. */
const nested = (inv: string, name: string, level: string, ts: string): string => JSON.stringify({ data: {}, info: { name, code: 'X', level, msg: name, ts, invocation_id: inv, pid: 1, thread: 'MainThread', category: '', extra: {} } });

async function runsAndSteps(file: string) {
  const { source } = await stores.openLocation(file);
  const f = findFormat(await source.catalog(), 'dbt-log');
  const runs = await source.page(await runsPlan(source, f, { columns: ['run_id', 'status'], filters: [], sort: [{ column: 'run_id', desc: false }] }), 0, 10);
  const steps = await source.page(stepsPlan(f, { columns: ['step_name', 'status'], filters: [], sort: [] }, runs.keys[0] ?? []), 0, 10);
  return { runs: runs.rows, steps: steps.rows };
}

describe('dbt JSON logs without CommandCompleted', () => {
  it('dbt 1.3 flat lines: node_info lifted into steps; the invocation is unknown, not failed', async () => {
    const file = path.join(dir, 'dbt-1.3.log');
    fs.writeFileSync(file, [
      flat('inv-13', 'A001', 'info', 'Running with dbt=1.3.1', '2022-12-01T10:00:00.000000Z'),
      flat('inv-13', 'Q024', 'debug', 'Began running node model.p.orders', '2022-12-01T10:00:01.000000Z', { id: 'model.p.orders', status: 'started', start: '2022-12-01T10:00:01.000000' }),
      flat('inv-13', 'Q012', 'info', '1 of 2 OK created table model analytics.orders', '2022-12-01T10:00:03.000000Z', { id: 'model.p.orders', status: 'success', start: '2022-12-01T10:00:01.000000', end: '2022-12-01T10:00:03.000000' }),
      flat('inv-13', 'Q025', 'debug', 'Finished running node model.p.orders', '2022-12-01T10:00:03.100000Z', { id: 'model.p.orders', status: 'success', start: '2022-12-01T10:00:01.000000', end: '2022-12-01T10:00:03.000000' }),
      flat('inv-13', 'Q025', 'debug', 'Finished running node model.p.payments', '2022-12-01T10:00:04.100000Z', { id: 'model.p.payments', status: 'success', start: '2022-12-01T10:00:03.200000', end: '2022-12-01T10:00:04.000000' }),
    ].join('\n'));
    const { runs, steps } = await runsAndSteps(file);
    expect(runs).toEqual([['inv-13', 'unknown']]);
    expect(steps).toEqual([['model.p.orders', 'ok'], ['model.p.payments', 'ok']]);
  });

  it('a truncated dbt 1.8 log is unknown unless an error line says it failed', async () => {
    const file = path.join(dir, 'truncated.log');
    fs.writeFileSync(file, [
      nested('inv-a', 'MainReportVersion', 'info', '2024-06-01T10:00:00.000Z'),
      nested('inv-a', 'NodeStart', 'info', '2024-06-01T10:00:01.000Z'),
      nested('inv-b', 'MainReportVersion', 'info', '2024-06-02T10:00:00.000Z'),
      nested('inv-b', 'RunResultError', 'error', '2024-06-02T10:00:02.000Z'),
    ].join('\n'));
    const { runs } = await runsAndSteps(file);
    expect(runs).toEqual([['inv-a', 'unknown'], ['inv-b', 'failed']]);
  });
});
