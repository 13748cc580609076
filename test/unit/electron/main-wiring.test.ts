/**
 * Runs the bundled `dist/electron/main.js` in a Node child whose `require('electron')` returns a
 * small recording fake, to check the wiring end to end: hardening before ready, the app scheme,
 * the window, IPC with sender checks, a STORE from argv opened through a utility worker before the
 * window loads, and stores closed before quitting.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../../../shared/api/contract';
import { utilityShimScript } from './node-utility-process';

const MAIN = path.join(__dirname, '..', '..', '..', 'dist', 'electron', 'main.js');

// Plain JS so it can be `-r`equired before main.js; prints one `FAKE {json}` line per observation.
const FAKE_ELECTRON = String.raw`
const Module = require('node:module');
const { EventEmitter } = require('node:events');
const { fork } = require('node:child_process');
const path = require('node:path');
const out = (o) => process.stdout.write('FAKE ' + JSON.stringify(o) + '\n');
let ready = false;
let resolveReady;
const readyPromise = new Promise((r) => (resolveReady = r));
const app = new EventEmitter();
let quitting = false;
Object.assign(app, {
  isPackaged: false,
  enableSandbox() { out({ call: 'enableSandbox', ready }); },
  whenReady() { return readyPromise; },
  requestSingleInstanceLock() { out({ call: 'lock', ready }); return true; },
  getPath(name) { return path.join(process.env.FAKE_USER_DATA, name); },
  addRecentDocument(p) { out({ call: 'addRecentDocument', path: p }); },
  quit() {
    const e = { prevented: false, preventDefault() { this.prevented = true; } };
    app.emit('will-quit', e);
    if (!e.prevented) { out({ call: 'quit', forked: children.length, running: children.filter((c) => !c.killRequested && c.exitCode === null).length }); process.exit(0); }
  },
});
let nextId = 1;
const ipc = new Map();
const protocols = new Map();
const children = [];
const session = {
  setPermissionRequestHandler(h) { let g; h({}, 'media', (x) => (g = x)); out({ call: 'permissionRequest', granted: g }); },
  setPermissionCheckHandler(h) { out({ call: 'permissionCheck', granted: h({}, 'media', 'app://auditlens') }); },
  setDevicePermissionHandler(h) { out({ call: 'devicePermission', granted: h({}) }); },
};
class WebContents extends EventEmitter {
  constructor() { super(); this.id = nextId++; this.sent = []; }
  setWindowOpenHandler(h) { this.openHandler = h; }
  isDestroyed() { return false; }
  send(channel, payload) { this.sent.push([channel, payload]); }
  reload() {}
}
class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    if (!ready) throw new Error('BrowserWindow before ready');
    this.options = options;
    this.maximized = false;
    this.webContents = new WebContents();
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) { this.url = url; setTimeout(() => afterLoad(this).catch((e) => { out({ error: String(e) }); process.exit(3); }), 20); return Promise.resolve(); }
  show() {} focus() {} restore() {} isMinimized() { return false; } isDestroyed() { return false; }
  isMaximized() { return this.maximized; } maximize() { this.maximized = true; out({ call: 'maximize' }); }
  getNormalBounds() { const o = this.options; return { x: o.x ?? 10, y: o.y ?? 20, width: o.width, height: o.height }; }
}
let menuTemplate = null;
const electron = {
  app,
  BrowserWindow,
  session: { get defaultSession() { if (!ready) throw new Error('session before ready'); return session; } },
  protocol: {
    registerSchemesAsPrivileged(schemes) { out({ call: 'schemes', schemes, ready }); },
    handle(scheme, handler) { if (!ready) throw new Error('protocol.handle before ready'); protocols.set(scheme, handler); },
  },
  ipcMain: { handle(channel, h) { if (ipc.has(channel)) throw new Error('second handler ' + channel); ipc.set(channel, h); }, removeHandler() {} },
  dialog: { async showOpenDialog() { return { canceled: true, filePaths: [] }; }, showErrorBox() {}, async showMessageBox() { return { response: 1 }; } },
  shell: { async openExternal() {}, showItemInFolder() {} },
  nativeTheme: { shouldUseDarkColors: false, themeSource: 'system' },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  safeStorage: { isEncryptionAvailable: () => false, encryptString: (s) => Buffer.from(s), decryptString: (b) => b.toString() },
  Menu: { buildFromTemplate: (t) => { menuTemplate = t; return { items: t }; }, setApplicationMenu() { out({ call: 'menu' }); } },
  utilityProcess: {
    fork(script, args, options) {
      out({ call: 'fork', script, options });
      const child = fork(process.env.FAKE_SHIM, [script], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      children.push(child);
      const u = {
        pid: child.pid,
        postMessage: (m) => child.send(m),
        on(event, l) { if (event === 'message') child.on('message', l); else child.on('exit', (c) => l(c ?? -1)); return u; },
        kill: () => { child.killRequested = true; return child.kill('SIGTERM'); },
      };
      return u;
    },
  },
};
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'electron' ? electron : load.call(this, request, ...rest); };
setTimeout(() => { ready = true; out({ call: 'ready' }); resolveReady(); }, 30);

async function afterLoad(win) {
  const frame = { url: win.url, parent: null };
  const info = await ipc.get('auditlens:app.info')({ sender: { id: win.webContents.id }, senderFrame: frame }, {});
  const spoofed = await ipc.get('auditlens:app.info')({ sender: { id: 999 }, senderFrame: frame }, {});
  const res = await protocols.get('app')({ url: 'app://auditlens/../../etc/passwd', method: 'GET' });
  const nav = { prevented: false, url: 'https://evil.example', preventDefault() { this.prevented = true; } };
  win.webContents.emit('will-navigate', nav, nav.url);
  win.emit('ready-to-show');
  // The page loaded; then a second \`auditlens audit2.db\` is started in another folder, and File → Open… is chosen.
  win.webContents.emit('did-finish-load');
  app.emit('second-instance', {}, [process.execPath, 'main.js', 'audit2.db'], process.env.FAKE_SECOND_CWD);
  const handedOver = win.webContents.sent.find(([, e]) => e.kind === 'open-ticket');
  const trusted = { sender: { id: win.webContents.id }, senderFrame: frame };
  const byTicket = handedOver ? await ipc.get('auditlens:stores.openTicket')(trusted, { ticket: handedOver[1].ticket }) : null;
  const again = handedOver ? await ipc.get('auditlens:stores.openTicket')(trusted, { ticket: handedOver[1].ticket }) : null;
  const file = menuTemplate.find((m) => m.label === 'File');
  file.submenu.find((i) => i.label === 'Open…').click();
  // An error nobody caught, quoting a URL with a password.
  await new Promise((r) => { setTimeout(() => { throw new Error('boom at postgres://auditor:hunter2@db.example/audit'); }); setTimeout(r, 20); });
  win.emit('close');
  out({
    events: win.webContents.sent,
    byTicket,
    again,
    fileMenu: file.submenu.map((i) => i.label ?? i.role ?? i.type),
    windowOptions: { x: win.options.x, y: win.options.y, width: win.options.width, height: win.options.height, backgroundColor: win.options.backgroundColor },
  });
  out({
    loaded: win.url,
    webPreferences: win.options.webPreferences,
    show: win.options.show,
    channels: [...ipc.keys()],
    info,
    spoofed,
    protocolStatus: res.status,
    csp: res.headers.get('content-security-policy'),
    navigationPrevented: nav.prevented,
    windowOpen: win.webContents.openHandler({ url: 'https://x' }),
  });
  app.emit('window-all-closed');
}
`;


let tmp: string;

beforeAll(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'auditlens-main-')));
  fs.writeFileSync(path.join(tmp, 'fake-electron.js'), FAKE_ELECTRON);
  const db = new Database(path.join(tmp, 'audit.db'));
  db.exec("CREATE TABLE runs (id INTEGER PRIMARY KEY, status TEXT); INSERT INTO runs (status) VALUES ('ok');");
  db.close();
  fs.mkdirSync(path.join(tmp, 'elsewhere'));
  fs.copyFileSync(path.join(tmp, 'audit.db'), path.join(tmp, 'elsewhere', 'audit2.db'));
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function runMain(args: string[]): Promise<{ code: number | null; events: Record<string, unknown>[]; stderr: string }> {
  const child = spawn(process.execPath, ['-r', path.join(tmp, 'fake-electron.js'), MAIN, ...args], {
    cwd: tmp,
    env: {
      PATH: process.env.PATH ?? '',
      FAKE_SHIM: utilityShimScript(),
      FAKE_USER_DATA: path.join(tmp, 'user-data'),
      FAKE_SECOND_CWD: path.join(tmp, 'elsewhere'),
      AUDITLENS_DATA_DIR: path.join(tmp, 'data'),
      AUDITLENS_CACHE_DIR: path.join(tmp, 'cache'),
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      const events = stdout
        .split('\n')
        .filter((l) => l.startsWith('FAKE '))
        .map((l) => JSON.parse(l.slice(5)) as Record<string, unknown>);
      resolve({ code, events, stderr });
    }),
  );
}

describe('electron/main.ts wiring (bundled, against a fake electron)', () => {
  it('hardens, serves, trusts its window, opens the argv STORE and closes stores before quitting', async () => {
    const { code, events, stderr } = await runMain(['audit.db']);
    expect(code, stderr).toBe(0);
    const calls = events.map((e) => e.call ?? 'result');
    // Before ready: sandbox, lock, scheme. After: permissions, then the window.
    expect(calls.indexOf('enableSandbox')).toBeLessThan(calls.indexOf('ready'));
    expect(calls.indexOf('schemes')).toBeLessThan(calls.indexOf('ready'));
    expect(events.find((e) => e.call === 'enableSandbox')?.ready).toBe(false);
    for (const c of ['permissionRequest', 'permissionCheck', 'devicePermission']) {
      const e = events.find((x) => x.call === c);
      expect(e?.granted, c).toBe(false);
      expect(calls.indexOf(c)).toBeLessThan(calls.indexOf('result'));
    }
    const forkOptions = events.find((e) => e.call === 'fork')?.options as Record<string, unknown> | undefined;
    expect(forkOptions).toMatchObject({ serviceName: 'Auditlens SQLite worker', stdio: 'pipe', execArgv: ['--expose-gc'] });
    expect(forkOptions?.env).toMatchObject({ MALLOC_MMAP_THRESHOLD_: '262144' });

    const result = events.find((e) => e.loaded !== undefined) as Record<string, unknown> & {
      info: { ok: boolean; value: { mode: string; canPickFiles: boolean; initialStore: { source: { location: string } } | null } };
      spoofed: { ok: boolean; error: { code: string } };
      channels: string[];
      webPreferences: Record<string, unknown>;
    };
    expect(result.loaded).toBe('app://auditlens/index.html');
    expect(result.show).toBe(false);
    expect(result.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false });
    expect(String(result.webPreferences.preload)).toMatch(/dist[\\/]electron[\\/]preload\.js$/);
    expect([...result.channels].sort()).toEqual(CALL_NAMES.map((n) => `auditlens:${n}`).sort());
    expect(result.info.ok).toBe(true);
    expect(result.info.value.mode).toBe('electron');
    expect(result.info.value.canPickFiles).toBe(true);
    expect(result.info.value.initialStore?.source.location).toBe(path.join(tmp, 'audit.db'));
    expect(result.spoofed).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(result.protocolStatus).toBe(404);
    expect(typeof result.csp).toBe('string');
    expect(result.navigationPrevented).toBe(true);
    expect(result.windowOpen).toEqual({ action: 'deny' });

    // The launch store went into the OS's recent documents.
    expect(events.filter((e) => e.call === 'addRecentDocument').map((e) => e.path)).toContain(path.join(tmp, 'audit.db'));

    const desk = events.find((e) => e.events !== undefined) as {
      events: [string, { kind: string; ticket?: string; label?: string; command?: string; message?: string }][];
      byTicket: { ok: boolean; value: { source: { location: string } } };
      again: { ok: boolean; error: { code: string } };
      fileMenu: string[];
      windowOptions: Record<string, unknown>;
    };
    // A second instance's file opened in this window: main sent a ticket (not a path to act on), the window redeems it once.
    const second = path.join(tmp, 'elsewhere', 'audit2.db');
    expect(desk.events.every(([channel]) => channel === 'auditlens:event')).toBe(true);
    const ticketEvent = desk.events.find(([, e]) => e.kind === 'open-ticket')?.[1];
    expect(ticketEvent?.label).toBe(second);
    expect(ticketEvent?.ticket).toMatch(/^[0-9a-f]{32}$/);
    expect(desk.byTicket.ok).toBe(true);
    expect(desk.byTicket.value.source.location).toBe(second);
    expect(desk.again).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(events.filter((e) => e.call === 'addRecentDocument').map((e) => e.path)).toContain(second);
    // The menu's File → Open… became a typed command event.
    expect(desk.fileMenu).toEqual(['Open…', 'Open Recent', 'Connect to Postgres…', 'separator', 'Close Store', 'Copy Link to This View', 'separator', 'Settings…', 'separator', 'quit']);
    expect(desk.events.map(([, e]) => e)).toContainEqual({ kind: 'command', command: 'open' });
    // The uncaught error: a sentence to the window, the stack in the log without the password.
    const problem = desk.events.map(([, e]) => e).find((e) => e.kind === 'problem');
    expect(problem?.message).toBe('Auditlens hit an unexpected error; the details are in the log (Help → Show Log).');
    const logged = fs.readFileSync(path.join(tmp, 'data', 'auditlens.log'), 'utf8');
    expect(logged).toContain('boom at postgres://auditor:***@db.example/audit');
    expect(logged).not.toContain('hunter2');
    // First launch: the default size, centred; a light window background.
    expect(desk.windowOptions).toEqual({ x: undefined, y: undefined, width: 1280, height: 820, backgroundColor: '#ffffff' });
    // Closing saved its bounds for the next launch.
    const saved = JSON.parse(fs.readFileSync(path.join(tmp, 'data', 'window-state.json'), 'utf8')) as unknown;
    expect(saved).toEqual({ bounds: { x: 10, y: 20, width: 1280, height: 820 }, maximized: false });

    // Quit happened only after closing the stores had stopped every worker.
    const quit = events.find((e) => e.call === 'quit');
    expect(quit?.forked).toBeGreaterThan(0);
    expect(quit?.running).toBe(0);
  });

  it('reopens the window where it was, maximised as it was', async () => {
    fs.writeFileSync(path.join(tmp, 'data', 'window-state.json'), JSON.stringify({ bounds: { x: 200, y: 150, width: 1000, height: 700 }, maximized: true }));
    const { code, events, stderr } = await runMain([]);
    expect(code, stderr).toBe(0);
    const desk = events.find((e) => e.events !== undefined) as { windowOptions: Record<string, unknown> };
    expect(desk.windowOptions).toMatchObject({ x: 200, y: 150, width: 1000, height: 700 });
    expect(events.some((e) => e.call === 'maximize')).toBe(true);
  });

  it('ignores a STORE that does not exist, saying why, and still opens the window', async () => {
    const { code, events, stderr } = await runMain(['missing.db']);
    expect(code).toBe(0);
    expect(stderr).toContain(`auditlens: There is no file or folder at ${path.join(tmp, 'missing.db')}.`);
    const result = events.find((e) => e.loaded !== undefined) as { info: { value: { initialStore: unknown } } } | undefined;
    expect(result?.info.value.initialStore).toBeNull();
    // Nothing was opened for it (the only store opened is the second instance's).
    expect(events.filter((e) => e.call === 'addRecentDocument').map((e) => e.path)).toEqual([path.join(tmp, 'elsewhere', 'audit2.db')]);
  });

  it('launched with an auditlens:// link, the window first loads that view, and the link is not taken for a STORE', async () => {
    const { code, events, stderr } = await runMain(['audit.db', 'auditlens://view?_mode=tables&_table=runs']);
    expect(code, stderr).toBe(0);
    expect(stderr).not.toContain('auditlens://');
    const result = events.find((e) => e.loaded !== undefined) as { loaded: string; info: { value: { initialStore: { source: { location: string } } | null } } };
    expect(result.loaded).toBe('app://auditlens/index.html?_mode=tables&_table=runs');
    expect(result.info.value.initialStore?.source.location).toBe(path.join(tmp, 'audit.db'));
  });
});
