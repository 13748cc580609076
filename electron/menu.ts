/**
 * The application menu: standard roles only, plus documentation links.
 *
 * Opening a store stays on the renderer's button (it calls `stores.openDialog`), so the menu
 * never pushes messages into the page and needs no renderer-bound IPC channel.
 */
import type { ElectronSurface, MenuItemOptions } from './shell/electron-surface';
import { openExternal } from './shell/external-links';

/** Where the menu is built. */
export interface AppMenuOptions {
  readonly isPackaged: boolean;
  readonly platform: NodeJS.Platform;
}

/** Documentation the Help menu links to; every URL passes `isSafeExternalUrl`. */
export const HELP_LINKS: readonly { readonly label: string; readonly url: string }[] = [
  { label: 'OpenLineage Documentation', url: 'https://openlineage.io/docs/' },
  { label: 'dbt Artifacts Documentation', url: 'https://docs.getdbt.com/reference/artifacts/dbt-artifacts' },
];

/** The menu template for a platform; reload and devtools exist only in development. */
export function appMenuTemplate(surface: Pick<ElectronSurface, 'shell'>, opts: AppMenuOptions): MenuItemOptions[] {
  const mac = opts.platform === 'darwin';
  const sep: MenuItemOptions = { type: 'separator' };
  const dev: MenuItemOptions[] = opts.isPackaged ? [] : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, sep];
  return [
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    { label: 'File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] },
    // Cut, paste and undo are for the filter fields; on macOS their shortcuts only work when the menu has them.
    { label: 'Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, sep, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    { label: 'View', submenu: [...dev, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, sep, { role: 'togglefullscreen' }] },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: HELP_LINKS.map((link) => ({ label: link.label, click: () => void openExternal(surface, link.url) })),
    },
  ];
}

/** Builds and installs the application menu. */
export function installAppMenu(surface: Pick<ElectronSurface, 'Menu' | 'shell'>, opts: AppMenuOptions): void {
  surface.Menu.setApplicationMenu(surface.Menu.buildFromTemplate(appMenuTemplate(surface, opts)));
}
