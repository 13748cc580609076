import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { viewPlan } from '../../../electron/views/view-plans';
import { findFormat } from '../../../electron/views/store-formats';
import { SqliteSource } from '../../../electron/sources/sqlite/sqlite-source';
import { loadCsvTable } from '../../helpers/csv-to-sqlite';
import { tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const SEEDS = path.resolve(__dirname, '../../../../shared/fixtures/real/dbt_fivetran_log');
const { dir, cleanup } = tempDir();
afterAll(cleanup);

async function syncsOf(file: string) {
  const s = await SqliteSource.open(file, sqliteDeps);
  try {
    const f = findFormat(await s.catalog(), 'fivetran-log');
    const runs = await s.page(viewPlan(f.runs, { columns: ['run_name', 'started_at', 'ended_at', 'status', 'raw_status', 'log.events'], filters: [], sort: [{ column: 'started_at', desc: false }] }), 0, 100);
    if (!f.steps) {
      throw new Error('no steps');
    }
    const key = runs.keys[0] ?? [];
    const steps = await s.page(viewPlan(f.steps, { columns: ['step_name', 'at'], filters: [], sort: [] }, f.steps.keyColumns.map((column, i) => ({ column, op: 'eq' as const, value: key[i] as string | number }))), 0, 100);
    return { runs, steps };
  } finally {
    await s.close();
  }
}

describe('fivetran-log on the real dbt_fivetran_log seeds', () => {
  it('makes syncs from sync_start to sync_end on the current schema (connection_id)', async () => {
    const file = path.join(dir, 'fivetran.db');
    loadCsvTable(file, 'log', path.join(SEEDS, 'integration_tests/seeds/log.csv'));
    loadCsvTable(file, 'connection', path.join(SEEDS, 'integration_tests/seeds/connection.csv'));
    const { runs, steps } = await syncsOf(file);
    expect(runs.rows.map((r) => r[0])).toEqual(['this_connection', 'this_connection']);
    // The seeds' sync_end rows carry no status: an ended sync without one counts as ok.
    expect(runs.rows.map((r) => [r[3], r[4]])).toEqual([['ok', 'ENDED'], ['ok', 'ENDED']]);
    expect(steps.rows[0]?.[0]).toBe('sync_start');
    expect(steps.rows[steps.rows.length - 1]?.[0]).toBe('sync_end');
    const times = steps.rows.map((r) => r[1] as string);
    expect(times).toEqual([...times].sort());
  });

  it('reads the older connector_id schema the same way', async () => {
    const file = path.join(dir, 'legacy.db');
    loadCsvTable(file, 'log', path.join(SEEDS, 'legacy_a4851bb_connector_id/integration_tests/seeds/log.csv'));
    const { runs } = await syncsOf(file);
    expect(runs.rows.length).toBeGreaterThan(0);
    expect(runs.columns[0]).toBe('run_name');
  });
});
