import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/serving/csp';
import { APP_ENTRY_URL, handleAppProtocol, isAppUrl, registerAppScheme, serveAppRequest } from '../../../electron/shell/app-protocol';
import { hardenApp } from '../../../electron/shell/harden';
import { createMainWindow, focusWindow } from '../../../electron/window';
import { FakeEvent, createFakeElectron } from './fake-electron';
import type { FakeElectron } from './fake-electron';

async function readyApp(options: { isPackaged?: boolean } = {}): Promise<FakeElectron> {
  const fake = createFakeElectron(options);
  const hardened = hardenApp(fake.surface);
  registerAppScheme(fake.surface);
  await fake.fireReady();
  await hardened.ready;
  return fake;
}

function mainWindow(fake: FakeElectron, trusted: number[] = []): FakeElectron['windows'][number] {
  createMainWindow(fake.surface, {
    preloadPath: '/app/dist/electron/preload.js',
    isPackaged: fake.surface.app.isPackaged,
    trust: (id) => {
      trusted.push(id);
      return () => trusted.splice(trusted.indexOf(id), 1);
    },
  });
  const win = fake.windows.at(-1);
  if (!win) {
    throw new Error('no window was created');
  }
  return win;
}

describe('the main window', () => {
  it('sets every security webPreference and leaves webSecurity alone', async () => {
    const fake = await readyApp();
    const prefs = mainWindow(fake).options.webPreferences;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.preload).toBe('/app/dist/electron/preload.js');
    // Not merely true: absent, so nobody can flip it by editing a value.
    for (const key of ['webSecurity', 'allowRunningInsecureContent', 'experimentalFeatures', 'enableBlinkFeatures'] as const) {
      expect(prefs).not.toHaveProperty(key);
    }
  });

  it('has devtools in development only', async () => {
    expect(mainWindow(await readyApp({ isPackaged: false })).options.webPreferences.devTools).toBe(true);
    expect(mainWindow(await readyApp({ isPackaged: true })).options.webPreferences.devTools).toBe(false);
  });

  it('starts hidden, shows on ready-to-show and loads only the app origin', async () => {
    const fake = await readyApp();
    const win = mainWindow(fake);
    expect(win.options.show).toBe(false);
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
    expect(win.loaded).toEqual([APP_ENTRY_URL]);
    for (const url of win.loaded) {
      expect(url.startsWith('app://auditlens/')).toBe(true);
    }
  });

  it('trusts its webContents for IPC until it is destroyed', async () => {
    const fake = await readyApp();
    const trusted: number[] = [];
    const win = mainWindow(fake, trusted);
    expect(trusted).toEqual([win.webContents.id]);
    win.webContents.destroy();
    expect(trusted).toEqual([]);
  });

  it('focuses an existing window', async () => {
    const fake = await readyApp();
    focusWindow(mainWindow(fake));
    expect(fake.log).toContain('focus');
  });
});

describe('app hardening', () => {
  it('enables the sandbox before whenReady resolves, and takes the single-instance lock', async () => {
    const fake = createFakeElectron();
    hardenApp(fake.surface);
    expect(fake.log[0]).toBe('enableSandbox');
    expect(fake.log).toContain('requestSingleInstanceLock');
    await fake.fireReady();
    expect(fake.log.indexOf('enableSandbox')).toBeLessThan(fake.log.indexOf('ready'));
  });

  it('quits when another instance holds the lock', () => {
    const fake = createFakeElectron({ singleInstanceLock: false });
    const hardened = hardenApp(fake.surface);
    expect(hardened.primary).toBe(false);
    expect(fake.log).toContain('quit');
    expect(fake.app.listenerCount('web-contents-created')).toBe(0);
  });

  it('hardens webContents created anywhere, not just our window', async () => {
    const fake = await readyApp();
    const stray = fake.createWebContents();
    expect(stray.windowOpenHandler).not.toBeNull();
    expect(stray.listenerCount('will-navigate')).toBe(1);
  });

  it('keeps navigation on the exact app origin', async () => {
    const fake = await readyApp();
    const wc = mainWindow(fake).webContents;
    const blocked = [
      'https://evil.example',
      'app://auditlens.evil.com/index.html',
      'app://auditlens@evil.com/',
      'app://auditlens:8080/',
      'file:///etc/passwd',
      'http://127.0.0.1:5173/',
      'javascript:alert(1)',
      'about:blank',
      '',
      'not a url',
    ];
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect'] as const) {
      for (const url of blocked) {
        expect(wc.navigate(event, url).defaultPrevented, `${event} ${url}`).toBe(true);
      }
      expect(wc.navigate(event, 'app://auditlens/x').defaultPrevented).toBe(false);
      expect(wc.navigate(event, 'app://auditlens/index.html#/runs').defaultPrevented).toBe(false);
    }
  });

  it('uses the URL argument when an older Electron leaves it off the event', async () => {
    const fake = await readyApp();
    const wc = mainWindow(fake).webContents;
    const e = new FakeEvent();
    wc.emit('will-navigate', e, 'https://evil.example');
    expect(e.defaultPrevented).toBe(true);
  });

  it('denies window.open', async () => {
    const fake = await readyApp();
    const wc = mainWindow(fake).webContents;
    expect(wc.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler?.({ url: 'app://auditlens/index.html' })).toEqual({ action: 'deny' });
  });

  it('prevents webview attachment', async () => {
    const fake = await readyApp();
    const wc = mainWindow(fake).webContents;
    const e = new FakeEvent();
    wc.emit('will-attach-webview', e, {}, { src: 'https://evil.example' });
    expect(e.defaultPrevented).toBe(true);
  });

  it('denies every permission request, check and device request', async () => {
    const fake = await readyApp();
    const s = fake.defaultSession;
    const wc = mainWindow(fake).webContents;
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'fullscreen', 'openExternal', 'hid', 'serial', 'usb']) {
      let granted: boolean | undefined;
      s.requestHandler?.(wc, permission, (g) => (granted = g), {});
      expect(granted, permission).toBe(false);
      expect(s.checkHandler?.(wc, permission, 'app://auditlens', {}), permission).toBe(false);
    }
    expect(s.deviceHandler?.({ deviceType: 'usb' })).toBe(false);
  });

  it('sets the session handlers before `ready` is reported to the caller', async () => {
    const fake = createFakeElectron();
    const hardened = hardenApp(fake.surface);
    let handlersWhenReady = false;
    const seen = hardened.ready.then(() => {
      handlersWhenReady = fake.defaultSession.requestHandler !== null;
    });
    await fake.fireReady();
    await seen;
    expect(handlersWhenReady).toBe(true);
  });

  it('refuses certificate errors', async () => {
    const fake = await readyApp();
    const e = new FakeEvent();
    let trusted: boolean | undefined;
    fake.app.emit('certificate-error', e, fake.createWebContents(), 'https://x', 'net::ERR_CERT_INVALID', {}, (t: boolean) => (trusted = t), true);
    expect(trusted).toBe(false);
  });
});

describe('the app:// protocol', () => {
  let tmp: string;
  let root: string;

  beforeAll(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'auditlens-proto-')));
    root = path.join(tmp, 'renderer');
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Auditlens</title>');
    fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(tmp, 'secret.txt'), 'outside the root');
    fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(root, 'leak.txt'));
    fs.symlinkSync(tmp, path.join(root, 'up'));
  });

  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const get = (url: string, method = 'GET'): Promise<Response> => serveAppRequest(root, { url, method });

  it('registers app as a standard, secure scheme before ready, without extra privileges', () => {
    const fake = createFakeElectron();
    registerAppScheme(fake.surface);
    expect(fake.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
  });

  it('is handled only after ready, through the registered handler', async () => {
    const fake = createFakeElectron();
    expect(() => handleAppProtocol(fake.surface, root)).toThrow();
    await fake.fireReady();
    handleAppProtocol(fake.surface, root);
    const handler = fake.protocolHandlers.get('app');
    const res = await handler?.({ url: 'app://auditlens/index.html', method: 'GET' });
    expect(res?.status).toBe(200);
  });

  it('serves files under the renderer folder with the CSP and nosniff headers', async () => {
    for (const url of ['app://auditlens/', 'app://auditlens/index.html', 'app://auditlens/assets/app.js']) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const js = await get('app://auditlens/assets/app.js');
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await js.text()).toBe('console.log(1)');
    expect((await get('app://auditlens/index.html')).headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('answers 404 for traversal, encoded traversal, NULs, backslashes and symlinks out of the root', async () => {
    const attacks = [
      'app://auditlens/../../etc/passwd',
      'app://auditlens/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'app://auditlens/..%2f..%2fsecret.txt',
      'app://auditlens/%2e%2e/secret.txt',
      'app://auditlens/index.html%00.js',
      'app://auditlens/%00',
      'app://auditlens/..\\secret.txt',
      'app://auditlens/%5c..%5csecret.txt',
      'app://auditlens/leak.txt',
      'app://auditlens/up/secret.txt',
      'app://auditlens/assets',
      'app://auditlens/missing.js',
      'app://auditlens/%E0%A4%A',
      'app://other/index.html',
      'app://auditlens.evil.com/index.html',
    ];
    for (const url of attacks) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(await res.text(), url).not.toContain('outside the root');
    }
  });

  it('refuses methods other than GET and HEAD, and sends no body for HEAD', async () => {
    expect((await get('app://auditlens/index.html', 'POST')).status).toBe(405);
    const head = await get('app://auditlens/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 404 rather than crashing when the renderer is not built', async () => {
    const res = await serveAppRequest(path.join(tmp, 'not-built'), { url: 'app://auditlens/index.html', method: 'GET' });
    expect(res.status).toBe(404);
  });

  it('recognises the app origin exactly', () => {
    expect(isAppUrl('app://auditlens/index.html')).toBe(true);
    expect(isAppUrl('app://auditlens')).toBe(true);
    for (const url of ['app://auditlens.evil.com/', 'app://evil/', 'https://auditlens/', 'app://user@auditlens/', 'app://auditlens:1/', 'app:auditlens', 42, null]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });
});
