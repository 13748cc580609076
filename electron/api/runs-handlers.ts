import type { PageResult, RunFacets } from '../../shared/api/contract';
import type { Handlers } from '../../shared/api/dispatch';
import { compareRuns } from '../views/compare-runs';
import type { FormatCatalogs } from '../views/format-catalogs';
import { newestRunStart } from '../views/newest-run';
import { runsPlan } from '../views/runs-plan';
import { forWholeScan } from '../views/semi-join';
import { stepsPlan } from '../views/view-plans';
import type { TrackRequest } from './track-request';

type RunsHandlers = Pick<Handlers, 'formats.list' | 'runs.page' | 'runs.count' | 'runs.facets' | 'runs.steps' | 'runs.compare'>;

/** Handlers of the runs view: formats in a store, runs with facets, a run's steps, two runs compared. */
export function createRunsHandlers(formats: FormatCatalogs, track: TrackRequest): RunsHandlers {
  const plan = async (storeId: string, format: string, query: Parameters<typeof runsPlan>[2]) => {
    const fc = await formats.of(storeId);
    return { source: fc.source, plan: await runsPlan(fc.source, fc.find(format), query, fc.medians) };
  };
  return {
    'formats.list': async ({ storeId }) => (await formats.of(storeId)).summaries(),
    'runs.page': async ({ storeId, format, query, startRow, endRow, requestId }) => {
      const { source, plan: p } = await plan(storeId, format, query);
      return track(requestId, (signal) => source.page(p, startRow, endRow - startRow, signal));
    },
    'runs.count': async ({ storeId, format, query, budgetMs, requestId }) => {
      const { source, plan: p } = await plan(storeId, format, query);
      return track(requestId, (signal) => source.count(forWholeScan(p), budgetMs, signal));
    },
    'runs.facets': async ({ storeId, format, query, limit }): Promise<RunFacets> => {
      const fc = await formats.of(storeId);
      const f = fc.find(format);
      const p = forWholeScan(await runsPlan(fc.source, f, query, fc.medians));
      const source = fc.source;
      return {
        status: await source.values(p, 'status', limit),
        run_name: await source.values(p, 'run_name', limit),
        actor: await source.values(p, 'actor', limit),
        day: await source.values(p, 'day', limit, 'newest'),
        newest: await newestRunStart(source, f),
      };
    },
    'runs.compare': async ({ storeId, format, a, b }) => {
      const fc = await formats.of(storeId);
      return compareRuns(fc.source, fc.find(format), a, b);
    },
    'runs.steps': async ({ storeId, format, runKey, query, startRow, endRow, requestId }): Promise<PageResult> => {
      const fc = await formats.of(storeId);
      const p = stepsPlan(fc.find(format), query ?? { filters: [], sort: [] }, runKey ?? null);
      return track(requestId, (signal) => fc.source.page(p, startRow, endRow - startRow, signal));
    },
  };
}
