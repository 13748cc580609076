import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../shared/api/app-events';
import { isAppEvent } from '../../../shared/api/app-events';
import type { RecentStore } from '../../../shared/api/contract';
import type { MenuItemOptions } from '../../../electron/shell/electron-surface';
import type { AppMenuOptions } from '../../../electron/menu';
import { appMenuTemplate, installAppMenu } from '../../../electron/menu';
import { createFakeElectron } from './fake-electron';

function roles(items: readonly MenuItemOptions[]): string[] {
  return items.flatMap((i) => [...(i.role ? [i.role] : []), ...roles(i.submenu ?? [])]);
}

const RECENT: RecentStore[] = [
  { id: 'a1', title: 'audit.db', location: '/data/audit.db', kind: 'sqlite', openedAt: '2026-01-02T00:00:00Z' },
  { id: 'b2', title: 'R&D logs', location: '/data/r&d', kind: 'json', openedAt: '2026-01-01T00:00:00Z' },
];

function options(over: Partial<AppMenuOptions> = {}): AppMenuOptions & { readonly sent: AppEvent[]; logs: number; copies: number } {
  const sent: AppEvent[] = [];
  const o = {
    isPackaged: true, platform: 'linux' as NodeJS.Platform, send: (e: AppEvent) => sent.push(e), recent: () => RECENT, showLog: () => void o.logs++,
    copyViewLink: () => void o.copies++, sent, logs: 0, copies: 0, ...over,
  };
  return o;
}

function item(items: readonly MenuItemOptions[], ...labels: string[]): MenuItemOptions | undefined {
  let found: MenuItemOptions | undefined;
  let list = items;
  for (const label of labels) {
    found = list.find((i) => i.label === label || i.role === label);
    list = found?.submenu ?? [];
  }
  return found;
}

describe('the application menu', () => {
  it('offers reload and devtools in development only', () => {
    const fake = createFakeElectron();
    const dev = roles(appMenuTemplate(fake.surface, options({ isPackaged: false })));
    const prod = roles(appMenuTemplate(fake.surface, options()));
    expect(dev).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
    for (const role of ['reload', 'forceReload', 'toggleDevTools']) {
      expect(prod).not.toContain(role);
    }
    expect(prod).toEqual(expect.arrayContaining(['copy', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen', 'windowMenu', 'quit']));
  });

  it('uses the macOS app menu on darwin', () => {
    const fake = createFakeElectron();
    const mac = appMenuTemplate(fake.surface, options({ platform: 'darwin' }));
    expect(mac[0]?.role).toBe('appMenu');
    expect(roles(mac)).toContain('close');
  });

  it('has the File menu of a desktop data tool, each item sending a typed event', () => {
    const fake = createFakeElectron();
    const o = options();
    const menu = appMenuTemplate(fake.surface, o);
    const file = item(menu, 'File')?.submenu ?? [];
    expect(file.map((i) => i.label ?? i.role ?? i.type)).toEqual([
      'Open…', 'Open Recent', 'Connect to Postgres…', 'separator', 'Close Store', 'Copy Link to This View', 'separator', 'Settings…', 'separator', 'quit',
    ]);
    item(menu, 'File', 'Copy Link to This View')?.click?.();
    expect(o.copies).toBe(1);
    expect(item(menu, 'File', 'Open…')?.accelerator).toBe('CmdOrCtrl+O');
    expect(item(menu, 'File', 'Settings…')?.accelerator).toBe('CmdOrCtrl+,');
    for (const label of ['Open…', 'Connect to Postgres…', 'Close Store', 'Settings…']) {
      item(menu, 'File', label)?.click?.();
    }
    expect(o.sent).toEqual([
      { kind: 'command', command: 'open' },
      { kind: 'command', command: 'connect-postgres' },
      { kind: 'command', command: 'close-store' },
      { kind: 'command', command: 'settings' },
    ]);
    expect(o.sent.every(isAppEvent)).toBe(true);
  });

  it('lists recent stores by id, never by path, with & shown as itself', () => {
    const fake = createFakeElectron();
    const o = options();
    const recent = item(appMenuTemplate(fake.surface, o), 'File', 'Open Recent')?.submenu ?? [];
    expect(recent.map((i) => i.label)).toEqual(['audit.db — /data/audit.db', 'R&&D logs — /data/r&&d']);
    recent[1]?.click?.();
    expect(o.sent).toEqual([{ kind: 'open-recent', id: 'b2' }]);
    const none = item(appMenuTemplate(fake.surface, options({ recent: () => [] })), 'File', 'Open Recent')?.submenu;
    expect(none).toEqual([{ label: 'No Recent Stores', enabled: false }]);
  });

  it('opens help links only through the allow-listed openExternal, and shows the log', async () => {
    const fake = createFakeElectron();
    const o = options();
    const help = appMenuTemplate(fake.surface, o).find((i) => i.role === 'help');
    for (const entry of help?.submenu ?? []) {
      entry.click?.();
    }
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.openedExternal).toEqual(['https://openlineage.io/docs/', 'https://docs.getdbt.com/reference/artifacts/dbt-artifacts']);
    expect(help?.submenu?.at(-1)?.label).toBe('Show Log');
    expect(o.logs).toBe(1);
  });

  it('installs the built menu', () => {
    const fake = createFakeElectron();
    installAppMenu(fake.surface, options({ platform: 'win32' }));
    expect(fake.menus).toHaveLength(1);
    expect(fake.log).toContain('setApplicationMenu');
  });
});
