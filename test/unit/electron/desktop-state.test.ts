/**
 * What the desktop app keeps and reports: the window's place, the native theme, the log of
 * unexpected errors (secrets taken out) and the sentence the window shows for them.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedHandlers } from '../../../electron/api/logged-handlers';
import { AppLog } from '../../../electron/app-data/app-log';
import { redactSecrets } from '../../../electron/app-data/redact-secrets';
import type { AppEvent } from '../../../shared/api/app-events';
import type { Handlers } from '../../../shared/api/dispatch';
import { dispatch } from '../../../shared/api/dispatch';
import { AuditlensError } from '../../../shared/api/result';
import { installErrorReporting, recoverFromRendererCrash } from '../../../electron/shell/error-reporting';
import { applyTheme, windowBackground } from '../../../electron/shell/native-theme';
import { keepWindowState, loadWindowPlacement, placeWindow } from '../../../electron/shell/window-state';
import { createMainWindow } from '../../../electron/window';
import type { FakeWindow } from './fake-electron';
import { FakeEvent, FakeWebContents, createFakeElectron } from './fake-electron';

let tmp: string;

beforeAll(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'auditlens-desktop-state-')));
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

const LAPTOP = [{ x: 0, y: 0, width: 1440, height: 860 }];

describe('window state', () => {
  it('reuses a saved place that is on a display, and the default size the first time', () => {
    expect(placeWindow(null, LAPTOP)).toEqual({ width: 1280, height: 820, maximized: false });
    expect(placeWindow({ bounds: { x: 40, y: 30, width: 1000, height: 700 }, maximized: true }, LAPTOP)).toEqual({ x: 40, y: 30, width: 1000, height: 700, maximized: true });
  });

  it('drops a position on a display that is gone, and fits the size to today’s displays', () => {
    // Saved on a second monitor to the right, now unplugged.
    expect(placeWindow({ bounds: { x: 2200, y: 100, width: 1800, height: 1000 }, maximized: false }, LAPTOP)).toEqual({ width: 1440, height: 860, maximized: false });
    // Only its bottom edge peeked in: the title bar must be reachable.
    expect(placeWindow({ bounds: { x: 100, y: -800, width: 900, height: 820 }, maximized: false }, LAPTOP)).toEqual({ width: 900, height: 820, maximized: false });
    // Garbage on disk is a first launch.
    for (const junk of ['x', { bounds: { x: 'a' } }, { bounds: { x: 0, y: 0, width: Number.NaN, height: 1 } }]) {
      expect(placeWindow(junk, LAPTOP)).toEqual({ width: 1280, height: 820, maximized: false });
    }
    expect(placeWindow({ bounds: { x: 10, y: 10, width: 100, height: 100 }, maximized: false }, LAPTOP)).toMatchObject({ width: 720, height: 480 });
  });

  it('is saved when the window closes and used by the next window, maximised at first paint', async () => {
    const file = path.join(tmp, 'window-state.json');
    const first = createFakeElectron();
    await first.fireReady();
    const win = createMainWindow(first.surface, { preloadPath: '/p.js', isPackaged: true, trust: () => () => undefined, placement: loadWindowPlacement(file, LAPTOP) }) as FakeWindow;
    keepWindowState(win, file);
    expect(win.options).toMatchObject({ width: 1280, height: 820 });
    expect(win.options).not.toHaveProperty('x');
    win.bounds = { x: 60, y: 50, width: 1100, height: 720 };
    win.maximized = true;
    win.emit('close');

    const second = createFakeElectron();
    await second.fireReady();
    const again = createMainWindow(second.surface, { preloadPath: '/p.js', isPackaged: true, trust: () => () => undefined, placement: loadWindowPlacement(file, LAPTOP) }) as FakeWindow;
    expect(again.options).toMatchObject({ x: 60, y: 50, width: 1100, height: 720, minWidth: 720, minHeight: 480 });
    expect(again.maximized).toBe(false);
    again.emit('ready-to-show');
    expect(again.maximized).toBe(true);
    expect(again.shown).toBe(true);
  });
});

describe('native theme', () => {
  it('sets Electron’s theme source from the settings, and paints a dark window dark before the page', () => {
    const fake = createFakeElectron();
    applyTheme(fake.surface.nativeTheme, 'dark');
    expect(fake.nativeTheme.themeSource).toBe('dark');
    applyTheme(fake.surface.nativeTheme, 'system');
    expect(fake.nativeTheme.themeSource).toBe('system');
    expect(windowBackground({ shouldUseDarkColors: true })).toBe('#16181d');
    expect(windowBackground({ shouldUseDarkColors: false })).toBe('#ffffff');
  });
});

describe('redactSecrets', () => {
  it('takes passwords out of URLs, conninfo strings, environments and JSON', () => {
    expect(redactSecrets('connect postgres://auditor:s3cr%40t@db:5432/audit failed')).toBe('connect postgres://auditor:***@db:5432/audit failed');
    expect(redactSecrets('postgresql://u:p@h/d and https://x:y@example.com')).toBe('postgresql://u:***@h/d and https://x:***@example.com');
    expect(redactSecrets("host=db password=hunter2 user=a sslpassword='a b'")).toBe('host=db password=*** user=a sslpassword=***');
    expect(redactSecrets('PGPASSWORD=hunter2 psql')).toBe('PGPASSWORD=*** psql');
    expect(redactSecrets('{"user":"a","password":"hunter2"}')).toBe('{"user":"a","password":"***"}');
    // Nothing to take out: unchanged.
    expect(redactSecrets('postgres://auditor@db/audit at /home/me/audit.db')).toBe('postgres://auditor@db/audit at /home/me/audit.db');
  });
});

describe('AppLog', () => {
  it('appends entries with their stack, without secrets, and starts a new file past 1 MiB', () => {
    const dir = path.join(tmp, 'logs');
    const log = new AppLog(dir, () => new Date('2026-05-01T10:00:00Z'));
    log.write('error', 'pg.connect failed unexpectedly', new Error('no route to postgres://a:hunter2@db/x'));
    const text = fs.readFileSync(log.file, 'utf8');
    expect(text).toMatch(/^2026-05-01T10:00:00.000Z error pg.connect failed unexpectedly\n {4}Error: no route to postgres:\/\/a:\*\*\*@db\/x\n\s+at /);
    expect(text).not.toContain('hunter2');
    expect(fs.statSync(log.file).mode & 0o777).toBe(0o600);
    fs.appendFileSync(log.file, 'x'.repeat(1 << 20));
    log.write('warn', 'after rotation');
    expect(fs.readFileSync(log.file, 'utf8')).toBe('2026-05-01T10:00:00.000Z warn after rotation\n');
    expect(fs.existsSync(`${log.file}.1`)).toBe(true);
  });

  it('never throws, even where it cannot write', () => {
    const log = new AppLog(path.join(tmp, 'logs', 'auditlens.log', 'not-a-dir'));
    expect(() => log.write('error', 'x')).not.toThrow();
  });
});

describe('unexpected errors', () => {
  function reporting(): { log: { entries: unknown[][]; write: (...a: unknown[]) => void }; sent: AppEvent[]; send: (e: AppEvent) => void } {
    const entries: unknown[][] = [];
    const sent: AppEvent[] = [];
    return { log: { entries, write: (...a: unknown[]) => void entries.push(a) }, sent, send: (e) => void sent.push(e) };
  }

  it('logs an uncaught exception or rejection and shows the window a sentence', () => {
    const r = reporting();
    const proc = new EventEmitter();
    const fake = createFakeElectron();
    installErrorReporting(proc as unknown as NodeJS.Process, fake.app, r);
    const boom = new Error('boom');
    proc.emit('uncaughtException', boom);
    proc.emit('unhandledRejection', 'rejected');
    expect(r.log.entries).toEqual([['error', 'Auditlens hit an unexpected error', boom], ['error', 'Auditlens hit an unexpected error', 'rejected']]);
    expect(r.sent[0]).toEqual({ kind: 'problem', message: 'Auditlens hit an unexpected error; the details are in the log (Help → Show Log).' });
  });

  it('reports a helper process that died, but not a worker it stopped or one its spawner logs', () => {
    const r = reporting();
    const fake = createFakeElectron();
    installErrorReporting(new EventEmitter() as unknown as NodeJS.Process, fake.app, r);
    fake.app.emit('child-process-gone', new FakeEvent(), { type: 'Utility', reason: 'killed', exitCode: 15, serviceName: 'Auditlens SQLite worker' });
    fake.app.emit('child-process-gone', new FakeEvent(), { type: 'Utility', reason: 'crashed', exitCode: 11, serviceName: 'Auditlens SQLite worker' });
    fake.app.emit('child-process-gone', new FakeEvent(), { type: 'GPU', reason: 'crashed', exitCode: 139 });
    expect(r.sent).toEqual([{ kind: 'problem', message: 'A helper process (GPU) stopped unexpectedly (crashed, exit 139); the details are in the log (Help → Show Log).' }]);
  });

  it('reloads a window whose page crashed and tells it why once it has loaded', () => {
    const r = reporting();
    const contents = new FakeWebContents(1);
    recoverFromRendererCrash(contents, r);
    contents.emit('did-finish-load');
    expect(r.sent).toEqual([]);
    contents.emit('render-process-gone', new FakeEvent(), { reason: 'oom', exitCode: -1 });
    expect(contents.reloads).toBe(1);
    contents.emit('did-finish-load');
    expect(r.sent).toEqual([{ kind: 'problem', message: 'The window stopped unexpectedly (oom) and was reloaded; the details are in the log (Help → Show Log).' }]);
    expect(r.log.entries[0]?.[1]).toBe('The window stopped unexpectedly (oom) and was reloaded, exit -1');
  });

  it('logs a handler’s unexpected error with its stack, not a typed one', async () => {
    const logged: unknown[][] = [];
    const base = {
      'app.info': async () => {
        throw new TypeError('undefined is not a function');
      },
      'stores.recent': async () => {
        throw new AuditlensError('not-found', 'No such store.');
      },
    } as unknown as Handlers;
    const handlers = loggedHandlers(base, (call, e) => logged.push([call, e]));
    expect(await dispatch(handlers, 'app.info', {}, { transport: 'ipc' })).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong inside Auditlens; the store was not changed.' },
    });
    expect(await dispatch(handlers, 'stores.recent', {}, { transport: 'ipc' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(logged).toHaveLength(1);
    expect(logged[0]?.[0]).toBe('app.info');
    expect(logged[0]?.[1]).toBeInstanceOf(TypeError);
  });
});
