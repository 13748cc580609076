/**
 * Lineage from Marquez's `lineage_events` on real Postgres: Marquez's own test events (the
 * "apples" pipeline and the open_lineage examples) and the OpenLineage spec's column lineage facet
 * examples, stored as Marquez stores them (the event in a jsonb column). The walk must reach what a
 * hand-written jsonb `WITH RECURSIVE` reaches, and the column edges must be the facet's, counted by
 * a hand-written jsonb query.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreManager } from '../../../electron/sources/store-manager';
import { FormatCatalog } from '../../../electron/views/format-catalog';
import { lineageGraph } from '../../../electron/views/lineage-query';
import { lineageRunNodes, lineageRuns } from '../../../electron/views/lineage-runs';
import type { LineageGraph } from '../../../shared/model/lineage-graph';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const REAL = path.resolve(__dirname, '../../../../shared/fixtures/real');
const MARQUEZ = path.join(REAL, 'marquez/api/src/test/resources');
const db = `al_marquez_lineage_${crypto.randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
const stores = new StoreManager(sqliteDeps);
let client: pg.Client;

interface Event { eventTime: string; eventType?: string; job?: { name: string; namespace: string }; run?: { runId: string }; producer?: string }

/** The spec's facet examples as the outputs of a START and a COMPLETE event of one run each. */
function facetEvents(): Record<string, unknown>[] {
  return [1, 2].flatMap((k) => {
    const facet = JSON.parse(fs.readFileSync(path.join(REAL, `OpenLineage/spec/tests/ColumnLineageDatasetFacet/${k}.json`), 'utf8')) as { columnLineage: { fields: Record<string, { inputFields: { namespace: string; name: string }[] }> } };
    const inputs = [...new Map(Object.values(facet.columnLineage.fields).flatMap((f) => f.inputFields).map((x) => [x.name, { namespace: x.namespace, name: x.name }])).values()];
    return ['START', 'COMPLETE'].map((type, i) => ({
      eventTime: `2024-05-0${k}T10:0${i}:00Z`, eventType: type, producer: 'test',
      run: { runId: `0190${k}000-0000-7000-8000-00000000000${k}` }, job: { namespace: 'spec', name: `facet_example_${k}` },
      inputs, outputs: [{ namespace: 'out', name: `facet_output_${k}`, facets: facet }],
    }));
  });
}

beforeAll(async () => {
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: db });
  await client.connect();
  // Marquez's own DDL for the table (V44 migration and later).
  await client.query('CREATE TABLE lineage_events (event_time timestamptz NOT NULL, event jsonb NOT NULL, event_type text, job_name text, job_namespace text, producer text, run_uuid uuid, created_at timestamptz DEFAULT now())');
  const files = [path.join(MARQUEZ, 'apples'), path.join(MARQUEZ, 'open_lineage')].flatMap((d) => fs.readdirSync(d).filter((f) => f.endsWith('.json')).map((f) => path.join(d, f)));
  const events = [...files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as Event), ...facetEvents() as unknown as Event[]];
  for (const e of events) {
    await client.query('INSERT INTO lineage_events (event_time, event, event_type, job_name, job_namespace, producer, run_uuid) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [e.eventTime, e, e.eventType ?? null, e.job?.name ?? null, e.job?.namespace ?? null, e.producer ?? null, e.run?.runId ?? null]);
  }
});

afterAll(async () => {
  await client.end();
  await stores.closeAll();
  await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin.end();
});

async function walk(node: string, depth: number | null, columns = false): Promise<LineageGraph> {
  const { source } = await stores.openLocation(`postgres://postgres@127.0.0.1:5432/${db}`);
  const fc = await FormatCatalog.resolve(source, () => []);
  return lineageGraph(fc, { format: 'openlineage', node, direction: 'upstream', depth, columns, asOf: null, run: null, budget: 500 }, undefined, 'UTC');
}

const list = (key: string): string => `jsonb_array_elements(CASE WHEN jsonb_typeof(event -> '${key}') = 'array' THEN event -> '${key}' ELSE '[]' END)`;
/** The dataset → job → dataset edges, by hand. */
const EDGES = `SELECT i ->> 'name' AS s, job_name AS t FROM lineage_events, ${list('inputs')} AS i UNION SELECT job_name, o ->> 'name' FROM lineage_events, ${list('outputs')} AS o`;

describe("Marquez's lineage_events", () => {
  it('walks dataset → job → dataset from the event jsonb as a hand-written WITH RECURSIVE does', async () => {
    const sinks = (await client.query<{ t: string }>(`WITH e AS (${EDGES}) SELECT DISTINCT t FROM e WHERE t NOT IN (SELECT s FROM e) ORDER BY t`)).rows.map((r) => r.t);
    expect(sinks.length).toBeGreaterThan(5);
    for (const root of sinks) {
      const truth = await client.query<{ n: string }>(`WITH RECURSIVE e AS (${EDGES}), up(n) AS (SELECT CAST($1 AS text) UNION SELECT e.s FROM up JOIN e ON e.t = up.n) SELECT n FROM up ORDER BY n`, [root]);
      const g = await walk(root, null);
      expect(g.nodes.map((n) => n.id).sort(), root).toEqual(truth.rows.map((r) => r.n).sort());
      const edges = await client.query<{ c: string }>(`WITH RECURSIVE e AS (${EDGES}), up(n) AS (SELECT CAST($1 AS text) UNION SELECT e.s FROM up JOIN e ON e.t = up.n) SELECT count(*) AS c FROM e WHERE t IN (SELECT n FROM up)`, [root]);
      expect(g.edges, root).toHaveLength(Number(edges.rows[0]?.c));
      expect(g.nodes.every((n) => (n.type === 'JOB') === (Math.abs(n.depth) % 2 === 1)), root).toBe(true);
    }
  });

  it('dates an edge from the first event of its run, and names the run that recorded it', async () => {
    const g = await walk('facet_output_1', 1);
    expect(g.edges.map((e) => [e.source, e.target, e.recordedBy, e.validFromMs])).toEqual([
      ['facet_example_1', 'facet_output_1', '01901000-0000-7000-8000-000000000001', Date.parse('2024-05-01T10:00:00Z')],
    ]);
  });

  it('reads the column lineage facet as column edges, DIRECT and INDIRECT, as a jsonb query counts them', async () => {
    const truth = await client.query<{ s: string; t: string; tt: string | null; tsub: string | null }>(`SELECT DISTINCT (i ->> 'name') || '.' || (i ->> 'field') AS s, (o ->> 'name') || '.' || f.key AS t, tr ->> 'type' AS tt, tr ->> 'subtype' AS tsub
      FROM lineage_events, ${list('outputs')} AS o, jsonb_each(o -> 'facets' -> 'columnLineage' -> 'fields') AS f, jsonb_array_elements(f.value -> 'inputFields') AS i
      LEFT JOIN LATERAL jsonb_array_elements(i -> 'transformations') AS tr ON true WHERE jsonb_typeof(o -> 'facets' -> 'columnLineage' -> 'fields') = 'object'
      UNION SELECT (i ->> 'name') || '.' || (i ->> 'field'), (o ->> 'name') || '.' || f.key, tr ->> 'type', tr ->> 'subtype'
      FROM lineage_events, ${list('outputs')} AS o, jsonb_each(o -> 'facets' -> 'columnLineage' -> 'fields') AS f, jsonb_array_elements(o -> 'facets' -> 'columnLineage' -> 'dataset') AS i
      LEFT JOIN LATERAL jsonb_array_elements(i -> 'transformations') AS tr ON true WHERE jsonb_typeof(o -> 'facets' -> 'columnLineage' -> 'dataset') = 'array'`);
    // 12 + 4 per-field inputs, and 3 dataset-wide inputs (a sort and a filter) × 4 output fields.
    expect(truth.rows.length).toBe(12 + 4 + 3 * 4);
    const got: string[] = [];
    for (const out of ['facet_output_1', 'facet_output_2']) {
      const g = await walk(out, 2, true);
      got.push(...g.edges.filter((e) => e.transformation !== null).map((e) => JSON.stringify([e.source, e.target, e.transformation?.type, e.transformation?.subtype])));
      expect(g.edges.filter((e) => e.transformation === null).every((e) => g.nodes.find((n) => n.id === e.source)?.type !== 'COLUMN')).toBe(true);
    }
    expect(got.sort()).toEqual(truth.rows.map((r) => JSON.stringify([r.s, r.t, r.tt, r.tsub])).sort());
    // Without JIT (the session turns it off) this walk takes tens of ms, not seconds of compiling.
    const { source } = await stores.openLocation(`postgres://postgres@127.0.0.1:5432/${db}`);
    expect(await source.rows({ sql: "SELECT current_setting('jit')", params: [] }, 1)).toEqual([['off']]);
    const column = await walk('facet_output_1.NAME', 1, true);
    expect(column.edges.map((e) => `${e.transformation?.type}/${e.transformation?.subtype}`).sort()).toEqual(['DIRECT/IDENTITY', 'INDIRECT/JOIN', 'INDIRECT/JOIN']);
  });
  it('names the runs that wrote and read a dataset, and where a run\'s data ends up, as the jsonb says', async () => {
    const { source } = await stores.openLocation(`postgres://postgres@127.0.0.1:5432/${db}`);
    const fc = await FormatCatalog.resolve(source, () => []);
    const runsOf = async (key: string, name: string): Promise<string[]> => (await client.query<{ r: string }>(
      `SELECT DISTINCT CAST(run_uuid AS text) AS r FROM lineage_events, ${list(key)} AS d WHERE d ->> 'name' = $1 AND run_uuid IS NOT NULL ORDER BY r`, [name])).rows.map((x) => x.r);
    const busiest = (await client.query<{ n: string }>(`WITH e AS (${EDGES}) SELECT s AS n FROM e WHERE s IN (SELECT t FROM e) GROUP BY s ORDER BY count(*) DESC, s LIMIT 1`)).rows[0]?.n ?? '';
    const got = await lineageRuns(fc, { format: 'openlineage', node: busiest, asOf: null }, undefined, 'UTC');
    expect(got).toEqual({ wrote: await runsOf('outputs', busiest), read: await runsOf('inputs', busiest) });
    expect(got.wrote.length + got.read.length).toBeGreaterThan(1);
    expect(await lineageRunNodes(fc, { format: 'openlineage', run: '01901000-0000-7000-8000-000000000001', limit: 1 }, undefined, 'UTC')).toEqual(['facet_output_1']);
  });
});
