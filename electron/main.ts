/**
 * The Electron main process: wiring only. Every decision lives in a module that takes the
 * Electron surface as a parameter and has its own tests.
 */
import path from 'node:path';
import type { AppEvent } from '../shared/api/app-events';
import type { StoreSummary } from '../shared/api/contract';
import type { Settings } from '../shared/model/settings';
import { registerIpc, sendAppEvent, trustWebContents } from './api/ipc-transport';
import { loggedHandlers } from './api/logged-handlers';
import { openStore } from './api/open-store';
import { AppLog } from './app-data/app-log';
import { defaultAppPaths } from './app-data/app-paths';
import { safeStorageBox } from './app-data/secret-box';
import type { AppPaths } from './app-data/app-paths';
import { createHost } from './host';
import { installAppMenu } from './menu';
import { runtimePaths } from './runtime-paths';
import { handleAppProtocol, registerAppScheme } from './shell/app-protocol';
import type { BrowserWindow, ElectronSurface } from './shell/electron-surface';
import { installErrorReporting, recoverFromRendererCrash } from './shell/error-reporting';
import { hardenApp } from './shell/harden';
import { applyTheme, windowBackground } from './shell/native-theme';
import { pickExportFile, pickStoreFile, pickTlsFile, storePathFromArgv } from './shell/open-dialog';
import { ShellOpens } from './shell/shell-opens';
import { ShellTickets } from './shell/shell-tickets';
import { showLog } from './shell/show-log';
import { utilityWorkerSpawner } from './shell/utility-worker';
import { copyViewLink, isLinkArg, registerViewLinks, ViewLinkOpener } from './shell/view-links';
import { keepWindowState, loadWindowPlacement, windowStateFile } from './shell/window-state';
import { createMainWindow, focusWindow } from './window';

// The single import point of Electron; everything else receives this surface as a parameter.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const electron = require('electron') as ElectronSurface;
const { app } = electron;

const say = (message: string): boolean => process.stderr.write(`auditlens: ${message}\n`);

/** The app's own folders: Electron's userData, unless tests point AUDITLENS_DATA_DIR elsewhere. */
function appPaths(): AppPaths {
  const userData = app.getPath('userData');
  return process.env.AUDITLENS_DATA_DIR !== undefined ? defaultAppPaths() : { dataDir: userData, cacheDir: path.join(userData, 'store-cache') };
}

function start(): void {
  const hardened = hardenApp(electron);
  if (!hardened.primary) {
    return;
  }
  registerAppScheme(electron);
  // `auditlens://view?…` links (view-links.ts): the OS passes them as an argument on Windows and
  // Linux, and with open-url on macOS; a store path is looked for among the other arguments.
  const links = new ViewLinkOpener({
    window: () => win,
    focus: (w) => focusWindow(w),
    problem: (message) => {
      log.write('warn', message);
      send({ kind: 'problem', message });
    },
  });
  const launchLink = process.argv.slice(1).find(isLinkArg);
  const launch = storePathFromArgv(process.argv.filter((a) => !isLinkArg(a)), app.isPackaged);
  if (launch.kind === 'invalid') {
    say(launch.message);
  }
  let win: BrowserWindow | null = null;
  let initial: StoreSummary | null = null;
  const send = (event: AppEvent): void => {
    if (win && !win.isDestroyed()) {
      sendAppEvent(win.webContents, event);
    }
  };
  const log = new AppLog(process.env.AUDITLENS_DATA_DIR ?? app.getPath('logs'));
  const reporting = { log, send };
  installErrorReporting(process, app, reporting);

  // A second `auditlens FILE` opens FILE in this window; macOS hands files over with open-file,
  // also before ready (a double-click that launched the app).
  const tickets = new ShellTickets();
  const opens = new ShellOpens({ tickets, send, focus: () => win && focusWindow(win), log: (m) => log.write('warn', m) });
  app.on('second-instance', (_event, argv, cwd) => {
    const link = argv.slice(1).find(isLinkArg);
    if (link !== undefined) {
      links.open(link);
      return;
    }
    opens.fromSecondInstance(argv, cwd, app.isPackaged);
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    links.open(url);
  });
  if (launchLink !== undefined) {
    links.open(launchLink);
  }
  app.on('open-file', (event, file) => {
    event.preventDefault();
    opens.fromOpenFile(file);
  });

  void hardened.ready.then(async () => {
    const rt = runtimePaths();
    const paths = appPaths();
    handleAppProtocol(electron, rt.rendererDir);
    const menu = (): void =>
      installAppMenu(electron, {
        isPackaged: app.isPackaged,
        platform: process.platform,
        send,
        recent: () => host.services.recent.list(),
        showLog: () => win && void showLog(electron, win, log.file),
        copyViewLink: () => {
          if (win && copyViewLink(electron.clipboard, win) === null) {
            send({ kind: 'problem', message: 'This window shows no view to link to.' });
          }
        },
      });
    const host = createHost({
      mode: 'electron',
      spawn: utilityWorkerSpawner(electron, (what, stderrTail) => log.write('error', what, stderrTail || undefined)),
      pickFile: () => pickStoreFile(electron, win),
      pickTlsFile: (kind) => pickTlsFile(electron, win, kind),
      pickSaveFile: (suggested) => pickExportFile(electron, win, suggested),
      initialStore: () => initial,
      paths,
      secrets: safeStorageBox(electron.safeStorage, process.platform),
      desktop: {
        tickets,
        onStoreOpened: (source) => {
          if (source.kind !== 'postgres') {
            app.addRecentDocument(source.location);
          }
          menu();
        },
        onSettingsChanged: (settings: Settings) => applyTheme(electron.nativeTheme, settings.theme),
      },
    });
    applyTheme(electron.nativeTheme, host.services.settings.get().theme);
    registerViewLinks(app);
    registerIpc(electron, loggedHandlers(host.handlers, (call, e) => log.write('error', `${call} failed unexpectedly`, e)));
    menu();
    if (launch.kind === 'store') {
      initial = await openStore(host.services, launch.path).catch((e: unknown) => {
        say(`could not open ${launch.path}: ${e instanceof Error ? e.message : String(e)}`);
        return null;
      });
    }
    const preloadPath = path.join(rt.root, 'dist', 'electron', 'preload.js');
    const stateFile = windowStateFile(paths.dataDir);
    const placement = loadWindowPlacement(stateFile, electron.screen.getAllDisplays().map((d) => d.workArea));
    win = createMainWindow(electron, { preloadPath, isPackaged: app.isPackaged, trust: trustWebContents, placement, backgroundColor: windowBackground(electron.nativeTheme), entryUrl: links.takeEntry() });
    keepWindowState(win, stateFile);
    recoverFromRendererCrash(win.webContents, reporting);
    win.webContents.on('did-finish-load', () => opens.windowLoaded());
    win.webContents.on('render-process-gone', () => opens.windowUnloaded());
    win.on('closed', () => {
      win = null;
      opens.windowUnloaded();
    });

    let storesClosed = false;
    app.on('window-all-closed', () => app.quit());
    app.on('will-quit', (event) => {
      // Close every store (and kill its worker) before the process goes away.
      if (!storesClosed) {
        event.preventDefault();
        void host.services.stores.closeAll().finally(() => {
          storesClosed = true;
          app.quit();
        });
      }
    });
  }).catch((e: unknown) => {
    log.write('error', 'Auditlens could not start', e);
    say(`could not start: ${e instanceof Error ? e.message : String(e)}`);
    app.quit();
  });
}

start();
