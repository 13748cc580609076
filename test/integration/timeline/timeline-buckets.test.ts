/**
 * The timeline's bucketing SQL on real engines: the same runs in SQLite and in Postgres
 * (timestamptz there), bucketed by the engine and by hand in this test, bucket by bucket; the
 * lanes-first path taken when there are too many cells; lanes beyond the budget counted.
 */
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrng } from '../../../electron/demo/prng';
import type { Source } from '../../../electron/sources/source';
import { StoreManager } from '../../../electron/sources/store-manager';
import { FormatCatalog } from '../../../electron/views/format-catalog';
import type { TimelineInput } from '../../../electron/views/timeline-plan';
import { runsTimeline } from '../../../electron/views/timeline-runs';
import type { StatusClass } from '../../../shared/model/status';
import type { TimelineBucket, TimelineResult } from '../../../shared/model/timeline';
import { LANE_BUDGET } from '../../../shared/timeline/budget';
import { tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';
import { expectEveryItemOnce, inWindow } from '../../helpers/timeline-truth';

const T0 = Date.UTC(2026, 9, 1);
const DAY = 86_400_000;
const STATUS: Readonly<Record<string, StatusClass>> = { completed: 'ok', error: 'failed', started: 'running', skipped: 'skipped', paused: 'unknown' };

interface Run { readonly inv: string; readonly model: string; readonly start: number | null; readonly end: number | null; readonly status: string }

/** 2,000 runs of one busy model, 10 of a quiet one, 5 without a start; whole seconds, so both engines agree to the millisecond. */
function makeRuns(): Run[] {
  const rng = createPrng(3);
  const runs: Run[] = [];
  for (let i = 0; i < 2_000; i++) {
    const s = T0 - DAY + rng.int(0, 12 * 86_400) * 1000;
    runs.push({ inv: `i${i}`, model: 'busy', start: s, end: rng.chance(0.1) ? null : s + rng.int(1, 7_200) * 1000, status: rng.pick(Object.keys(STATUS)) });
  }
  for (let i = 0; i < 10; i++) {
    runs.push({ inv: `q${i}`, model: 'quiet', start: T0 + i * DAY, end: T0 + i * DAY + 60_000, status: 'completed' });
  }
  for (let i = 0; i < 5; i++) {
    runs.push({ inv: `u${i}`, model: 'busy', start: null, end: null, status: 'completed' });
  }
  return runs;
}

/** Many lanes with one run each, beyond the lane budget. */
function manyLanes(): Run[] {
  return Array.from({ length: LANE_BUDGET + 100 }, (_, i) => ({ inv: `m${i}`, model: `lane_${String(i).padStart(4, '0')}`, start: T0 + i * 60_000, end: T0 + i * 60_000 + 1_000, status: 'completed' }));
}

const DDL = 'CREATE TABLE dbt_audit_summary (invocation_id varchar(255), model_name varchar(255), run_started_at TS, run_ended_at TS, status varchar(50), PRIMARY KEY (invocation_id, model_name))';

/** The buckets the engine should return for one lane: by start on a grid of `n` over the window. */
function expectedBuckets(runs: readonly Run[], from: number, to: number, n: number): TimelineBucket[] {
  const width = Math.ceil((to - from) / n);
  const byBucket = new Map<number, { count: number; byStatus: Partial<Record<StatusClass, number>>; lo: number; hi: number }>();
  for (const r of runs) {
    if (r.start === null || !(r.start < to && (r.end ?? r.start) >= from)) {
      continue;
    }
    const b = Math.floor((Math.max(r.start, from) - from) / width);
    const m = byBucket.get(b) ?? { count: 0, byStatus: {}, lo: Infinity, hi: -Infinity };
    const cls = STATUS[r.status] ?? 'unknown';
    m.count++;
    m.byStatus[cls] = (m.byStatus[cls] ?? 0) + 1;
    m.lo = Math.min(m.lo, r.start);
    m.hi = Math.max(m.hi, r.end ?? r.start);
    byBucket.set(b, m);
  }
  return [...byBucket].sort((a, b) => a[0] - b[0]).map(([b, m]) => ({
    fromMs: from + b * width, toMs: Math.min(from + (b + 1) * width, to), count: m.count, byStatus: m.byStatus, minStartMs: m.lo, maxEndMs: m.hi,
  }));
}

const { dir, cleanup } = tempDir('auditlens-buckets-');
const stores = new StoreManager(sqliteDeps);
const pgDb = `al_buckets_${crypto.randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
const engines: Record<'sqlite' | 'postgres', { main: Source; many: Source }> = {} as never;

beforeAll(async () => {
  const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());
  const write = (file: string, runs: readonly Run[]): void => {
    const db = new Database(file);
    db.exec(DDL.replaceAll('TS', 'TIMESTAMP'));
    const insert = db.prepare('INSERT INTO dbt_audit_summary VALUES (?, ?, ?, ?, ?)');
    db.transaction(() => runs.forEach((r) => insert.run(r.inv, r.model, iso(r.start), iso(r.end), r.status)))();
    db.close();
  };
  write(path.join(dir, 'main.db'), makeRuns());
  write(path.join(dir, 'many.db'), manyLanes());
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pgDb}`);
  const c = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: pgDb });
  await c.connect();
  await c.query(`CREATE SCHEMA main; CREATE SCHEMA many; ${DDL.replace('dbt_audit_summary', 'main.dbt_audit_summary').replaceAll('TS', 'timestamptz')}; ${DDL.replace('dbt_audit_summary', 'many.dbt_audit_summary').replaceAll('TS', 'timestamptz')}`);
  for (const [schema, runs] of [['main', makeRuns()], ['many', manyLanes()]] as const) {
    for (const r of runs) {
      await c.query(`INSERT INTO ${schema}.dbt_audit_summary VALUES ($1, $2, $3, $4, $5)`, [r.inv, r.model, iso(r.start), iso(r.end), r.status]);
    }
  }
  await c.end();
  engines.sqlite = { main: (await stores.openLocation(path.join(dir, 'main.db'))).source, many: (await stores.openLocation(path.join(dir, 'many.db'))).source };
  const pgSource = (await stores.openLocation(`postgres://postgres@127.0.0.1:5432/${pgDb}`)).source;
  engines.postgres = { main: pgSource, many: pgSource };
}, 120_000);

afterAll(async () => {
  await stores.closeAll();
  await admin.query(`DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`);
  await admin.end();
  cleanup();
});

async function ask(source: Source, schema: string, window: { from: number; to: number } | null, widthPx: number, cellCap?: number): Promise<TimelineResult> {
  const fc = await FormatCatalog.resolve(source, () => []);
  const f = fc.formats.find((x) => (x.model.runs.table.schema ?? 'main') === schema) ?? fc.find('dbt-audit');
  const req: TimelineInput = {
    format: f.key, query: { filters: [], sort: [] }, runKey: null, lanes: null, widthPx,
    window: window ? { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString() } : null,
  };
  return runsTimeline(fc, f, req, 'UTC', undefined, cellCap);
}

describe.each(['sqlite', 'postgres'] as const)('%s: bucketing in the engine', (engine) => {
  const runs = makeRuns();
  const truth = runs.map((r) => ({ id: `${r.inv} / ${r.model}`, start: r.start, end: r.end }));
  const window = { from: T0, to: T0 + 10 * DAY };

  it('counts each bucket of a busy lane as a hand count does, and gives the quiet lane its bars', async () => {
    const r = await ask(engines[engine].main, 'main', window, 100);
    expect(r.window).toEqual({ fromMs: window.from, toMs: window.to });
    expect(r.lanes.map((l) => [l.key, l.bars.length > 0, l.buckets.length > 0])).toEqual([['busy', false, true], ['quiet', true, false]]);
    expect(r.lanes[0]?.buckets).toEqual(expectedBuckets(runs.filter((x) => x.model === 'busy'), window.from, window.to, 50));
    expect(r.bucketMs).toBe(Math.ceil((window.to - window.from) / 50));
    expect(r.lanes[1]?.bars.map((b) => [b.id, b.startMs, b.endMs])).toEqual(runs.filter((x) => x.model === 'quiet').map((x) => [`${x.inv} / quiet`, x.start, x.end]));
    expect(r.untimed).toBe(5);
    expectEveryItemOnce(r, inWindow(truth, window.from, window.to));
  });

  it('gets the same buckets by counting lanes first when there are too many cells', async () => {
    const direct = await ask(engines[engine].main, 'main', window, 100);
    const lanesFirst = await ask(engines[engine].main, 'main', window, 100, 10);
    expect(lanesFirst).toEqual(direct);
  });

  it('takes the whole filtered range when no window is given', async () => {
    const r = await ask(engines[engine].main, 'main', null, 400);
    const timed = runs.filter((x) => x.start !== null);
    const from = Math.min(...timed.map((x) => x.start as number));
    const to = Math.max(...timed.map((x) => x.end ?? (x.start as number))) + 1;
    expect(r.window).toEqual({ fromMs: from, toMs: to });
    expect(r.lanes[0]?.buckets).toEqual(expectedBuckets(runs.filter((x) => x.model === 'busy'), from, to, 200));
    expectEveryItemOnce(r, inWindow(truth, from, to));
  });

  it('lists the lane budget and counts the lanes beyond it', async () => {
    const many = manyLanes();
    const r = await ask(engines[engine].many, 'many', null, 1_600);
    expect(r.lanes).toHaveLength(LANE_BUDGET);
    expect(r.moreLanes).toBe(100);
    expect(r.total).toBe(many.length);
    expect(r.lanes.every((l) => l.bars.length === 1)).toBe(true);
    const lanesFirst = await ask(engines[engine].many, 'many', null, 1_600, 10);
    expect(lanesFirst.moreLanes).toBe(100);
    expect(lanesFirst.total).toBe(many.length);
    expect(lanesFirst.lanes.map((l) => l.key)).toEqual(r.lanes.map((l) => l.key));
  });
});
