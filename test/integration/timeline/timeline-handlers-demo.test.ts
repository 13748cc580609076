import Database from 'better-sqlite3';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageResult, RunFacets } from '../../../shared/api/contract';
import { AuditlensError } from '../../../shared/api/result';
import type { TimelineResult } from '../../../shared/model/timeline';
import type { DemoApi } from '../../helpers/demo-handlers';
import { openDemoApi } from '../../helpers/demo-handlers';
import type { TruthItem } from '../../helpers/timeline-truth';
import { expectEveryItemOnce, expectSameMs, inWindow, ms } from '../../helpers/timeline-truth';

let api: DemoApi;
let demo: string;
let storeId: string;
/** dbt-audit runs as the summary table holds them (naive local times, as the format says). */
let dbtRuns: (TruthItem & { model: string; status: string })[];

const call = <T>(name: string, input: unknown): Promise<T> => api.call<T>(name, input);
const refused = (name: string, input: unknown): Promise<{ code: string; message: string }> => api.refused(name, input);

const iso = (t: number): string => new Date(t).toISOString();

beforeAll(async () => {
  api = await openDemoApi();
  ({ demo, storeId } = api);
  const db = new Database(demo, { readonly: true });
  dbtRuns = (db.prepare('SELECT invocation_id, model_name, run_started_at, run_ended_at, status FROM dbt_audit_summary').all() as Record<string, string | null>[])
    .map((r) => ({ id: `${r.invocation_id} / ${r.model_name}`, start: ms(r.run_started_at, 'local'), end: ms(r.run_ended_at, 'local'), model: String(r.model_name), status: String(r.status) }));
  db.close();
}, 120_000);

afterAll(() => api.close());

describe('timeline.get on the demo store', () => {
  it('shows a dbt audit log over its whole range, a lane per model, every run once', async () => {
    const r = await call<TimelineResult>('timeline.get', { storeId, format: 'dbt-audit', query: {} });
    const timed = dbtRuns.filter((x) => x.start !== null);
    const from = Math.min(...timed.map((x) => x.start as number));
    const to = Math.max(...timed.map((x) => x.end ?? (x.start as number))) + 1;
    expect(r.window).toEqual({ fromMs: from, toMs: to });
    expect(r.laneColumn).toBe('run_name');
    expect(r.lanes.map((l) => l.key)).toEqual([...new Set(dbtRuns.map((x) => x.model))].sort());
    expect(r.untimed).toBe(dbtRuns.length - timed.length);
    expectEveryItemOnce(r, inWindow(timed, from, to));
    // 60,000 runs in 30 lanes are far beyond a lane's share of 20,000 items: buckets, on one grid.
    expect(r.lanes.every((l) => l.bars.length === 0 && l.buckets.length > 0)).toBe(true);
    expect(r.lanes.reduce((a, l) => a + l.buckets.length, 0)).toBeLessThanOrEqual(20_000);
    for (const l of r.lanes) {
      expect(l.count).toBe(timed.filter((x) => x.model === l.key).length);
      expect(l.buckets.every((b) => (b.toMs - b.fromMs) <= (r.bucketMs ?? 0) && b.fromMs >= from && b.toMs <= to)).toBe(true);
    }
    expect(r.nesting).toBe('group');
  });

  it('gives exact bars in a narrow window, each run with its invocation as parent', async () => {
    const mid = dbtRuns.map((x) => x.start as number).sort((a, b) => a - b)[30_000] as number;
    const [from, to] = [mid, mid + 6 * 3_600_000];
    const r = await call<TimelineResult>('timeline.get', { storeId, format: 'dbt-audit', query: {}, window: { from: iso(from), to: iso(to) } });
    const expected = inWindow(dbtRuns, from, to);
    expect(expected.length).toBeGreaterThan(0);
    expectEveryItemOnce(r, expected);
    const bars = r.lanes.flatMap((l) => l.bars);
    expect(bars.length).toBe(expected.length);
    const bar = bars[0];
    const truth = dbtRuns.find((x) => x.id === bar?.id);
    expect(bar).toMatchObject({ startMs: truth?.start, endMs: truth?.end, name: truth?.model, parent: truth?.id.split(' / ')[0] });
  });

  it('lanes by any runs-view column, and counts per status class', async () => {
    const r = await call<TimelineResult>('timeline.get', { storeId, format: 'dbt-audit', query: {}, lanes: 'status', widthPx: 400 });
    expect(r.lanes.map((l) => l.key)).toEqual(['failed', 'ok', 'running', 'skipped']);
    const failedLane = r.lanes.find((l) => l.key === 'failed');
    const failed = dbtRuns.filter((x) => ['error', 'failed', 'fail'].includes(x.status.toLowerCase()) && x.start !== null).length;
    expect(failedLane?.count).toBe(failed);
    expect(failedLane?.buckets.every((b) => Object.keys(b.byStatus).every((k) => k === 'failed'))).toBe(true);
  });

  it('follows the runs view filters', async () => {
    const query = { filters: [{ column: 'run_name', op: 'eq', value: 'stg_orders' }, { column: 'status', op: 'eq', value: 'failed' }] };
    const r = await call<TimelineResult>('timeline.get', { storeId, format: 'dbt-audit', query });
    const expected = dbtRuns.filter((x) => x.model === 'stg_orders' && ['error', 'failed', 'fail'].includes(x.status.toLowerCase()));
    expect(r.lanes.map((l) => l.key)).toEqual(['stg_orders']);
    expect(r.lanes[0]?.bars.map((b) => b.id).sort()).toEqual(expected.map((x) => x.id).sort());
    expect(r.lanes[0]?.bars.every((b) => b.status === 'failed')).toBe(true);
  });

  it("draws a failed run's steps as a waterfall: each step until the next, the last until the run's end", async () => {
    const page = await call<PageResult>('runs.page', { storeId, format: 'dbt-audit', query: { filters: [{ column: 'status', op: 'eq', value: 'failed' }], sort: [] }, startRow: 0, endRow: 1 });
    const runKey = page.keys[0] as [string, string];
    const r = await call<TimelineResult>('timeline.get', { storeId, format: 'dbt-audit', query: {}, runKey });
    const db = new Database(demo, { readonly: true });
    const steps = db.prepare(`SELECT step_name, event_timestamp FROM dbt_audit_detail WHERE invocation_id = ? AND model_name = ?
      ORDER BY step_sequence_num IS NULL, step_sequence_num, event_timestamp`).all(...runKey) as { step_name: string; event_timestamp: string }[];
    db.close();
    const run = dbtRuns.find((x) => x.id === `${runKey[0]} / ${runKey[1]}`);
    expect(r.items).toBe('steps');
    expect(r.run).toMatchObject({ id: run?.id, startMs: run?.start, endMs: run?.end, status: 'failed' });
    expect(r.lanes.map((l) => [l.key, l.label, l.kind])).toEqual(steps.map((s, i) => [i, s.step_name, 'step']));
    const bars = r.lanes.map((l) => l.bars[0]);
    const ends = endsInTimeOrder(steps.map((s) => ms(s.event_timestamp, 'local')), run?.end ?? null);
    steps.forEach((s, i) => {
      expectSameMs(bars[i]?.startMs, ms(s.event_timestamp, 'local'), `step ${i} start`);
      expectSameMs(bars[i]?.endMs, ends[i], `step ${i} end`);
    });
    expect(r.total).toBe(steps.length);
    expect(r.criticalPath).toEqual(bars.filter((b) => (b?.endMs ?? 0) > (b?.startMs ?? 0)).map((b) => b?.id));
    expect(r.criticalPathBasis).toBe('back-to-back');
    // Each step is compared with its name's p90 over the 20 earlier runs of the model.
    expect(bars.every((b) => typeof b?.usualMs === 'number' && typeof b.slowerThanUsual === 'boolean')).toBe(true);
  });

  it('ends a step logged out of sequence at the next step in time, so no step ends before it starts', async () => {
    const db = new Database(demo, { readonly: true });
    const odd = db.prepare(`SELECT d.invocation_id AS i, d.model_name AS m, s.run_ended_at AS e FROM dbt_audit_detail d JOIN dbt_audit_summary s USING (invocation_id, model_name)
      WHERE d.step_sequence_num IS NULL AND s.run_ended_at IS NOT NULL LIMIT 1`).get() as { i: string; m: string; e: string };
    const steps = db.prepare(`SELECT event_timestamp FROM dbt_audit_detail WHERE invocation_id = ? AND model_name = ?
      ORDER BY step_sequence_num IS NULL, step_sequence_num, event_timestamp`).all(odd.i, odd.m) as { event_timestamp: string }[];
    db.close();
    const r = await call<TimelineResult>('timeline.get', { storeId, format: 'dbt-audit', query: {}, runKey: [odd.i, odd.m] });
    const bars = r.lanes.map((l) => l.bars[0]);
    const ends = endsInTimeOrder(steps.map((s) => ms(s.event_timestamp, 'local')), ms(odd.e, 'local'));
    expect(bars).toHaveLength(steps.length);
    bars.forEach((b, i) => {
      expect(b?.endMs ?? 0).toBeGreaterThanOrEqual(b?.startMs ?? 0);
      expectSameMs(b?.endMs, ends[i], `step ${i} end`);
    });
  });

  it('marks a step slower than usual exactly when it took longer than its p90 over the last 20 runs', async () => {
    const page = await call<PageResult>('runs.page', { storeId, format: 'dbt-audit', query: { filters: [{ column: 'run_name', op: 'eq', value: 'fct_orders' }], sort: [] }, startRow: 0, endRow: 1 });
    const runKey = page.keys[0] as [string, string];
    const r = await call<TimelineResult>('timeline.get', { storeId, format: 'dbt-audit', query: {}, runKey });
    const db = new Database(demo, { readonly: true });
    const earlier = db.prepare(`SELECT invocation_id, run_ended_at FROM dbt_audit_summary WHERE model_name = 'fct_orders' AND run_started_at < (
      SELECT run_started_at FROM dbt_audit_summary WHERE invocation_id = ? AND model_name = ?) ORDER BY run_started_at DESC LIMIT 20`).all(...runKey) as { invocation_id: string; run_ended_at: string | null }[];
    const durations = new Map<string, number[]>();
    for (const e of earlier) {
      const steps = db.prepare(`SELECT step_name, event_timestamp FROM dbt_audit_detail WHERE invocation_id = ? AND model_name = 'fct_orders'
        ORDER BY step_sequence_num IS NULL, step_sequence_num, event_timestamp`).all(e.invocation_id) as { step_name: string; event_timestamp: string }[];
      const ends = endsInTimeOrder(steps.map((s) => ms(s.event_timestamp, 'local')), ms(e.run_ended_at, 'local'));
      steps.forEach((s, i) => {
        const end = ends[i] ?? null;
        const start = ms(s.event_timestamp, 'local');
        if (end !== null && start !== null) {
          durations.set(s.step_name, [...(durations.get(s.step_name) ?? []), end - start]);
        }
      });
    }
    db.close();
    for (const lane of r.lanes) {
      const bar = lane.bars[0];
      const ds = [...(durations.get(lane.label) ?? [])].sort((a, b) => a - b);
      if (ds.length < 5 || !bar || bar.endMs === null) {
        expect(bar?.usualMs).toBeUndefined();
        continue;
      }
      const p90 = ds[Math.ceil(0.9 * ds.length) - 1] as number;
      // A duration is two rounded times apart: within 2 ms of the truth.
      expect(Math.abs((bar.usualMs ?? 0) - p90)).toBeLessThanOrEqual(2);
      expect(bar.slowerThanUsual).toBe(bar.endMs - bar.startMs > (bar.usualMs ?? 0));
    }
  });

  it('shows a transformation session and the sessions nested under it', async () => {
    const db = new Database(demo, { readonly: true });
    const parent = db.prepare('SELECT parent_session_id AS id, count(*) AS n FROM transformation_session WHERE parent_session_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1').get() as { id: string; n: number };
    const ops = db.prepare('SELECT operation_order, execution_time_ms, created_at FROM transformation_operation WHERE session_id = ? ORDER BY operation_order').all(parent.id) as { execution_time_ms: number; created_at: string }[];
    db.close();
    const r = await call<TimelineResult>('timeline.get', { storeId, format: 'transformation-log', query: {}, runKey: [parent.id] });
    const steps = r.lanes.filter((l) => l.kind === 'step').map((l) => l.bars[0]);
    const children = r.lanes.filter((l) => l.kind === 'child');
    expect(children).toHaveLength(parent.n);
    expect(children.every((c) => c.bars[0]?.parent === parent.id)).toBe(true);
    expect(r.nesting).toBe('parent-run');
    // Operations are logged after they ran: created_at is the end, execution_time_ms before it the start.
    expect(steps).toHaveLength(ops.length);
    ops.forEach((o, i) => {
      expectSameMs(steps[i]?.startMs, (ms(o.created_at) as number) - o.execution_time_ms, `operation ${i} start`);
      expectSameMs(steps[i]?.endMs, ms(o.created_at), `operation ${i} end`);
    });
  });

  it('cancels a timeline by its request id', async () => {
    const source = api.stores.get(storeId);
    const realRows = source.rows.bind(source);
    let entered: (() => void) | undefined;
    const reached = new Promise<void>((resolve) => (entered = resolve));
    source.rows = (_sql, _max, signal) => {
      entered?.();
      return new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new AuditlensError('cancelled', 'The query was cancelled.'))));
    };
    try {
      const pending = api.send('timeline.get', { storeId, format: 'dbt-audit', query: {}, requestId: 'tl-1' });
      await reached;
      expect(await call('query.cancel', { requestId: 'tl-1' })).toBe(true);
      const r = await pending;
      expect(r.ok ? 'ok' : r.error.code).toBe('cancelled');
    } finally {
      source.rows = realRows;
    }
  });

  it('refuses bad requests with one sentence each', async () => {
    expect(await refused('timeline.get', { storeId, format: 'dbt-audit', query: {}, lanes: 'no_such_column' })).toMatchObject({ code: 'unknown-column', message: expect.stringMatching(/^The dbt-audit runs have no column named "no_such_column"/) });
    expect(await refused('timeline.get', { storeId, format: 'dbt-audit', query: {}, runKey: ['no-such-invocation', 'stg_orders'] })).toMatchObject({ code: 'not-found', message: expect.stringMatching(/^That run is not in the dbt-audit runs/) });
    expect(await refused('timeline.get', { storeId, format: 'dbt-audit', query: {}, window: { from: '2026-10-12T00:00:00Z', to: '2026-10-01T00:00:00Z' } })).toMatchObject({ code: 'bad-input', message: expect.stringContaining('A time window starts before it ends.') });
    expect(await refused('timeline.get', { storeId, format: 'dbt-audit', query: {}, window: { from: 'yesterday', to: '2026-10-01T00:00:00Z' } })).toMatchObject({ code: 'bad-input', message: expect.stringContaining('A time is ISO 8601 with an offset') });
    expect(await refused('timeline.get', { storeId, format: 'fivetran-log::log:activity', query: {} })).toMatchObject({ code: 'unsupported', message: expect.stringContaining('has no timeline') });
  });
});

describe('the time window as a filter of the runs view', () => {
  const window = (): { from: string; to: string; expected: TruthItem[] } => {
    const mid = dbtRuns.map((x) => x.start as number).sort((a, b) => a - b)[20_000] as number;
    const [from, to] = [mid, mid + 36 * 3_600_000];
    return { from: iso(from), to: iso(to), expected: inWindow(dbtRuns, from, to) };
  };

  it('narrows the grid, its count and its facets to the runs that overlap the window', async () => {
    const { from, to, expected } = window();
    const query = { window: { from, to } };
    expect(await call('runs.count', { storeId, format: 'dbt-audit', query })).toEqual({ value: expected.length, exact: true });
    const facets = await call<RunFacets>('runs.facets', { storeId, format: 'dbt-audit', query, limit: 200 });
    expect(facets.status.values.reduce((a, v) => a + v.count, 0)).toBe(expected.length);
    expect(facets.run_name.values.reduce((a, v) => a + v.count, 0)).toBe(expected.length);
    const page = await call<PageResult>('runs.page', { storeId, format: 'dbt-audit', query: { ...query, columns: ['run_id'] }, startRow: 0, endRow: 5_000 });
    expect(page.rows.map((r) => r[0]).sort()).toEqual(expected.map((x) => x.id).sort());
  });

  it('exports the runs in the window, and the steps of those runs, with the window in the provenance', async () => {
    const { from, to, expected } = window();
    const wait = (jobId: string) => api.exported(jobId);
    const runs = await wait((await call<{ jobId: string }>('export.startView', { storeId, format: 'dbt-audit', kind: 'runs', query: { columns: ['run_id'], window: { from, to } } })).jobId);
    expect(runs.state).toBe('done');
    const lines = fs.readFileSync(runs.path ?? '', 'utf8').trim().split('\n').slice(1);
    expect(lines.sort()).toEqual(expected.map((x) => x.id).sort());
    expect((JSON.parse(fs.readFileSync(`${runs.path}.json`, 'utf8')) as { view: { window: unknown } }).view.window).toEqual({ from, to });
    const steps = await wait((await call<{ jobId: string }>('export.startView', { storeId, format: 'dbt-audit', kind: 'steps', query: { columns: ['step_name'], window: { from, to } } })).jobId);
    const db = new Database(demo, { readonly: true });
    const ids = new Set(expected.map((x) => x.id));
    const all = db.prepare("SELECT invocation_id || ' / ' || model_name AS id FROM dbt_audit_detail").all() as { id: string }[];
    db.close();
    expect(steps.rows).toBe(all.filter((s) => ids.has(s.id)).length);
    expect((JSON.parse(fs.readFileSync(`${steps.path}.json`, 'utf8')) as { view: unknown }).view).toMatchObject({ kind: 'steps', window: { from, to } });
  });
});

/** Each step's end under the `next` rule: the start of the next step in time (ties by step order), the last one the run's end (a point when the run ended before it). */
function endsInTimeOrder(starts: readonly (number | null)[], runEnd: number | null): (number | null)[] {
  const order = starts.map((s, i) => ({ s, i })).filter((x): x is { s: number; i: number } => x.s !== null).sort((a, b) => a.s - b.s || a.i - b.i);
  const ends: (number | null)[] = starts.map(() => null);
  order.forEach((x, k) => {
    const next = order[k + 1]?.s;
    ends[x.i] = next ?? (runEnd !== null && runEnd >= x.s ? runEnd : null);
  });
  return ends;
}
