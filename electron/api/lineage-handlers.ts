import type { Handlers } from '../../shared/api/dispatch';
import type { FormatCatalogs } from '../views/format-catalogs';
import { lineageGraph, lineageSearch } from '../views/lineage-query';
import { lineageRunNodes, lineageRuns } from '../views/lineage-runs';
import type { TrackRequest } from './track-request';

/**
 * The lineage calls: a node's neighbourhood, the node search, and the links to runs (the edges'
 * export is an export call).
 */
export function createLineageHandlers(formats: FormatCatalogs, track: TrackRequest): Pick<Handlers, 'lineage.get' | 'lineage.search' | 'lineage.runs' | 'lineage.runNodes'> {
  return {
    'lineage.get': async ({ storeId, requestId, ...req }) => {
      const fc = await formats.of(storeId);
      return track(requestId, (signal) => lineageGraph(fc, req, signal));
    },
    'lineage.search': async ({ storeId, ...req }) => lineageSearch(await formats.of(storeId), req),
    'lineage.runs': async ({ storeId, ...req }) => lineageRuns(await formats.of(storeId), req),
    'lineage.runNodes': async ({ storeId, ...req }) => lineageRunNodes(await formats.of(storeId), req),
  };
}
