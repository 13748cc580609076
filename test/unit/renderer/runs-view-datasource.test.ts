import { describe, expect, it } from 'vitest';
import type { PageResult } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import type { SortKey } from '../../../shared/model/view-request';
import { createPagedDatasource as createViewDatasource, type RowsRequest } from '../../../renderer/grid/paged-datasource';

interface Pending {
  readonly sort: readonly SortKey[];
  readonly start: number;
  readonly requestId: string;
  resolve(r: Result<PageResult>): void;
}

function fakeFetch(): { fetchPage: (sort: readonly SortKey[], start: number, end: number, requestId: string) => Promise<Result<PageResult>>; pending: Pending[] } {
  const pending: Pending[] = [];
  return {
    pending,
    fetchPage: (sort, start, _end, requestId) => new Promise((resolve) => pending.push({ sort, start, requestId, resolve })),
  };
}

const page = (lastRow: number | null): PageResult => ({ columns: ['run_id'], rows: [['a'], ['b']], keys: [['a'], ['b']], lastRow, tookMs: 3 });
const flush = () => new Promise((r) => setTimeout(r, 0));

function request(sortModel: RowsRequest['sortModel'], log: string[]): RowsRequest {
  return {
    startRow: 0, endRow: 100, sortModel,
    successCallback: (rows: unknown[], lastRow?: number) => log.push(`ok ${rows.length} ${String(lastRow)}`),
    failCallback: () => log.push('fail'),
  };
}

describe('createViewDatasource', () => {
  it('fetches with the grid sort and hands rows, keys and the total back', async () => {
    const { fetchPage, pending } = fakeFetch();
    const pages: unknown[] = [];
    let n = 0;
    const ds = createViewDatasource({ fetchPage, newRequestId: () => `r${++n}`, onPage: (p) => pages.push(p) });
    const log: string[] = [];
    ds.getRows(request([{ colId: 'started_at', sort: 'asc' }], log));
    expect(pending[0]).toMatchObject({ sort: [{ column: 'started_at', desc: false }], start: 0, requestId: 'r1' });
    pending[0]?.resolve({ ok: true, value: page(2) });
    await flush();
    expect(log).toEqual(['ok 2 2']);
    expect(pages).toEqual([{ tookMs: 3, lastRow: 2 }]);
  });

  it('cancels and drops blocks asked under an older sort', async () => {
    const { fetchPage, pending } = fakeFetch();
    const cancelled: string[] = [];
    let n = 0;
    const ds = createViewDatasource({ fetchPage, newRequestId: () => `r${++n}`, cancel: (id) => cancelled.push(id) });
    const log: string[] = [];
    ds.getRows(request([], log));
    ds.getRows(request([{ colId: 'run_name', sort: 'desc' }], log));
    expect(cancelled).toEqual(['r1']);
    pending[0]?.resolve({ ok: true, value: page(null) });
    pending[1]?.resolve({ ok: true, value: page(null) });
    await flush();
    expect(log).toEqual(['fail', 'ok 2 undefined']);
  });

  it('reports failures but not cancellations, and drops everything once destroyed', async () => {
    const { fetchPage, pending } = fakeFetch();
    const errors: string[] = [];
    const ds = createViewDatasource({ fetchPage, newRequestId: () => String(pending.length), onError: (e) => errors.push(e.code) });
    const log: string[] = [];
    ds.getRows(request([], log));
    pending[0]?.resolve({ ok: false, error: { code: 'cancelled', message: 'x' } });
    ds.getRows(request([], log));
    pending[1]?.resolve({ ok: false, error: { code: 'unknown-column', message: 'x' } });
    await flush();
    expect(errors).toEqual(['unknown-column']);
    ds.getRows(request([], log));
    ds.destroy();
    expect(ds.inFlight()).toEqual([]);
    pending[2]?.resolve({ ok: true, value: page(2) });
    await flush();
    expect(log).toEqual(['fail', 'fail', 'fail']);
  });
});
