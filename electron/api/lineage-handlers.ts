import type { Handlers } from '../../shared/api/dispatch';
import type { FormatCatalogs } from '../views/format-catalogs';
import { lineageGraph, lineageSearch } from '../views/lineage-query';
import type { TrackRequest } from './track-request';

/** The lineage calls: a node's neighbourhood and the node search (the edges' export is an export call). */
export function createLineageHandlers(formats: FormatCatalogs, track: TrackRequest): Pick<Handlers, 'lineage.get' | 'lineage.search'> {
  return {
    'lineage.get': async ({ storeId, requestId, ...req }) => {
      const fc = await formats.of(storeId);
      return track(requestId, (signal) => lineageGraph(fc, req, signal));
    },
    'lineage.search': async ({ storeId, ...req }) => lineageSearch(await formats.of(storeId), req),
  };
}
