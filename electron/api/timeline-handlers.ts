import type { Handlers } from '../../shared/api/dispatch';
import type { FormatCatalogs } from '../views/format-catalogs';
import { timeline } from '../views/timeline-query';
import type { TrackRequest } from './track-request';

/** The timeline call: a runs timeline or a run's waterfall, cancellable by its request id. */
export function createTimelineHandlers(formats: FormatCatalogs, track: TrackRequest): Pick<Handlers, 'timeline.get'> {
  return {
    'timeline.get': async ({ storeId, requestId, ...req }) => {
      const fc = await formats.of(storeId);
      return track(requestId, (signal) => timeline(fc, req, signal));
    },
  };
}
