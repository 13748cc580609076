/**
 * Issue 13 item 15: suspicious OpenLineage run ids are flagged, not merged. dbt-ol's own test
 * results (OpenLineage/integration/common/tests/dbt/{build,fail,postgres}/result.json, in
 * ../shared/fixtures/real) carry the unrendered runId `{{ any(result) }}` in every event; read as
 * one folder they must make one run per file (not one run of all their events), each listed as a
 * load problem, while a real UUID whose events sit in two files (the OpenLineage Python client's
 * serde_example_run_event.json and its COMPLETE) stays one run. Counts come from the files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreManager } from '../../../electron/sources/store-manager';
import { findFormat } from '../../../electron/views/store-formats';
import { stepsPlan, viewPlan } from '../../../electron/views/view-plans';
import { tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const REAL = path.resolve(__dirname, '../../../../shared/fixtures/real/OpenLineage');
const DBT = ['build', 'fail', 'postgres'].map((d) => path.join('integration', 'common', 'tests', 'dbt', d, 'result.json'));
const { dir, cleanup } = tempDir();
const stores = new StoreManager(sqliteDeps, {}, path.join(dir, 'cache'));
afterAll(async () => {
  await stores.closeAll();
  cleanup();
});

describe('suspicious OpenLineage run ids', () => {
  it('an unrendered template makes one run per file, listed as a problem; a real id across two files stays one run', async () => {
    const folder = path.join(dir, 'events');
    for (const f of DBT) {
      fs.mkdirSync(path.dirname(path.join(folder, f)), { recursive: true });
      fs.copyFileSync(path.join(REAL, f), path.join(folder, f));
    }
    const run = JSON.parse(fs.readFileSync(path.join(REAL, 'client/python/tests/serde_example_run_event.json'), 'utf8')) as Record<string, unknown> & { run: { runId: string } };
    fs.writeFileSync(path.join(folder, 'start.json'), JSON.stringify(run));
    fs.writeFileSync(path.join(folder, 'complete.json'), JSON.stringify({ ...run, eventType: 'COMPLETE', eventTime: '2021-11-03T10:54:01.100200Z' }));

    // The truth from the files: events per (runId, file).
    const perFile = DBT.map((f) => {
      const events = JSON.parse(fs.readFileSync(path.join(REAL, f), 'utf8')) as { run?: { runId?: string } }[];
      expect(events.every((e) => e.run?.runId === '{{ any(result) }}')).toBe(true);
      return { id: `{{ any(result) }} @ ${f.split(path.sep).join('/')}`, events: events.length };
    });

    const { source } = await stores.openLocation(folder);
    const catalog = await source.catalog();
    expect(catalog.problems.map((p) => path.relative(folder, p.path)).sort()).toEqual([...DBT].sort());
    expect(catalog.problems.every((p) => p.message.includes('run id "{{ any(result) }}" is an unrendered template'))).toBe(true);

    const f = findFormat(catalog, 'openlineage');
    const runs = await source.page(viewPlan(f.runs, { columns: ['run_id', 'openlineage_runs.event_count'], filters: [], sort: [{ column: 'run_id', desc: false }] }), 0, 50);
    const byId = Object.fromEntries(runs.rows.map((r) => [r[0] as string, Number(r[1])]));
    expect(byId).toEqual({ ...Object.fromEntries(perFile.map((p) => [p.id, p.events])), [run.run.runId]: 2 });
    // Each run's steps are its file's events, no more.
    for (const [i, key] of runs.keys.entries()) {
      const id = runs.rows[i]?.[0] as string;
      const steps = await source.count(stepsPlan(f, { filters: [], sort: [] }, key), 10_000);
      expect(steps.value, id).toBe(byId[id]);
    }
  });
});
