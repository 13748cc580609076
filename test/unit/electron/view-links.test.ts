import { describe, expect, it } from 'vitest';
import { encodeViewLink } from '../../../renderer/app/view-link/view-link-codec';
import { decodeViewLink } from '../../../renderer/app/view-link/view-link-decode';
import { APP_ENTRY_URL } from '../../../electron/shell/app-protocol';
import type { BrowserWindow } from '../../../electron/shell/electron-surface';
import { copyViewLink, isLinkArg, pageOfViewLink, registerViewLinks, viewLinkOfPage, ViewLinkOpener } from '../../../electron/shell/view-links';
import { createFakeElectron } from './fake-electron';

const VIEW = encodeViewLink({
  store: { kind: 'path', path: '/data/audit.sqlite' }, mode: 'lineage', format: 'openlineage', root: 'db.orders', depth: 2,
});

describe('auditlens:// view links', () => {
  it('turn the window\'s address into a link and back, the view intact', () => {
    const link = viewLinkOfPage(`${APP_ENTRY_URL}?${VIEW}`);
    expect(link).toBe(`auditlens://view?${VIEW}`);
    const page = pageOfViewLink(link ?? '');
    expect(page).toBe(`${APP_ENTRY_URL}?${VIEW}`);
    expect(decodeViewLink(new URL(page ?? '').search).link).toMatchObject({ mode: 'lineage', root: 'db.orders', depth: 2 });
    expect(viewLinkOfPage(APP_ENTRY_URL)).toBe('auditlens://view');
  });

  it('refuse anything but a plain auditlens://view link, and only link the app\'s own page', () => {
    for (const bad of ['https://view?x=1', 'auditlens://evil?x=1', 'auditlens://user:pw@view?x', 'auditlens://view:1?x', 'auditlens://view/../x', 'auditlens://view#x',
      `auditlens://view?${'a'.repeat(70_000)}`, 'not a url', '']) {
      expect(pageOfViewLink(bad)).toBeNull();
    }
    expect(viewLinkOfPage('https://example.com/?_mode=runs')).toBeNull();
    expect(viewLinkOfPage('app://auditlens.evil.com/index.html?x')).toBeNull();
    expect(isLinkArg('AUDITLENS://view?x')).toBe(true);
    expect(isLinkArg('/home/ana/auditlens:store.db')).toBe(false);
  });

  it('are registered with the OS only by the packaged app', () => {
    const dev = createFakeElectron({ isPackaged: false });
    expect(registerViewLinks(dev.app)).toBe(false);
    expect(dev.protocolClients).toEqual([]);
    const packaged = createFakeElectron({ isPackaged: true });
    expect(registerViewLinks(packaged.app)).toBe(true);
    expect(packaged.protocolClients).toEqual(['auditlens']);
  });

  it('"Copy Link to This View" copies the link of the page the window shows', async () => {
    const fake = createFakeElectron();
    await fake.fireReady();
    const win = new fake.surface.BrowserWindow({ webPreferences: {} });
    const wc = fake.webContents[0];
    if (!wc) {
      throw new Error('no webContents');
    }
    wc.url = `${APP_ENTRY_URL}?${VIEW}`;
    expect(copyViewLink(fake.surface.clipboard, win)).toBe(`auditlens://view?${VIEW}`);
    wc.url = 'devtools://devtools/bundled/inspector.html';
    expect(copyViewLink(fake.surface.clipboard, win)).toBeNull();
    expect(fake.clipboardTexts).toEqual([`auditlens://view?${VIEW}`]);
  });

  it('open in the window, or in its first page when the link came before it; a bad link is a sentence', async () => {
    const fake = createFakeElectron();
    const problems: string[] = [];
    let win: BrowserWindow | null = null;
    const opener = new ViewLinkOpener({ window: () => win, focus: () => fake.log.push('focus'), problem: (m) => problems.push(m) });
    opener.open(`auditlens://view?${VIEW}`);
    expect(opener.takeEntry()).toBe(`${APP_ENTRY_URL}?${VIEW}`);
    expect(opener.takeEntry()).toBe(APP_ENTRY_URL);

    await fake.fireReady();
    win = new fake.surface.BrowserWindow({ webPreferences: {} });
    opener.open('auditlens://view?_mode=tables');
    expect(fake.windows[0]?.loaded).toEqual([`${APP_ENTRY_URL}?_mode=tables`]);
    expect(fake.log).toContain('focus');
    opener.open('auditlens://elsewhere');
    expect(fake.windows[0]?.loaded).toHaveLength(1);
    expect(problems).toEqual(['Auditlens was asked to open a link it cannot read; a view link starts with auditlens://view?.']);
  });
});
