/**
 * The error in front for dbt JSON logs: a node's NodeFinished says only "Finished running node
 * <id>"; dbt keeps the real message in the node's run_result and, after the run, in a
 * RunResultError tied to the node (dbt >= 1.8 gives it node_info). Lines follow dbt-core 1.8's
 * event shapes (core/dbt/events/types.py: LogTestResult Q007, NodeFinished Q025, RunResultFailure
 * Z022, RunResultError Z024); ../shared/fixtures/real holds no dbt JSON log. Ground truth is read
 * back from the file itself.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cellToText } from '../../../shared/model/values';
import { StoreManager } from '../../../electron/sources/store-manager';
import { runsPlan } from '../../../electron/views/runs-plan';
import { findFormat } from '../../../electron/views/store-formats';
import { stepsPlan } from '../../../electron/views/view-plans';
import { tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';
import { DB_ERROR, INV, expectedMessages, notNull, payments, unique, writeDbtBuildLog } from '../../helpers/dbt-build-log';

const { dir, cleanup } = tempDir();
const stores = new StoreManager(sqliteDeps, {}, path.join(dir, 'cache'));
afterAll(async () => {
  await stores.closeAll();
  cleanup();
});

describe('dbt JSON logs: the node error in the step message', () => {
  it("a failed node's step message is its error from the node's other events, not 'Finished running node'", async () => {
    const file = path.join(dir, 'dbt-build.log');
    writeDbtBuildLog(file);
    const { source } = await stores.openLocation(file);
    const f = findFormat(await source.catalog(), 'dbt-log');
    const runs = await source.page(await runsPlan(source, f, { columns: ['run_id', 'status'], filters: [], sort: [] }), 0, 10);
    expect(runs.rows).toEqual([[INV, 'failed']]);
    const steps = await source.page(stepsPlan(f, { columns: ['step_name', 'status', 'message'], filters: [], sort: [] }, runs.keys[0] ?? []), 0, 10);
    const got = new Map(steps.rows.map((r) => [cellToText(r[0] ?? null), cellToText(r[2] ?? null)]));
    const expected = expectedMessages(file);
    expect(expected.size).toBe(4);
    expect(got).toEqual(expected);
    expect(got.get(notNull.id)).toBe('Got 78 results, configured to fail if != 0');
    expect(got.get(payments.id)).toBe(DB_ERROR);
    expect(got.get(unique.id)).toBe('Got 3 results, configured to fail if != 0');
    expect(steps.rows.map((r) => r[1])).toEqual(['ok', 'failed', 'failed', 'failed']);
  });

  it('a search for the error text finds the failed nodes (the runs search reads the same message)', async () => {
    const file = path.join(dir, 'dbt-build.log');
    const { source } = await stores.openLocation(file);
    const f = findFormat(await source.catalog(), 'dbt-log');
    const runs = await source.page(await runsPlan(source, f, { columns: ['run_id'], filters: [], sort: [] }), 0, 10);
    const hits = await source.page(stepsPlan(f, { columns: ['step_name'], filters: [{ column: 'message', op: 'contains', value: 'configured to fail' }], sort: [] }, runs.keys[0] ?? []), 0, 10);
    expect(hits.rows.map((r) => r[0]).sort()).toEqual([notNull.id, unique.id].sort());
  });
});
