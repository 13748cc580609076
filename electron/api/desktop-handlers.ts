import type { StoreSummary } from '../../shared/api/contract';
import type { Handlers } from '../../shared/api/dispatch';
import { AuditlensError } from '../../shared/api/result';
import { checkDroppedPath } from '../shell/open-dialog';
import type { Services } from './services';

type DesktopHandlers = Pick<Handlers, 'stores.openTicket' | 'stores.openDropped' | 'settings.get' | 'settings.set'>;

/** Opens a location the way every other open does (recent list, progress by request id). */
export type OpenAt = (location: string, requestId?: string) => Promise<StoreSummary>;

/** Handlers of the desktop habits: files handed over by the OS or dropped on the window, and settings. */
export function createDesktopHandlers(services: Services, openAt: OpenAt): DesktopHandlers {
  return {
    'stores.openTicket': async ({ ticket, requestId }) => {
      const location = services.tickets?.take(ticket) ?? null;
      if (location === null) {
        throw new AuditlensError('not-found', 'That file is no longer waiting to be opened; open it again.');
      }
      return openAt(location, requestId);
    },
    'stores.openDropped': async ({ path, requestId }) => {
      if (services.mode !== 'electron') {
        throw new AuditlensError('unsupported', 'In browser mode a dropped file comes without its location; type its path instead.');
      }
      const checked = checkDroppedPath(path);
      if (checked.kind !== 'store') {
        throw new AuditlensError('bad-input', checked.kind === 'invalid' ? checked.message : 'That drop did not come with a file from disk.');
      }
      return openAt(checked.path, requestId);
    },
    'settings.get': async () => services.settings.get(),
    'settings.set': async (patch) => {
      const settings = services.settings.set(patch);
      services.onSettingsChanged?.(settings);
      return settings;
    },
  };
}
