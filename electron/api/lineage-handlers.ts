import type { Handlers } from '../../shared/api/dispatch';
import { AuditlensError } from '../../shared/api/result';
import type { FormatCatalogs } from '../views/format-catalogs';
import type { TrackRequest } from './track-request';

const notYet = (): never => {
  throw new AuditlensError('unsupported', 'Lineage is not available in this build yet.');
};

/** The lineage calls: a node's neighbourhood, the node search, and the edges' export. */
export function createLineageHandlers(formats: FormatCatalogs, track: TrackRequest): Pick<Handlers, 'lineage.get' | 'lineage.search' | 'export.startLineage'> {
  void formats;
  void track;
  return {
    'lineage.get': async () => notYet(),
    'lineage.search': async () => notYet(),
    'export.startLineage': async () => notYet(),
  };
}
