/**
 * The application menu: the File menu of a desktop data tool (Open…, Open Recent, Connect to
 * Postgres…, Close Store, Settings…), standard roles, documentation links and Help → Show Log.
 *
 * The window carries out File commands, so its menu items send typed events (shared/api/app-events.ts)
 * through `sendAppEvent`; they never carry a path: Open Recent sends the recent store's id.
 */
import type { AppEvent } from '../shared/api/app-events';
import type { RecentStore } from '../shared/api/contract';
import type { ElectronSurface, MenuItemOptions } from './shell/electron-surface';
import { openExternal } from './shell/external-links';

/** Where the menu is built and what its items act on. */
export interface AppMenuOptions {
  readonly isPackaged: boolean;
  readonly platform: NodeJS.Platform;
  /** Sends an event to the window (no-op when there is none). */
  readonly send: (event: AppEvent) => void;
  /** The recent stores, most recent first (RecentStores.list). */
  readonly recent: () => readonly RecentStore[];
  /** Help → Show Log. */
  readonly showLog: () => void;
  /** File → Copy Link to This View (an `auditlens://view?…` link, view-links.ts). */
  readonly copyViewLink: () => void;
}

/** Documentation the Help menu links to; every URL passes `isSafeExternalUrl`. */
export const HELP_LINKS: readonly { readonly label: string; readonly url: string }[] = [
  { label: 'OpenLineage Documentation', url: 'https://openlineage.io/docs/' },
  { label: 'dbt Artifacts Documentation', url: 'https://docs.getdbt.com/reference/artifacts/dbt-artifacts' },
];

/** Recent stores the File menu lists. */
const RECENT_IN_MENU = 10;

/** The Open Recent submenu: one item per recent store, by id; a disabled line when there are none. */
export function recentMenu(recent: readonly RecentStore[], send: AppMenuOptions['send']): MenuItemOptions[] {
  if (recent.length === 0) {
    return [{ label: 'No Recent Stores', enabled: false }];
  }
  return recent.slice(0, RECENT_IN_MENU).map((r) => ({
    // `&` marks a mnemonic on Windows and Linux: doubled, it shows as itself.
    label: `${r.title} — ${r.location}`.replace(/&/g, '&&'),
    click: () => send({ kind: 'open-recent', id: r.id }),
  }));
}

/** The menu template for a platform; reload and devtools exist only in development. */
export function appMenuTemplate(surface: Pick<ElectronSurface, 'shell'>, opts: AppMenuOptions): MenuItemOptions[] {
  const mac = opts.platform === 'darwin';
  const sep: MenuItemOptions = { type: 'separator' };
  const dev: MenuItemOptions[] = opts.isPackaged ? [] : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, sep];
  const command = (label: string, c: Extract<AppEvent, { kind: 'command' }>['command'], accelerator?: string): MenuItemOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => opts.send({ kind: 'command', command: c }),
  });
  return [
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    {
      label: 'File',
      submenu: [
        command('Open…', 'open', 'CmdOrCtrl+O'),
        { label: 'Open Recent', submenu: recentMenu(opts.recent(), opts.send) },
        command('Connect to Postgres…', 'connect-postgres'),
        sep,
        command('Close Store', 'close-store'),
        { label: 'Copy Link to This View', click: opts.copyViewLink },
        sep,
        command('Settings…', 'settings', 'CmdOrCtrl+,'),
        sep,
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    // Cut, paste and undo are for the filter fields; on macOS their shortcuts only work when the menu has them.
    { label: 'Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, sep, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    { label: 'View', submenu: [...dev, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, sep, { role: 'togglefullscreen' }] },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        ...HELP_LINKS.map((link) => ({ label: link.label, click: () => void openExternal(surface, link.url) })),
        sep,
        { label: 'Show Log', click: opts.showLog },
      ],
    },
  ];
}

/** Builds and installs the application menu; call again when the recent stores change. */
export function installAppMenu(surface: Pick<ElectronSurface, 'Menu' | 'shell'>, opts: AppMenuOptions): void {
  surface.Menu.setApplicationMenu(surface.Menu.buildFromTemplate(appMenuTemplate(surface, opts)));
}
