import { describe, expect, it } from 'vitest';
import type { ConsoleResult } from '../../../shared/api/contract';
import type { ApiCall } from '../../../renderer/app/api-types';
import { consolePageSource, toPage } from '../../../renderer/features/console/console-page-source';
import { resultSummary } from '../../../renderer/features/console/result-summary';

const first: ConsoleResult = { columns: ['n', 'n'], rows: Array.from({ length: 200 }, (_, i) => [i, i]), startRow: 0, more: true, tookMs: 3 };

describe('SQL console page source', () => {
  it('names columns by position, so a repeated name keeps both columns', () => {
    expect(toPage(first).columns).toEqual(['c0', 'c1']);
    expect(toPage({ ...first, more: false, rows: [[1, 1]] }).lastRow).toBe(1);
  });

  it('answers the first window from the run and runs the statement again for later blocks', async () => {
    const calls: unknown[] = [];
    const fake = (async (name: string, input: unknown) => {
      calls.push([name, input]);
      return { ok: true, value: { ...first, startRow: 200, rows: [[200, 200]], more: false } };
    }) as unknown as ApiCall;
    const source = consolePageSource(fake, 's1', { sql: 'SELECT n, n FROM t', timeoutMs: 5_000, first, elapsedMs: 10, runId: 'r1' });
    const a = await source.fetchPage([], 0, 200, 'q1');
    expect(a.ok && a.value.rows.length).toBe(200);
    expect(a.ok && a.value.lastRow).toBeNull();
    expect(calls).toEqual([]);
    const b = await source.fetchPage([], 200, 400, 'q2');
    expect(b.ok && b.value.lastRow).toBe(201);
    expect(calls).toEqual([['console.run', { storeId: 's1', sql: 'SELECT n, n FROM t', startRow: 200, endRow: 400, timeoutMs: 5_000, requestId: 'q2' }]]);
  });

  it('says how many rows, and "N+" until the end is known', () => {
    expect(resultSummary({ ...first, more: false, rows: [[1, 1]] }, null)).toEqual({ text: '1 row', rows: 1, exact: true });
    expect(resultSummary(first, null)).toEqual({ text: '200+ rows (more as you scroll)', rows: 200, exact: false });
    expect(resultSummary(first, 1_234)).toEqual({ text: '1,234 rows', rows: 1_234, exact: true });
  });
});
