import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoStore } from '../../../electron/demo/generate-demo';
import type { Source } from '../../../electron/sources/source';
import { StoreManager } from '../../../electron/sources/store-manager';
import { FormatCatalogs } from '../../../electron/views/format-catalogs';
import { runsPlan } from '../../../electron/views/runs-plan';
import type { Mapping } from '../../../shared/model/mapping';
import { mappingSchema } from '../../../shared/model/mapping';
import { tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const { dir, cleanup } = tempDir();
const demo = path.join(dir, 'demo.db');
const stores = new StoreManager(sqliteDeps);
let storeId: string;
/** Calls of the source that resolving formats or planning "slower than median" would make. */
const calls = { catalog: 0, rows: 0 };

beforeAll(async () => {
  generateDemoStore(demo);
  const opened = await stores.openLocation(demo);
  storeId = opened.storeId;
  const real: Source = opened.source;
  // Count the calls on the real source, so the test sees what the handlers would cause.
  const counting = new Proxy(real, {
    get(target, prop, receiver) {
      if (prop === 'catalog' || prop === 'rows') {
        return (...args: unknown[]) => {
          calls[prop] += 1;
          return (Reflect.get(target, prop, receiver) as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  stores.get = (id: string): Source => (id === storeId ? counting : real);
}, 60_000);

afterAll(async () => {
  await stores.closeAll();
  cleanup();
});

const hookMapping: Mapping = mappingSchema.parse({ title: 'Hooks by hand', runs: { table: { schema: null, name: 'dbt_audit_log' }, key: ['run_id'], name: 'model_name' } });

describe('format catalogs: formats resolved once per store', () => {
  it('detects the formats once and answers every later call from the same resolution', async () => {
    const saved: Mapping[] = [];
    const formats = new FormatCatalogs(stores, () => saved);
    calls.catalog = 0;
    const [a, b] = await Promise.all([formats.of(storeId), formats.of(storeId)]);
    const c = await formats.of(storeId);
    expect(a).toBe(b);
    expect(a).toBe(c);
    expect(calls.catalog).toBe(1);
    expect(a.formats.map((f) => f.model.formatId)).toContain('dbt-audit');
  });

  it('resolves again after a mapping changes, and the new mapping is there', async () => {
    const saved: Mapping[] = [];
    const formats = new FormatCatalogs(stores, () => saved);
    const before = await formats.of(storeId);
    expect(before.formats.some((f) => f.model.formatId === 'mapped')).toBe(false);
    saved.push(hookMapping);
    formats.invalidate();
    const after = await formats.of(storeId);
    expect(after).not.toBe(before);
    expect(after.find('mapped:Hooks by hand').model.title).toBe('Hooks by hand');
  });

  it('forgets a closed store', async () => {
    const formats = new FormatCatalogs(stores, () => []);
    const first = await formats.of(storeId);
    formats.forget(storeId);
    expect(await formats.of(storeId)).not.toBe(first);
  });

  it('asks the engine for the medians of "slower than median" once per filter set', async () => {
    const formats = new FormatCatalogs(stores, () => []);
    const fc = await formats.of(storeId);
    const f = fc.find('dbt-audit');
    calls.rows = 0;
    const query = { filters: [{ column: 'status', op: 'eq' as const, value: 'ok' }], sort: [], slowerThanMedian: true };
    const [p1, p2] = [await runsPlan(fc.source, f, query, fc.medians), await runsPlan(fc.source, f, { ...query, sort: [{ column: 'run_name', desc: false }] }, fc.medians)];
    expect(calls.rows).toBe(1);
    expect(p2.conditions).toEqual(p1.conditions);
    await runsPlan(fc.source, f, { ...query, filters: [] }, fc.medians);
    expect(calls.rows).toBe(2);
  });
});
