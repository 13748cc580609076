/**
 * OpenLineage's column lineage facet read from event files: the spec's own facet examples (in
 * events around them) and the Spark integration's expected events. Every input field of every
 * output field must come back as a column edge with its transformation type and subtype, repeated
 * events of a run must not repeat edges, and at table level the facet adds no dataset → dataset
 * shortcut beside the job. The truth is computed from the JSON files themselves.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreManager } from '../../../electron/sources/store-manager';
import { FormatCatalog } from '../../../electron/views/format-catalog';
import { lineageGraph } from '../../../electron/views/lineage-query';
import type { LineageGraph } from '../../../shared/model/lineage-graph';
import { tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const REAL = path.resolve(__dirname, '../../../../shared/fixtures/real/OpenLineage');
const { dir, cleanup } = tempDir('auditlens-lineage-facets-');
const stores = new StoreManager(sqliteDeps, {}, path.join(dir, 'cache'));
afterAll(async () => {
  await stores.closeAll();
  cleanup();
});

interface InputField { namespace: string; name: string; field: string; transformations?: { type?: string; subtype?: string }[] }
interface Facet { columnLineage: { fields: Record<string, { inputFields: InputField[]; transformationType?: string }>; dataset?: InputField[] } }
interface Output { namespace: string; name: string; facets?: Partial<Facet> }

/** Writes the spec's facet examples as the outputs of START and COMPLETE events of one run each. */
function writeFolder(): string {
  const folder = path.join(dir, 'events');
  fs.mkdirSync(folder);
  const outputs: [string, string][] = [['SnowflakeOpenLineage', 'PUBLIC.CUSTOMER_DISCOUNTS'], ['s3://test-bucket', '/iceberg_warehouse/some-database/people_next_year']];
  [1, 2].forEach((k, i) => {
    const facet = JSON.parse(fs.readFileSync(path.join(REAL, `spec/tests/ColumnLineageDatasetFacet/${k}.json`), 'utf8')) as Facet;
    const inputs = [...new Map(Object.values(facet.columnLineage.fields).flatMap((f) => f.inputFields).map((x) => [`${x.namespace}|${x.name}`, { namespace: x.namespace, name: x.name }])).values()];
    const [ns, name] = outputs[i] ?? ['', ''];
    const event = (type: string, minute: number): unknown => ({
      eventTime: `2024-05-0${k}T10:0${minute}:00.000Z`, eventType: type, producer: 'test', schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
      run: { runId: `0190${k}000-0000-7000-8000-00000000000${k}` }, job: { namespace: 'spec', name: `facet_example_${k}` },
      inputs, outputs: [{ namespace: ns, name, facets: facet }],
    });
    fs.writeFileSync(path.join(folder, `facet-${k}.json`), JSON.stringify([event('START', 0), event('COMPLETE', 5)]));
  });
  for (const t of ['test_failing/example_failing.json', 'test_simple/example_expected_event_complete.json']) {
    fs.copyFileSync(path.join(REAL, 'integration/spark/cli/tests', t), path.join(folder, t.replace('/', '-')));
  }
  return folder;
}

/** Every column edge the files state: `[source, target, type, subtype]`, the first transformation of each. */
function factsOf(folder: string): Map<string, [string, string, string | null, string | null][]> {
  const byTarget = new Map<string, [string, string, string | null, string | null][]>();
  for (const f of fs.readdirSync(folder)) {
    const doc = JSON.parse(fs.readFileSync(path.join(folder, f), 'utf8')) as unknown;
    for (const e of (Array.isArray(doc) ? doc : [doc]) as { outputs?: Output[] }[]) {
      for (const o of e.outputs ?? []) {
        for (const [field, spec] of Object.entries(o.facets?.columnLineage?.fields ?? {})) {
          const target = `${o.name}.${field}`;
          // The dataset-wide inputs (a filter, a sort) feed every output field.
          const rows = [...spec.inputFields, ...(o.facets?.columnLineage?.dataset ?? [])].map((x): [string, string, string | null, string | null] => {
            const t = x.transformations?.[0];
            return [`${x.name}.${x.field}`, target, t?.type ?? (spec.transformationType ? 'DIRECT' : null), t?.subtype ?? spec.transformationType ?? null];
          });
          byTarget.set(target, [...new Map([...(byTarget.get(target) ?? []), ...rows].map((r) => [JSON.stringify(r), r])).values()]);
        }
      }
    }
  }
  return byTarget;
}

describe('OpenLineage column lineage facets from files', () => {
  const folder = writeFolder();
  const truth = factsOf(folder);
  const walk = async (node: string, columns: boolean, depth: number): Promise<LineageGraph> => {
    const { source } = await stores.openLocation(folder);
    const fc = await FormatCatalog.resolve(source, () => []);
    return lineageGraph(fc, { format: 'openlineage', node, direction: 'upstream', depth, columns, asOf: null, run: null, budget: 500 }, undefined, 'UTC');
  };

  it('gives each output column its input fields, with DIRECT / INDIRECT and the subtype', async () => {
    expect(truth.size).toBe(4 + 4 + 2 + 2);
    for (const [target, rows] of truth) {
      const g = await walk(target, true, 1);
      const got = g.edges.map((e) => [e.source, e.target, e.transformation?.type ?? null, e.transformation?.subtype ?? null]);
      expect(got.sort(), target).toEqual([...rows].sort());
      expect(g.nodes.find((n) => n.id === target)?.type).toBe('COLUMN');
    }
    const joins = (await walk('PUBLIC.CUSTOMER_DISCOUNTS.NAME', true, 1)).edges.filter((e) => e.transformation?.subtype === 'JOIN');
    expect(joins.map((e) => [e.transformation?.type, e.transformation?.description])).toEqual([
      ['INDIRECT', 'ON (DISCOUNTS.CUSTOMERS_ID=CUSTOMERS.ID)'], ['INDIRECT', 'ON (DISCOUNTS.CUSTOMERS_ID=CUSTOMERS.ID)'],
    ]);
    // The facet's dataset-wide FILTER on age feeds every output field, beside its direct inputs.
    const people = '/iceberg_warehouse/some-database/people';
    const lastName = await walk(`${people}_next_year.lastName`, true, 1);
    expect(lastName.edges.map((e) => [e.source, `${e.transformation?.type}/${e.transformation?.subtype}`]).sort()).toEqual([
      [`${people}.age`, 'INDIRECT/FILTER'], [`${people}.first_name`, 'INDIRECT/SORT'], [`${people}.last_name`, 'DIRECT/IDENTITY'], [`${people}.last_name`, 'INDIRECT/SORT'],
    ]);
  });

  it('keeps dataset → job → dataset at table level, with the column edges inside the tables when asked', async () => {
    const g = await walk('PUBLIC.CUSTOMER_DISCOUNTS', true, 2);
    const tableEdges = g.edges.filter((e) => e.transformation === null);
    expect(tableEdges.map((e) => [e.source, e.target]).sort()).toEqual([
      ['CUSTOMERS', 'facet_example_1'], ['DISCOUNTS', 'facet_example_1'], ['facet_example_1', 'PUBLIC.CUSTOMER_DISCOUNTS'],
    ]);
    const columnEdges = g.edges.filter((e) => e.transformation !== null);
    const expected = [...truth.entries()].filter(([t]) => t.startsWith('PUBLIC.CUSTOMER_DISCOUNTS.')).flatMap(([, r]) => r);
    expect(columnEdges).toHaveLength(expected.length);
    expect(columnEdges.filter((e) => e.transformation?.type === 'INDIRECT')).toHaveLength(expected.filter((r) => r[2] === 'INDIRECT').length);
    expect(columnEdges.every((e) => e.via === 'facet_example_1' && e.validFromMs === Date.parse('2024-05-01T10:00:00Z'))).toBe(true);
    expect(g.nodes.filter((n) => n.type === 'COLUMN' && n.table === 'PUBLIC.CUSTOMER_DISCOUNTS').map((n) => n.name).sort()).toEqual(['AMOUNT_OFF', 'ENDS_AT', 'NAME', 'STARTS_AT']);
  });
});
