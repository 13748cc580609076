import { describe, expect, it } from 'vitest';
import type { PageResult } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import type { ApiCall } from '../../../renderer/app/api-types';
import type { TableQuery } from '../../../shared/model/view-request';
import { createPagedDatasource, type PagedDatasourceOptions, type RowsRequest } from '../../../renderer/grid/paged-datasource';
import { tablePageSource } from '../../../renderer/features/tables/table-page-source';

/** The table view's datasource: the grid kit's paged datasource over the table's page source. */
function createDatasource(o: { call: ApiCall; storeId: string; query: TableQuery } & Omit<PagedDatasourceOptions, 'fetchPage' | 'cancel'>) {
  const { call, storeId, query, ...rest } = o;
  return createPagedDatasource({ ...tablePageSource(call, storeId, query), ...rest });
}

interface Recorded {
  readonly name: string;
  readonly input: Record<string, unknown>;
  resolve(result: Result<unknown>): void;
}

/** A fake `call` that records each call and lets the test answer it later. */
function fakeCall(): { call: ApiCall; calls: Recorded[] } {
  const calls: Recorded[] = [];
  const call = ((name: string, input: Record<string, unknown>) =>
    new Promise((resolve) => {
      calls.push({ name, input, resolve });
      if (name === 'query.cancel') {
        resolve({ ok: true, value: true });
      }
    })) as unknown as ApiCall;
  return { call, calls };
}

const page = (lastRow: number | null): PageResult => ({
  columns: ['a'], rows: [['x'], ['y']], keys: [[1], [2]], lastRow, tookMs: 7,
});

function request(sortModel: RowsRequest['sortModel'], log: string[]): RowsRequest {
  return {
    startRow: 0,
    endRow: 100,
    sortModel,
    successCallback: (rows: unknown[], lastRow?: number) => log.push(`ok ${rows.length} ${String(lastRow)}`),
    failCallback: () => log.push('fail'),
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('createDatasource', () => {
  it('asks for a page with the grid sort and hands rows and lastRow back', async () => {
    const { call, calls } = fakeCall();
    const pages: unknown[] = [];
    let n = 0;
    const ds = createDatasource({
      call, storeId: 's1', query: { table: { schema: null, name: 't' }, filters: [], sort: [] },
      newRequestId: () => `r${++n}`, onPage: (p) => pages.push(p),
    });
    const log: string[] = [];
    ds.getRows(request([{ colId: 'a', sort: 'desc' }], log));
    expect(calls[0]?.name).toBe('table.page');
    expect(calls[0]?.input).toMatchObject({
      storeId: 's1', startRow: 0, endRow: 100, requestId: 'r1',
      query: { table: { schema: null, name: 't' }, sort: [{ column: 'a', desc: true }] },
    });
    calls[0]?.resolve({ ok: true, value: page(2) });
    await flush();
    expect(log).toEqual(['ok 2 2']);
    expect(pages).toEqual([{ tookMs: 7, lastRow: 2 }]);

    ds.getRows(request([{ colId: 'a', sort: 'desc' }], log));
    calls[1]?.resolve({ ok: true, value: page(null) });
    await flush();
    expect(log).toEqual(['ok 2 2', 'ok 2 undefined']);
  });

  it('cancels pages of an older sort and every page on destroy', async () => {
    const { call, calls } = fakeCall();
    let n = 0;
    const ds = createDatasource({
      call, storeId: 's', query: { table: { schema: null, name: 't' }, filters: [], sort: [] }, newRequestId: () => `r${++n}`,
    });
    const log: string[] = [];
    ds.getRows(request([], log));
    ds.getRows(request([{ colId: 'a', sort: 'asc' }], log));
    expect(calls.filter((c) => c.name === 'query.cancel').map((c) => c.input)).toEqual([{ requestId: 'r1' }]);
    expect(ds.inFlight()).toEqual(['r2']);
    calls[0]?.resolve({ ok: false, error: { code: 'cancelled', message: 'Cancelled.' } });
    ds.destroy();
    expect(calls.filter((c) => c.name === 'query.cancel').map((c) => c.input)).toEqual([{ requestId: 'r1' }, { requestId: 'r2' }]);
    calls.find((c) => c.input['requestId'] === 'r2')?.resolve({ ok: true, value: page(2) });
    await flush();
    expect(log).toEqual(['fail', 'fail']);
  });

  it('reports failures except cancellations', async () => {
    const { call, calls } = fakeCall();
    const errors: unknown[] = [];
    const ds = createDatasource({
      call, storeId: 's', query: { table: { schema: null, name: 't' }, filters: [], sort: [] },
      newRequestId: () => 'r', onError: (e) => errors.push(e),
    });
    const log: string[] = [];
    ds.getRows(request([], log));
    calls[0]?.resolve({ ok: false, error: { code: 'unknown-column', message: 'No column x.' } });
    await flush();
    expect(errors).toEqual([{ code: 'unknown-column', message: 'No column x.' }]);
    expect(log).toEqual(['fail']);
  });
});
