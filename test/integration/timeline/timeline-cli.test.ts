/**
 * `auditlens timeline` against ground truth, format by format: the demo store's formats, a Postgres
 * transformation-logging database made here, a ddeutil-workflow audit folder and an OpenLineage
 * folder of real events. The truth is each store's own rows read with hand-written SQL (or the
 * JSON files themselves), with times parsed in JavaScript: every run in the window must appear
 * once, as a bar or inside a bucket's count.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrng } from '../../../electron/demo/prng';
import type { TimelineJson } from '../../../shared/timeline/timeline-json';
import { sha256, tempDir } from '../../helpers/files';
import type { TruthItem } from '../../helpers/timeline-truth';
import { inWindow, ms, realFixtures } from '../../helpers/timeline-truth';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const { dir, cleanup } = tempDir('auditlens-timeline-cli-');
const demo = path.join(dir, 'demo.db');
const pgDb = `al_timeline_${crypto.randomBytes(4).toString('hex')}`;
const pgUrl = `postgres://postgres@127.0.0.1:5432/${pgDb}`;
const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
/** Generating the demo store, then several CLI runs on it, on a slow 2-core machine. */
const SLOW_MS = 180_000;

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'auditlens.js'), ...args], {
    encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 28, env: { ...process.env, AUDITLENS_DATA_DIR: path.join(dir, 'data'), AUDITLENS_CACHE_DIR: path.join(dir, 'cache') },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function timeline(...args: string[]): { doc: TimelineJson; stderr: string } {
  const r = cli('timeline', ...args, '--out', '-');
  expect(r.stderr, 'no error').not.toMatch(/^auditlens:/m);
  expect(r.code).toBe(0);
  return { doc: JSON.parse(r.stdout) as TimelineJson, stderr: r.stderr };
}

/** A truth item with its lane. */
type Laned = TruthItem & { readonly lane: string | null };

/** The checks every CLI answer must pass against the truth of its window. */
function expectMatches(doc: TimelineJson, truth: readonly Laned[], from: number, to: number): void {
  const expected = inWindow(truth, from, to) as Laned[];
  expect(doc.total).toBe(expected.length);
  let seen = 0;
  for (const lane of doc.lanes) {
    const mine = expected.filter((x) => x.lane === lane.key);
    if (lane.bars.length > 0) {
      expect(lane.buckets).toEqual([]);
      expect(lane.bars.map((b) => b.id).sort()).toEqual(mine.map((x) => x.id).sort());
      for (const b of lane.bars) {
        const t = mine.find((x) => x.id === b.id);
        expect(Math.abs(Date.parse(b.start) - (t?.start ?? NaN))).toBeLessThanOrEqual(1);
        expect(b.end === null ? null : Math.abs(Date.parse(b.end) - (t?.end ?? NaN)) <= 1).toBe(t?.end === null ? null : true);
        expect(b.start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(Z|[+-]\d\d:\d\d)$/);
      }
      seen += lane.bars.length;
    } else {
      expect(lane.buckets.reduce((a, b) => a + b.count, 0)).toBe(mine.length);
      seen += mine.length;
    }
  }
  // Lanes beyond the budget are counted in the total only.
  expect(seen).toBe(doc.total);
}

/** The window the CLI reports, in epoch ms. */
function windowOf(doc: TimelineJson): { from: number; to: number } {
  expect(doc.window).not.toBeNull();
  return { from: Date.parse(doc.window?.from ?? ''), to: Date.parse(doc.window?.to ?? '') };
}

/** A window around the n-th start of the truth, `hours` long, as --from/--to arguments. */
function windowAround(truth: readonly TruthItem[], fraction: number, hours: number): { from: number; to: number; args: string[] } {
  const starts = truth.map((t) => t.start).filter((s): s is number => s !== null).sort((a, b) => a - b);
  const from = starts[Math.floor(starts.length * fraction)] as number;
  const to = from + hours * 3_600_000;
  return { from, to, args: ['--from', new Date(from).toISOString(), '--to', new Date(to).toISOString()] };
}

function wholeRange(truth: readonly TruthItem[]): { from: number; to: number } {
  const timed = truth.filter((t) => t.start !== null);
  return { from: Math.min(...timed.map((t) => t.start as number)), to: Math.max(...timed.map((t) => t.end ?? (t.start as number))) + 1 };
}

let demoHash = '';
beforeAll(async () => {
  expect(cli('demo', '--out', demo).code).toBe(0);
  demoHash = sha256(demo);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pgDb}`);
}, SLOW_MS);

afterAll(async () => {
  expect(sha256(demo)).toBe(demoHash);
  await admin.query(`DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`);
  await admin.end();
  cleanup();
});

describe('auditlens timeline on the demo store', () => {
  it('dbt-audit: the whole range by model, a day by model, and a narrow window of exact bars', () => {
    const db = new Database(demo, { readonly: true });
    const truth: Laned[] = (db.prepare('SELECT invocation_id, model_name, run_started_at, run_ended_at FROM dbt_audit_summary').all() as Record<string, string | null>[])
      .map((r) => ({ id: `${r.invocation_id} / ${r.model_name}`, lane: r.model_name ?? null, start: ms(r.run_started_at, 'local'), end: ms(r.run_ended_at, 'local') }));
    db.close();
    const all = timeline(demo, '--format', 'dbt-audit');
    const range = wholeRange(truth);
    expect(windowOf(all.doc)).toEqual(range);
    expectMatches(all.doc, truth, range.from, range.to);
    const day = windowAround(truth, 0.5, 24);
    expectMatches(timeline(demo, '--format', 'dbt-audit', ...day.args, '--width', '200').doc, truth, day.from, day.to);
    const narrow = windowAround(truth, 0.25, 2);
    const n = timeline(demo, '--format', 'dbt-audit', ...narrow.args).doc;
    expect(n.lanes.every((l) => l.buckets.length === 0)).toBe(true);
    expectMatches(n, truth, narrow.from, narrow.to);
  }, SLOW_MS);

  it('fivetran-log: syncs from sync_start to sync_end, a lane per connection', () => {
    const db = new Database(demo, { readonly: true });
    const truth: Laned[] = (db.prepare(`
      WITH e AS (SELECT connection_id, time_stamp, message_event,
        sum(CASE WHEN message_event = 'sync_start' THEN 1 ELSE 0 END) OVER (PARTITION BY connection_id ORDER BY time_stamp, id ROWS UNBOUNDED PRECEDING) AS seq FROM log)
      SELECT connection_id, seq, min(CASE WHEN message_event = 'sync_start' THEN time_stamp END) AS s, max(CASE WHEN message_event = 'sync_end' THEN time_stamp END) AS e
      FROM e WHERE seq > 0 GROUP BY connection_id, seq`).all() as Record<string, string | number | null>[])
      .map((r) => ({ id: `${r.connection_id} / ${r.seq}`, lane: String(r.connection_id), start: ms(r.s), end: ms(r.e) }));
    db.close();
    const all = timeline(demo, '--format', 'fivetran-log');
    expectMatches(all.doc, truth, windowOf(all.doc).from, windowOf(all.doc).to);
    const week = windowAround(truth, 0.6, 24 * 7);
    expectMatches(timeline(demo, '--format', 'fivetran-log', ...week.args).doc, truth, week.from, week.to);
  }, SLOW_MS);

  it('transformation-log: sessions by agent; a failed session filtered by status', () => {
    const db = new Database(demo, { readonly: true });
    const rows = db.prepare('SELECT id, agent_id, started_at, completed_at, status FROM transformation_session').all() as Record<string, string | null>[];
    db.close();
    const truth: Laned[] = rows.map((r) => ({ id: String(r.id), lane: r.agent_id ?? null, start: ms(r.started_at), end: ms(r.completed_at) }));
    const all = timeline(demo, '--format', 'transformation-log');
    expectMatches(all.doc, truth, wholeRange(truth).from, wholeRange(truth).to);
    // The failed class of transformation logging: FAILED, ABANDONED and ROLLED_BACK sessions.
    const failedIds = new Set(rows.filter((r) => ['FAILED', 'ABANDONED', 'ROLLED_BACK'].includes(String(r.status))).map((r) => r.id));
    const failed = timeline(demo, '--format', 'transformation-log', '--filter', 'status=failed').doc;
    const failedTruth = truth.filter((t) => failedIds.has(t.id));
    expectMatches(failed, failedTruth, wholeRange(failedTruth).from, wholeRange(failedTruth).to);
  }, SLOW_MS);

  it('ddeutil-audit (SQLite): runs from the zlib metadata, a lane per workflow', () => {
    const db = new Database(demo, { readonly: true });
    const truth: Laned[] = (db.prepare('SELECT workflow, release, metadata FROM audits').all() as { workflow: string; release: string; metadata: Buffer }[]).map((r) => {
      const meta = JSON.parse(inflateSync(r.metadata).toString('utf8')) as { exec_start?: string; exec_end?: string };
      return { id: `${r.workflow} / ${r.release}`, lane: r.workflow, start: ms(meta.exec_start ?? r.release), end: ms(meta.exec_end ?? null) };
    });
    db.close();
    const all = timeline(demo, '--format', 'ddeutil-audit', '--width', '300');
    expectMatches(all.doc, truth, wholeRange(truth).from, wholeRange(truth).to);
  }, SLOW_MS);

  it('dbt-hook-log: BEFORE and AFTER rows paired into runs by model', () => {
    const db = new Database(demo, { readonly: true });
    const rows = db.prepare('SELECT model_name, execution_time, run_id FROM dbt_audit_log').all() as Record<string, string>[];
    db.close();
    const runs = new Map<string, { lane: string; before: number[]; after: number[]; all: number[] }>();
    for (const r of rows) {
      const phase = r.model_name?.endsWith(' - BEFORE') ? 'before' : r.model_name?.endsWith(' - AFTER') ? 'after' : 'only';
      const model = String(r.model_name).replace(/ - (BEFORE|AFTER)$/, '');
      const id = `${r.run_id} / ${model}`;
      const run = runs.get(id) ?? { lane: model, before: [], after: [], all: [] };
      const t = ms(r.execution_time, 'local');
      if (t !== null) {
        run.all.push(t);
        (phase === 'before' ? run.before : run.after).push(t);
      }
      runs.set(id, run);
    }
    const truth: Laned[] = [...runs].map(([id, r]) => ({
      id, lane: r.lane, start: r.before.length > 0 ? Math.min(...r.before) : r.all.length > 0 ? Math.min(...r.all) : null, end: r.after.length > 0 ? Math.max(...r.after) : null,
    }));
    const all = timeline(demo, '--format', 'dbt-hook-log');
    expectMatches(all.doc, truth, windowOf(all.doc).from, windowOf(all.doc).to);
  }, SLOW_MS);

  it("writes a run's waterfall to a file, with local times when asked", () => {
    const db = new Database(demo, { readonly: true });
    const run = db.prepare("SELECT invocation_id || ' / ' || model_name AS id, invocation_id, model_name FROM dbt_audit_summary WHERE status = 'error' LIMIT 1").get() as { id: string; invocation_id: string; model_name: string };
    const steps = (db.prepare('SELECT step_name FROM dbt_audit_detail WHERE invocation_id = ? AND model_name = ?').all(run.invocation_id, run.model_name) as { step_name: string }[]).length;
    db.close();
    const out = path.join(dir, 'run.json');
    const r = cli('timeline', demo, '--format', 'dbt-audit', '--run', run.id, '--time', 'local', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Wrote \d+ steps in \d+ lanes/);
    const doc = JSON.parse(fs.readFileSync(out, 'utf8')) as TimelineJson;
    expect(doc.total).toBe(steps);
    expect(doc.lanes.map((l) => l.key)).toEqual([...Array(steps).keys()]);
    expect(doc.lanes.every((l) => l.bars.length === 1 && l.bars[0]?.id === String(l.key))).toBe(true);
    const offset = -new Date(Date.parse(doc.lanes[0]?.bars[0]?.start ?? '')).getTimezoneOffset();
    const sign = offset < 0 ? '-' : '+';
    const zone = offset === 0 ? /\+00:00$/ : new RegExp(`\\${sign}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}$`);
    expect(doc.lanes[0]?.bars[0]?.start).toMatch(zone);
  }, SLOW_MS);

  it('refuses bad input with one sentence and the usual exit codes', () => {
    const refuse = (code: number, pattern: RegExp, ...args: string[]): void => {
      const r = cli('timeline', ...args);
      expect(r.code).toBe(code);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    };
    refuse(1, /has no timeline/, demo, '--format', 'fivetran-log::log:activity');
    refuse(1, /There is no run "nope" in the dbt-audit runs/, demo, '--format', 'dbt-audit', '--run', 'nope');
    refuse(1, /no column named "nope" to make lanes of/, demo, '--format', 'dbt-audit', '--lanes', 'nope');
    refuse(2, /--from \(2026-10-12\) must be before --to \(2026-10-01\)/, demo, '--format', 'dbt-audit', '--from', '2026-10-12', '--to', '2026-10-01');
    refuse(2, /--to "soon" is not a time/, demo, '--format', 'dbt-audit', '--from', '2026-10-01', '--to', 'soon');
    refuse(2, /--out must name a \.json, \.svg or \.png file/, demo, '--format', 'dbt-audit', '--out', path.join(dir, 'x.txt'));
    refuse(2, /--width must be a whole number/, demo, '--format', 'dbt-audit', '--width', 'wide');
    refuse(1, /several formats/, demo);
  }, SLOW_MS);
});

describe('auditlens timeline on a Postgres transformation-logging database', () => {
  let truth: Laned[] = [];
  /** The session given three operations. */
  let withOps: Laned | undefined;
  /** The sessions nested under it. */
  let children: { id: string; start: number; end: number; status: string }[] = [];

  beforeAll(async () => {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`CREATE SCHEMA audit;
      CREATE TABLE audit.transformation_session (id uuid PRIMARY KEY, session_type varchar(50) NOT NULL, agent_id varchar(100) NOT NULL, source_layer varchar(10) NOT NULL,
        source_tables text[] NOT NULL, status varchar(20) DEFAULT 'ACTIVE', started_at timestamptz DEFAULT now(), completed_at timestamptz,
        parent_session_id uuid REFERENCES audit.transformation_session(id), error_message text, created_at timestamptz);
      CREATE TABLE audit.transformation_operation (id bigserial PRIMARY KEY, session_id uuid NOT NULL REFERENCES audit.transformation_session(id), operation_type varchar(50),
        operation_order int, output_table varchar(200), execution_time_ms int, created_at timestamptz);`);
    const rng = createPrng(11);
    const agents = ['balance-sheet-agent', 'price-agent', 'export-agent', 'qa-agent'];
    const base = Date.UTC(2026, 8, 1);
    const sessions: { id: string; agent: string; start: number | null; end: number | null; status: string }[] = [];
    for (let i = 0; i < 1_500; i++) {
      const start = base + i * 1_700_000 + rng.int(0, 600_000);
      const status = rng.pick(['COMPLETED', 'COMPLETED', 'COMPLETED', 'FAILED', 'ACTIVE']);
      const end = status === 'ACTIVE' ? null : start + rng.int(5_000, 3_600_000);
      sessions.push({ id: crypto.randomUUID(), agent: rng.pick(agents), start: i % 100 === 7 ? null : start, end, status });
    }
    for (const s of sessions) {
      await c.query('INSERT INTO audit.transformation_session (id, session_type, agent_id, source_layer, source_tables, status, started_at, completed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [s.id, 'SILVER_AGGREGATE', s.agent, 'SILVER', ['silver.a'], s.status, s.start === null ? null : new Date(s.start).toISOString(), s.end === null ? null : new Date(s.end).toISOString()]);
    }
    const first = sessions[10];
    await c.query(`INSERT INTO audit.transformation_operation (session_id, operation_type, operation_order, output_table, execution_time_ms, created_at) VALUES
      ($1, 'SELECT', 1, 'gold.a', 1500, $2), ($1, 'JOIN', 2, 'gold.b', 2500, $3), ($1, 'EXPORT', 3, NULL, NULL, $4)`,
    [first?.id, new Date((first?.start ?? 0) + 2_000).toISOString(), new Date((first?.start ?? 0) + 5_000).toISOString(), new Date((first?.start ?? 0) + 6_000).toISOString()]);
    // It ran for a minute; two follow-up sessions are nested under it: one right after it, one two days later that failed.
    await c.query(`UPDATE audit.transformation_session SET status = 'COMPLETED', completed_at = $2 WHERE id = $1`, [first?.id, new Date((first?.start ?? 0) + 60_000).toISOString()]);
    children = [
      { id: crypto.randomUUID(), start: (first?.start ?? 0) + 7_000, end: (first?.start ?? 0) + 9_500, status: 'COMPLETED' },
      { id: crypto.randomUUID(), start: (first?.start ?? 0) + 2 * 86_400_000, end: (first?.start ?? 0) + 2 * 86_400_000 + 20_000, status: 'FAILED' },
    ];
    for (const k of children) {
      await c.query(`INSERT INTO audit.transformation_session (id, session_type, agent_id, source_layer, source_tables, status, started_at, completed_at, parent_session_id)
        VALUES ($1, 'DATA_EXPORT', $2, 'GOLD', $3, $4, $5, $6, $7)`, [k.id, first?.agent, ['gold.a'], k.status, new Date(k.start).toISOString(), new Date(k.end).toISOString(), first?.id]);
    }
    await c.end();
    // The truth from the database itself, times as Postgres prints them.
    const check = new pg.Client({ connectionString: pgUrl });
    await check.connect();
    const res = await check.query<{ id: string; agent_id: string; s: string | null; e: string | null }>(
      `SELECT id::text AS id, agent_id, to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS s, to_char(completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS e FROM audit.transformation_session`);
    await check.end();
    truth = res.rows.map((r) => ({ id: r.id, lane: r.agent_id, start: ms(r.s), end: ms(r.e) }));
    withOps = truth.find((t) => t.id === first?.id);
  }, SLOW_MS);

  it('shows sessions by agent over the whole range and in a window, and says how many have no start', () => {
    const all = timeline(pgUrl, '--format', 'transformation-log');
    expectMatches(all.doc, truth, wholeRange(truth).from, wholeRange(truth).to);
    expect(all.stderr).toContain('15 runs have no start time that Auditlens can read, so they are not on the timeline.');
    const day = windowAround(truth, 0.3, 30);
    expectMatches(timeline(pgUrl, '--format', 'transformation-log', ...day.args).doc, truth, day.from, day.to);
    const coarse = timeline(pgUrl, '--format', 'transformation-log', '--width', '100').doc;
    expect(coarse.lanes.some((l) => l.buckets.length > 0)).toBe(true);
    expectMatches(coarse, truth, wholeRange(truth).from, wholeRange(truth).to);
  }, SLOW_MS);

  it("draws a session's operations from their durations, up to when they were logged", () => {
    const session = withOps as Laned;
    const { doc } = timeline(pgUrl, '--format', 'transformation-log', '--run', session.id);
    const bars = doc.lanes.filter((l) => !children.some((k) => l.bars[0]?.id === k.id)).map((l) => l.bars[0]);
    expect(bars.map((b) => [b?.name, Date.parse(b?.start ?? '') - (session.start ?? 0), b?.end === null ? null : Date.parse(b?.end ?? '') - (session.start ?? 0)])).toEqual([
      ['SELECT', 500, 2_000], ['JOIN', 2_500, 5_000], ['EXPORT', 6_000, null],
    ]);
  }, SLOW_MS);

  it('lists the sessions nested under a session with their own times, and its picture keeps the operations legible', () => {
    const session = withOps as Laned;
    const { doc } = timeline(pgUrl, '--format', 'transformation-log', '--run', session.id);
    const nested = doc.lanes.filter((l) => children.some((k) => l.bars[0]?.id === k.id)).map((l) => l.bars[0]);
    expect(nested.map((b) => [b?.id, Date.parse(b?.start ?? ''), Date.parse(b?.end ?? ''), b?.status])).toEqual(
      children.map((k) => [k.id, k.start, k.end, k.status === 'FAILED' ? 'failed' : 'ok']));
    // Every operation and nested session appears once.
    expect(doc.total).toBe(3 + children.length);
    const svgFile = path.join(dir, 'session.svg');
    const r = cli('timeline', pgUrl, '--format', 'transformation-log', '--run', session.id, '--out', svgFile);
    expect(r.code).toBe(0);
    const svg = fs.readFileSync(svgFile, 'utf8');
    // The picture spans the session and its operations; the session two days on says where it is.
    expect(svg).toContain('data-marker="off-window">starts 2 d 0 h later →</text>');
    expect(svg).toContain('>2.50 s</text>');
  }, SLOW_MS);
});

describe('auditlens timeline on JSON folders', () => {
  it('ddeutil-workflow audits: runs by workflow, and a run\'s jobs from info.exec_start to exec_end', () => {
    const root = path.join(dir, 'audits');
    const truth: Laned[] = [];
    const rng = createPrng(5);
    for (let i = 0; i < 120; i++) {
      const wf = rng.pick(['wf-daily', 'wf-hourly', 'wf-export']);
      const start = Date.UTC(2025, 7, 1) + i * 3_600_000 + rng.int(0, 1_800_000);
      const end = start + rng.int(1_000, 900_000);
      const release = new Date(start).toISOString().replace('T', ' ').slice(0, 19);
      const runId = `${release.replace(/\D/g, '')}000000T${String(1_000_000_000 + i)}`;
      const ts = (t: number): string => `${new Date(t).toISOString().replace('T', ' ').slice(0, 23)}000+00:00`;
      const half = start + Math.floor((end - start) / 2);
      const doc = {
        name: wf, release, type: 'normal', run_id: runId, parent_run_id: runId,
        context: {
          status: 'SUCCESS', params: {}, info: { exec_start: ts(start), exec_end: ts(end) },
          jobs: {
            extract: { status: 'SUCCESS', info: { exec_start: ts(start), exec_end: ts(half) }, stages: { read: { outputs: {}, status: 'SUCCESS' } } },
            load: { status: 'SUCCESS', info: { exec_start: ts(half), exec_end: ts(end) }, stages: { write: { outputs: {}, status: 'SUCCESS' } } },
          },
        },
        runs_metadata: { exec_start: ts(start), exec_end: ts(end), exec_latency: (end - start) / 1000 },
      };
      const file = path.join(root, `workflow=${wf}`, `release=${release.replace(/\D/g, '')}`, `${runId}.log`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(doc, null, 2));
      truth.push({ id: `${wf} / ${runId}`, lane: wf, start, end });
    }
    const all = timeline(root);
    expectMatches(all.doc, truth, wholeRange(truth).from, wholeRange(truth).to);
    const run = truth[40] as Laned;
    const waterfall = timeline(root, '--run', run.id).doc;
    const half = (run.start ?? 0) + Math.floor(((run.end ?? 0) - (run.start ?? 0)) / 2);
    expect(waterfall.lanes.map((l) => [l.label, Date.parse(l.bars[0]?.start ?? ''), Date.parse(l.bars[0]?.end ?? '')])).toEqual([
      ['extract', run.start, half], ['load', half, run.end],
    ]);
  }, SLOW_MS);

  it('OpenLineage events: one run per runId from its first event to its completion, ticks for events', () => {
    const real = realFixtures();
    const root = path.join(dir, 'openlineage');
    fs.mkdirSync(root, { recursive: true });
    const sources = [
      ...fs.readdirSync(path.join(real, 'marquez/api/src/test/resources/apples')).map((f) => path.join(real, 'marquez/api/src/test/resources/apples', f)),
      ...['event_full.json', 'event_simple.json', 'event_required_only.json', 'event_unicode.json'].map((f) => path.join(real, 'marquez/api/src/test/resources/open_lineage', f)),
    ].filter((f) => f.endsWith('.json'));
    for (const f of sources) {
      fs.copyFileSync(f, path.join(root, path.basename(f)));
    }
    // A parent run with two child runs, as dbt's OpenLineage integration writes them.
    const parent = crypto.randomUUID();
    const event = (type: string, runId: string, job: string, at: string, parentRun: string | null): object => ({
      eventType: type, eventTime: at, producer: 'test', schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
      run: { runId, facets: parentRun ? { parent: { run: { runId: parentRun }, job: { namespace: 'dbt', name: 'dbt-run-demo' } } } : {} }, job: { namespace: 'dbt', name: job },
    });
    const kids = [crypto.randomUUID(), crypto.randomUUID()];
    const mine = [
      event('START', parent, 'dbt-run-demo', '2026-10-01T10:00:00Z', null), event('COMPLETE', parent, 'dbt-run-demo', '2026-10-01T10:10:00Z', null),
      event('START', kids[0] as string, 'model.demo.a', '2026-10-01T10:01:00Z', parent), event('COMPLETE', kids[0] as string, 'model.demo.a', '2026-10-01T10:04:00Z', parent),
      event('START', kids[1] as string, 'model.demo.b', '2026-10-01T10:04:00Z', parent), event('FAIL', kids[1] as string, 'model.demo.b', '2026-10-01T10:09:00Z', parent),
    ];
    fs.writeFileSync(path.join(root, 'dbt-run.ndjson'), mine.map((e) => JSON.stringify(e)).join('\n'));
    // The truth from the files: per runId, the first event time and the last terminal one.
    const byRun = new Map<string, { lane: string; times: number[]; ends: number[] }>();
    const events = [...sources.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as Record<string, unknown>), ...mine] as { eventType?: string; eventTime?: string; run?: { runId?: string }; job?: { name?: string } }[];
    for (const e of events) {
      const id = e.run?.runId;
      const t = ms(e.eventTime ?? null);
      if (!id || t === null) {
        continue;
      }
      const r = byRun.get(id) ?? { lane: e.job?.name ?? '', times: [], ends: [] };
      r.times.push(t);
      if (['COMPLETE', 'FAIL', 'ABORT'].includes(e.eventType ?? '')) {
        r.ends.push(t);
      }
      byRun.set(id, r);
    }
    const truth: Laned[] = [...byRun].map(([id, r]) => ({ id, lane: r.lane, start: Math.min(...r.times), end: r.ends.length > 0 ? Math.max(...r.ends) : null }));
    const all = timeline(root);
    expectMatches(all.doc, truth, wholeRange(truth).from, wholeRange(truth).to);
    const oct = { from: Date.parse('2026-10-01T00:00:00Z'), to: Date.parse('2026-10-02T00:00:00Z') };
    const day = timeline(root, '--from', '2026-10-01', '--to', '2026-10-02').doc;
    expectMatches(day, truth, oct.from, oct.to);
    const waterfall = timeline(root, '--run', parent).doc;
    expect(waterfall.lanes.map((l) => [l.label, l.bars[0]?.start, l.bars[0]?.end])).toEqual([
      ['START', '2026-10-01T10:00:00.000Z', null], ['COMPLETE', '2026-10-01T10:10:00.000Z', null],
      ['model.demo.a', '2026-10-01T10:01:00.000Z', '2026-10-01T10:04:00.000Z'], ['model.demo.b', '2026-10-01T10:04:00.000Z', '2026-10-01T10:09:00.000Z'],
    ]);
  }, SLOW_MS);
});
