/**
 * Messages the main process sends to the window (menu commands, files the OS handed over,
 * problems): the one definition both ends are typed from. Requests go the other way through the
 * contract; these carry no paths, only commands, recent-store ids and single-use tickets.
 */

/** The IPC channel events travel on; electron/api/ipc-transport.ts sends, electron/preload.ts listens. */
export const APP_EVENT_CHANNEL = 'auditlens:event';

/** Menu commands the window carries out (File menu, Settings). */
export const MENU_COMMANDS = ['open', 'connect-postgres', 'close-store', 'settings'] as const;

/** One menu command. */
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** An event from the main process. */
export type AppEvent =
  | { readonly kind: 'command'; readonly command: MenuCommand }
  /** File → Open Recent: the window opens it with `stores.openRecent`. */
  | { readonly kind: 'open-recent'; readonly id: string }
  /** A file the OS handed over (second launch, macOS open-file): the window opens it with `stores.openTicket`. */
  | { readonly kind: 'open-ticket'; readonly ticket: string; readonly label: string }
  /** An unexpected error in the main process or a worker, as a sentence to show. */
  | { readonly kind: 'problem'; readonly message: string };

/**
 * Contract calls only the preload may make: `stores.openDropped` carries a path, which the preload
 * reads from a dropped File with Electron's `webUtils.getPathForFile`; the page cannot name one.
 */
export const PRELOAD_ONLY_CALLS: readonly string[] = ['stores.openDropped'];

const short = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/** Checks an event from across the process boundary before the window acts on it. */
export function isAppEvent(v: unknown): v is AppEvent {
  if (typeof v !== 'object' || v === null) {
    return false;
  }
  const e = v as Record<string, unknown>;
  switch (e.kind) {
    case 'command':
      return (MENU_COMMANDS as readonly unknown[]).includes(e.command);
    case 'open-recent':
      return short(e.id, 200);
    case 'open-ticket':
      return short(e.ticket, 100) && short(e.label, 4_096);
    case 'problem':
      return short(e.message, 4_096);
    default:
      return false;
  }
}
