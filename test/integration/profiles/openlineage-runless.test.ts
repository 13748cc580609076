/**
 * OpenLineage events without a run (DatasetEvent, JobEvent: the OpenLineage Python client's own
 * serde_example_{dataset,job}_event.json) and runs whose events carry no eventType, read from files
 * and from Marquez's `lineage_events` (dataset and job events stored with no run_uuid and no
 * event_type, as Marquez's OpenLineageDao writes them). Both sources must agree.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectJson } from '../../../electron/cli/inspect-command';
import { inspectStore } from '../../../electron/cli/inspect-command';
import type { Source } from '../../../electron/sources/source';
import { StoreManager } from '../../../electron/sources/store-manager';
import { findFormat } from '../../../electron/views/store-formats';
import { stepsPlan, viewPlan } from '../../../electron/views/view-plans';
import { tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const CLIENT = path.resolve(__dirname, '../../../../shared/fixtures/real/OpenLineage/client/python/tests');
const read = (name: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(CLIENT, name), 'utf8')) as Record<string, unknown>;
const { dir, cleanup } = tempDir();
const stores = new StoreManager(sqliteDeps, {}, path.join(dir, 'cache'));
const pgDb = `al_ol_${crypto.randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });

/** The real run event, the same run's COMPLETE, and a run whose events lack eventType. */
function events(): Record<string, unknown>[] {
  const run = read('serde_example_run_event.json');
  const complete = { ...run, eventType: 'COMPLETE', eventTime: '2021-11-03T10:54:01.100200' };
  const untyped = { ...run, eventType: undefined, run: { runId: '5b1c1f4e-5d7a-4b4c-9a63-0a0b0c0d0e0f' }, eventTime: '2021-11-04T08:00:00.000001Z' };
  return [run, complete, untyped, read('serde_example_dataset_event.json'), read('serde_example_job_event.json')];
}

beforeAll(async () => {
  const folder = path.join(dir, 'events');
  fs.mkdirSync(folder);
  events().forEach((e, i) => fs.writeFileSync(path.join(folder, `event-${i}.json`), JSON.stringify(e)));
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pgDb}`);
  const c = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: pgDb });
  await c.connect();
  await c.query(`CREATE TABLE lineage_events (event_time timestamptz NOT NULL, event jsonb NOT NULL, event_type text, job_name text, job_namespace text, producer text, run_uuid uuid, created_at timestamptz DEFAULT now(), _event_type varchar(64) DEFAULT 'RUN_EVENT')`);
  for (const e of events()) {
    const runId = (e.run as { runId?: string } | undefined)?.runId ?? null;
    const job = e.job as { name?: string; namespace?: string } | undefined;
    await c.query('INSERT INTO lineage_events (event_time, event, event_type, job_name, job_namespace, producer, run_uuid, _event_type) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      `${String(e.eventTime)}${String(e.eventTime).endsWith('Z') ? '' : 'Z'}`, e, e.eventType ?? null, job?.name ?? null, job?.namespace ?? null, e.producer ?? null, runId,
      e.dataset ? 'DATASET_EVENT' : e.run ? 'RUN_EVENT' : 'JOB_EVENT',
    ]);
  }
  await c.end();
});

afterAll(async () => {
  await stores.closeAll();
  await admin.query(`DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`);
  await admin.end();
  cleanup();
});

async function runsAndSteps(source: Source) {
  const f = findFormat(await source.catalog(), 'openlineage');
  const runs = await source.page(viewPlan(f.runs, { columns: ['run_id', 'status'], filters: [], sort: [{ column: 'run_id', desc: false }] }), 0, 20);
  const steps = await source.page(stepsPlan(f, { columns: ['step_name'], filters: [], sort: [] }, null), 0, 20);
  const started = await source.page(viewPlan(f.runs, { columns: ['started_at', 'ended_at'], filters: [], sort: [{ column: 'run_id', desc: false }] }), 0, 20);
  return { runs: runs.rows, steps: steps.rows.length, started: started.rows };
}

describe('OpenLineage events without a run, and runs without event types', () => {
  it('files and Marquez agree: no invented run, no run-less steps, untyped runs unknown', async () => {
    const files = await runsAndSteps((await stores.openLocation(path.join(dir, 'events'))).source);
    const marquez = await runsAndSteps((await stores.openLocation(`postgres://postgres@127.0.0.1:5432/${pgDb}`)).source);
    const expected = [['5b1c1f4e-5d7a-4b4c-9a63-0a0b0c0d0e0f', 'unknown'], ['69f4acab-b87d-4fc0-b27b-8ea950370ff3', 'ok']];
    expect(files.runs).toEqual(expected);
    expect(marquez.runs).toEqual(expected);
    // Three run events: the two of the real run and the untyped one; dataset and job events are under no run.
    expect(files.steps).toBe(3);
    expect(marquez.steps).toBe(3);
  });

  it('inspect says how many events are outside every run (the dataset and the job event), from files and Marquez (issue 13 item 6)', async () => {
    for (const location of [path.join(dir, 'events'), `postgres://postgres@127.0.0.1:5432/${pgDb}`]) {
      const doc = JSON.parse(await inspectStore(new StoreManager(sqliteDeps, {}, path.join(dir, 'cache')), location, true)) as InspectJson;
      const f = doc.formats.find((x) => x.id === 'openlineage');
      expect(f?.steps, location).toEqual({ count: 3, exact: true });
      expect(f?.outsideRuns, location).toEqual({ count: 2, exact: true });
    }
  });

  it('file runs keep the microseconds of their event times', async () => {
    const files = await runsAndSteps((await stores.openLocation(path.join(dir, 'events'))).source);
    expect(files.started[1]).toEqual(['2021-11-03T10:53:52.427343Z', '2021-11-03T10:54:01.100200Z']);
  });
});
