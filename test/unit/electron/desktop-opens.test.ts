/**
 * Files reaching the window from the desktop: a second launch and macOS open-file (through
 * tickets), drops (a path the preload read from a File, checked again in main), Open Recent; and
 * the typed event channel they all use.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendAppEvent } from '../../../electron/api/ipc-transport';
import { createHandlers } from '../../../electron/api/handlers';
import type { Services } from '../../../electron/api/services';
import { checkDroppedPath } from '../../../electron/shell/open-dialog';
import { ShellOpens } from '../../../electron/shell/shell-opens';
import { ShellTickets } from '../../../electron/shell/shell-tickets';
import type { AppEvent } from '../../../shared/api/app-events';
import { APP_EVENT_CHANNEL, isAppEvent } from '../../../shared/api/app-events';
import { dispatch } from '../../../shared/api/dispatch';
import { testServices } from '../../helpers/services';
import { FakeWebContents } from './fake-electron';

let tmp: string;
let db: string;
let services: Services;

beforeAll(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'auditlens-desktop-opens-')));
  db = path.join(tmp, 'audit.db');
  const d = new Database(db);
  d.exec("CREATE TABLE runs (id INTEGER PRIMARY KEY, status TEXT); INSERT INTO runs (status) VALUES ('ok');");
  d.close();
  fs.writeFileSync(path.join(tmp, 'photo.png'), 'not a store');
  fs.mkdirSync(path.join(tmp, 'logs'));
  fs.writeFileSync(path.join(tmp, 'logs', 'a.jsonl'), '{"run_id":"r1","status":"ok"}\n');
  services = testServices(tmp, db);
});

afterAll(async () => {
  await services.stores.closeAll();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('ShellTickets', () => {
  it('gives each path a random single-use ticket that expires', () => {
    let now = 0;
    const tickets = new ShellTickets(() => now);
    const a = tickets.issue('/data/a.db');
    const b = tickets.issue('/data/b.db');
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(a).not.toBe(b);
    expect(tickets.take(a)).toBe('/data/a.db');
    expect(tickets.take(a)).toBeNull();
    now = 11 * 60_000;
    expect(tickets.take(b)).toBeNull();
    expect(tickets.take('guessed')).toBeNull();
  });
});

describe('ShellOpens (second launch, macOS open-file)', () => {
  function routed(): { opens: ShellOpens; sent: AppEvent[]; focused: { n: number }; tickets: ShellTickets } {
    const sent: AppEvent[] = [];
    const focused = { n: 0 };
    const tickets = new ShellTickets();
    const opens = new ShellOpens({ tickets, send: (e) => sent.push(e), focus: () => void focused.n++, log: () => undefined });
    return { opens, sent, focused, tickets };
  }

  it('opens a second launch’s file in this window by ticket, resolving it against that launch’s folder', () => {
    const { opens, sent, focused, tickets } = routed();
    opens.windowLoaded();
    opens.fromSecondInstance(['/opt/Auditlens/auditlens', 'audit.db'], tmp, true);
    expect(focused.n).toBe(1);
    expect(sent).toHaveLength(1);
    const event = sent[0] as Extract<AppEvent, { kind: 'open-ticket' }>;
    expect(event).toMatchObject({ kind: 'open-ticket', label: db });
    expect(isAppEvent(event)).toBe(true);
    expect(tickets.take(event.ticket)).toBe(db);
  });

  it('only focuses for a second launch without a file, and says why a bad path is ignored', () => {
    const { opens, sent, focused } = routed();
    opens.windowLoaded();
    opens.fromSecondInstance(['electron', 'main.js', '--some-switch'], tmp, false);
    expect(focused.n).toBe(1);
    expect(sent).toEqual([]);
    opens.fromSecondInstance(['electron', 'main.js', 'missing.db'], tmp, false);
    expect(sent).toEqual([{ kind: 'problem', message: `There is no file or folder at ${path.join(tmp, 'missing.db')}.` }]);
  });

  it('keeps files handed over before the page loaded (macOS launch by double-click) until it has', () => {
    const { opens, sent } = routed();
    opens.fromOpenFile(db);
    opens.fromOpenFile(path.join(tmp, 'logs'));
    expect(sent).toEqual([]);
    opens.windowLoaded();
    expect(sent.map((e) => e.kind === 'open-ticket' && e.label)).toEqual([db, path.join(tmp, 'logs')]);
    opens.windowUnloaded();
    opens.fromOpenFile(db);
    expect(sent).toHaveLength(2);
  });
});

describe('checkDroppedPath', () => {
  it('accepts store files and folders, and says in one sentence what else is not a store', () => {
    expect(checkDroppedPath(db)).toEqual({ kind: 'store', path: db });
    expect(checkDroppedPath(path.join(tmp, 'logs'))).toEqual({ kind: 'store', path: path.join(tmp, 'logs') });
    expect(checkDroppedPath(path.join(tmp, 'logs', 'a.jsonl')).kind).toBe('store');
    expect(checkDroppedPath(path.join(tmp, 'photo.png'))).toEqual({
      kind: 'invalid',
      message: 'Auditlens opens SQLite databases (.db, .sqlite), JSON audit logs (.json, .jsonl) and folders of them; photo.png is none of these.',
    });
    expect(checkDroppedPath('audit.db')).toEqual({ kind: 'invalid', message: 'That drop did not come with a file from disk.' });
    expect(checkDroppedPath(path.join(tmp, 'gone.db')).kind).toBe('invalid');
  });
});

describe('the desktop handlers', () => {
  it('opens a dropped file in Electron, and refuses one in browser mode with the sentence to show', async () => {
    const electron = createHandlers({ ...services, mode: 'electron', allowPathInput: false });
    const opened = await dispatch(electron, 'stores.openDropped', { path: db }, { transport: 'ipc' });
    expect(opened).toMatchObject({ ok: true, value: { source: { location: db, kind: 'sqlite' } } });
    const png = await dispatch(electron, 'stores.openDropped', { path: path.join(tmp, 'photo.png') }, { transport: 'ipc' });
    expect(png).toMatchObject({ ok: false, error: { code: 'bad-input' } });

    const browser = createHandlers(services);
    const refused = await dispatch(browser, 'stores.openDropped', { path: db }, { transport: 'http' });
    expect(refused).toEqual({ ok: false, error: { code: 'unsupported', message: 'In browser mode a dropped file comes without its location; type its path instead.' } });
  });

  it('opens a handed-over file once, by its ticket', async () => {
    const tickets = new ShellTickets();
    const handlers = createHandlers({ ...services, mode: 'electron', tickets });
    const ticket = tickets.issue(db);
    expect(await dispatch(handlers, 'stores.openTicket', { ticket }, { transport: 'ipc' })).toMatchObject({ ok: true, value: { source: { location: db } } });
    expect(await dispatch(handlers, 'stores.openTicket', { ticket }, { transport: 'ipc' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'That file is no longer waiting to be opened; open it again.' },
    });
  });

  it('reads and saves the settings, defaults first, and tells Electron of a change', async () => {
    const changed: unknown[] = [];
    const handlers = createHandlers({ ...testServices(path.join(tmp, 'settings'), db), onSettingsChanged: (s) => changed.push(s) });
    expect(await dispatch(handlers, 'settings.get', {}, { transport: 'test' })).toEqual({ ok: true, value: { theme: 'system', reopenLastStore: false, facetsCollapsed: false } });
    expect(await dispatch(handlers, 'settings.set', { theme: 'dark' }, { transport: 'test' })).toEqual({ ok: true, value: { theme: 'dark', reopenLastStore: false, facetsCollapsed: false } });
    expect(await dispatch(handlers, 'settings.set', { theme: 'sepia' }, { transport: 'test' })).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(await dispatch(handlers, 'settings.set', { reopenLastStore: true, extra: 1 }, { transport: 'test' })).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(changed).toEqual([{ theme: 'dark', reopenLastStore: false, facetsCollapsed: false }]);
    // A damaged file reads as the defaults.
    fs.writeFileSync(path.join(tmp, 'settings', 'data', 'settings.json'), '{"theme": 42');
    expect(await dispatch(handlers, 'settings.get', {}, { transport: 'test' })).toEqual({ ok: true, value: { theme: 'system', reopenLastStore: false, facetsCollapsed: false } });
  });
});

describe('sendAppEvent', () => {
  it('sends the typed event on the one event channel, and nothing to a destroyed page', () => {
    const contents = new FakeWebContents(1);
    sendAppEvent(contents, { kind: 'command', command: 'close-store' });
    expect(contents.sent).toEqual([[APP_EVENT_CHANNEL, { kind: 'command', command: 'close-store' }]]);
    contents.destroy();
    sendAppEvent(contents, { kind: 'command', command: 'open' });
    expect(contents.sent).toHaveLength(1);
  });

  it('has a check the window applies to every event', () => {
    expect(isAppEvent({ kind: 'command', command: 'open' })).toBe(true);
    for (const bad of [null, 'open', { kind: 'command', command: 'format-disk' }, { kind: 'open-ticket', ticket: '', label: 'x' }, { kind: 'open-path', path: '/etc/passwd' }]) {
      expect(isAppEvent(bad)).toBe(false);
    }
  });
});
