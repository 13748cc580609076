import type { Handlers } from '../../shared/api/dispatch';
import { AuditlensError } from '../../shared/api/result';
import type { FormatCatalogs } from '../views/format-catalogs';
import { lineageGraph, lineageSearch } from '../views/lineage-query';
import type { TrackRequest } from './track-request';

/** The lineage calls: a node's neighbourhood, the node search, and the edges' export. */
export function createLineageHandlers(formats: FormatCatalogs, track: TrackRequest): Pick<Handlers, 'lineage.get' | 'lineage.search' | 'export.startLineage'> {
  return {
    'lineage.get': async ({ storeId, requestId, ...req }) => {
      const fc = await formats.of(storeId);
      return track(requestId, (signal) => lineageGraph(fc, req, signal));
    },
    'lineage.search': async ({ storeId, ...req }) => lineageSearch(await formats.of(storeId), req),
    'export.startLineage': async () => {
      throw new AuditlensError('unsupported', 'Exporting lineage edges is not available in this build yet.');
    },
  };
}
