import { describe, expect, it } from 'vitest';
import type { MenuItemOptions } from '../../../electron/shell/electron-surface';
import { appMenuTemplate, installAppMenu } from '../../../electron/menu';
import { createFakeElectron } from './fake-electron';

function roles(items: readonly MenuItemOptions[]): string[] {
  return items.flatMap((i) => [...(i.role ? [i.role] : []), ...roles(i.submenu ?? [])]);
}

describe('the application menu', () => {
  it('offers reload and devtools in development only', () => {
    const fake = createFakeElectron();
    const dev = roles(appMenuTemplate(fake.surface, { isPackaged: false, platform: 'linux' }));
    const prod = roles(appMenuTemplate(fake.surface, { isPackaged: true, platform: 'linux' }));
    expect(dev).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
    for (const role of ['reload', 'forceReload', 'toggleDevTools']) {
      expect(prod).not.toContain(role);
    }
    expect(prod).toEqual(expect.arrayContaining(['copy', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen', 'windowMenu', 'quit']));
  });

  it('uses the macOS app menu on darwin', () => {
    const fake = createFakeElectron();
    const mac = appMenuTemplate(fake.surface, { isPackaged: true, platform: 'darwin' });
    expect(mac[0]?.role).toBe('appMenu');
    expect(roles(mac)).toContain('close');
  });

  it('opens help links only through the allow-listed openExternal', async () => {
    const fake = createFakeElectron();
    const help = appMenuTemplate(fake.surface, { isPackaged: true, platform: 'linux' }).find((i) => i.role === 'help');
    for (const item of help?.submenu ?? []) {
      item.click?.();
    }
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.openedExternal).toEqual(['https://openlineage.io/docs/', 'https://docs.getdbt.com/reference/artifacts/dbt-artifacts']);
  });

  it('installs the built menu', () => {
    const fake = createFakeElectron();
    installAppMenu(fake.surface, { isPackaged: true, platform: 'win32' });
    expect(fake.menus).toHaveLength(1);
    expect(fake.log).toContain('setApplicationMenu');
  });
});
