/**
 * "Any step failed" and the search across runs and steps on a generated store of 30,000 runs and
 * 300,000 steps, with and without the indexes the runs view warns about: counts and pages equal
 * SQL ground truth, and a count whose budget runs out says "at least N" instead of hanging.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/api/handlers';
import { StoreManager } from '../../../electron/sources/store-manager';
import type { FormatSummary, PageResult, StoreSummary } from '../../../shared/api/contract';
import type { RowCount } from '../../../shared/model/catalog';
import type { Handlers } from '../../../shared/api/dispatch';
import { dispatch } from '../../../shared/api/dispatch';
import { buildRunsStore } from '../../bench/runs-store';
import { sha256, tempDir } from '../../helpers/files';
import { testServices } from '../../helpers/services';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const RUNS = 30_000;
const { dir, cleanup } = tempDir();
const stores = new StoreManager(sqliteDeps);
const files = { indexed: path.join(dir, 'indexed.db'), bare: path.join(dir, 'bare.db') };
const ids: Record<string, string> = {};
const hashes: Record<string, string> = {};
let handlers: Handlers;

async function call<T>(name: string, input: unknown): Promise<T> {
  const r = await dispatch(handlers, name, input, { transport: 'test' });
  if (!r.ok) {
    throw new Error(`${r.error.code}: ${r.error.message}`);
  }
  return r.value as T;
}

/** Ground truth in plain SQL: the run keys, newest first, of the runs `where` keeps. */
function truth(file: string, where: string, ...params: unknown[]): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare(`SELECT invocation_id || ' / ' || model_name AS id FROM dbt_audit_summary r WHERE ${where} ORDER BY run_started_at DESC, invocation_id, model_name`).pluck().all(...params);
    return rows as string[];
  } finally {
    db.close();
  }
}

const FAILED_STEP = "(invocation_id, model_name) IN (SELECT invocation_id, model_name FROM dbt_audit_detail WHERE lower(status) = 'error')";
/** Search ground truth with instr, not LIKE, so wildcards cannot agree by accident. */
const SEARCHED = `(instr(lower(custom_message), lower(?)) > 0 OR (invocation_id, model_name) IN (SELECT invocation_id, model_name FROM dbt_audit_detail WHERE instr(lower(message), lower(?)) > 0))`;

beforeAll(async () => {
  buildRunsStore(files.indexed, RUNS, true);
  buildRunsStore(files.bare, RUNS, false);
  handlers = createHandlers(testServices(dir, files.indexed, stores));
  for (const [name, file] of Object.entries(files)) {
    hashes[name] = sha256(file);
    ids[name] = (await call<StoreSummary>('stores.openPath', { path: file })).storeId;
  }
}, 60_000);

afterAll(async () => {
  await stores.closeAll();
  for (const [name, file] of Object.entries(files)) {
    expect(sha256(file)).toBe(hashes[name]);
  }
  cleanup();
});

describe.each(['indexed', 'bare'] as const)('on the %s store', (name) => {
  const file = (): string => files[name];
  const storeId = (): string => ids[name] as string;

  it('warns about the missing indexes only where they are missing', async () => {
    const [f] = await call<FormatSummary[]>('formats.list', { storeId: storeId() });
    expect(f?.warnings.length).toBe(name === 'bare' ? 2 : 0);
  });

  it('"any step failed" counts and pages exactly the runs SQL keeps', async () => {
    const expected = truth(file(), FAILED_STEP);
    expect(expected.length).toBe(RUNS / 25);
    const query = { filters: [], sort: [], anyStepFailed: true };
    expect(await call<RowCount>('runs.count', { storeId: storeId(), format: 'dbt-audit', query, budgetMs: 20_000 })).toEqual({ value: expected.length, exact: true });
    const page = await call<PageResult>('runs.page', { storeId: storeId(), format: 'dbt-audit', query: { ...query, columns: ['run_id'] }, startRow: 0, endRow: 100 });
    expect(page.rows.map((r) => r[0])).toEqual(expected.slice(0, 100));
  });

  it('a search finds runs by their own message or a step message, case-insensitive, with % and _ taken literally', async () => {
    for (const text of ['vacuum 50%_DONE', 'LOCK WAIT timeout on step_0', 'Database error in model_7', '50%', 'no such words']) {
      const expected = truth(file(), SEARCHED, text, text);
      const query = { filters: [], sort: [], search: text };
      const count = await call<RowCount>('runs.count', { storeId: storeId(), format: 'dbt-audit', query, budgetMs: 20_000 });
      expect(count, text).toEqual({ value: expected.length, exact: true });
      const page = await call<PageResult>('runs.page', { storeId: storeId(), format: 'dbt-audit', query: { ...query, columns: ['run_id'] }, startRow: 0, endRow: 50 });
      expect(page.rows.map((r) => r[0]), text).toEqual(expected.slice(0, 50));
    }
    // The wildcard word really occurs, so the comparison above is not of two empty lists (escaping: semi-join-sql.test.ts).
    expect(truth(file(), SEARCHED, 'vacuum 50%_done', 'vacuum 50%_done').length).toBeGreaterThan(0);
  });

  it('a count whose budget runs out says "at least N" with N no more than the truth', async () => {
    const expected = truth(file(), `${FAILED_STEP} AND ${SEARCHED.replace(/\?/g, "'timeout'")}`).length;
    const count = await call<RowCount>('runs.count', { storeId: storeId(), format: 'dbt-audit', query: { filters: [], sort: [], anyStepFailed: true, search: 'timeout' }, budgetMs: 10 });
    expect(count.exact).toBe(false);
    expect(count.value).toBeGreaterThan(0);
    expect(count.value).toBeLessThanOrEqual(expected);
  });
});
