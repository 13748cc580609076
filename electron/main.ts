/**
 * The Electron main process: wiring only. Every decision lives in a module that takes the
 * Electron surface as a parameter and has its own tests.
 */
import path from 'node:path';
import type { StoreSummary } from '../shared/api/contract';
import { registerIpc, trustWebContents } from './api/ipc-transport';
import { openStore } from './api/open-store';
import { defaultAppPaths } from './app-data/app-paths';
import { safeStorageBox } from './app-data/secret-box';
import type { AppPaths } from './app-data/app-paths';
import { createHost } from './host';
import { installAppMenu } from './menu';
import { runtimePaths } from './runtime-paths';
import { handleAppProtocol, registerAppScheme } from './shell/app-protocol';
import type { BrowserWindow, ElectronSurface } from './shell/electron-surface';
import { hardenApp } from './shell/harden';
import { pickExportFile, pickStoreFile, storePathFromArgv } from './shell/open-dialog';
import { utilityWorkerSpawner } from './shell/utility-worker';
import { createMainWindow, focusWindow } from './window';

// The single import point of Electron; everything else receives this surface as a parameter.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const electron = require('electron') as ElectronSurface;
const { app } = electron;

const log = (message: string): boolean => process.stderr.write(`auditlens: ${message}\n`);

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
  const launch = storePathFromArgv(process.argv, app.isPackaged);
  if (launch.kind === 'invalid') {
    log(launch.message);
  }
  let win: BrowserWindow | null = null;
  let initial: StoreSummary | null = null;

  // A second `auditlens` launch focuses this window; its arguments are not acted on.
  app.on('second-instance', () => win && focusWindow(win));

  void hardened.ready.then(async () => {
    const rt = runtimePaths();
    handleAppProtocol(electron, rt.rendererDir);
    const host = createHost({
      mode: 'electron',
      spawn: utilityWorkerSpawner(electron),
      pickFile: () => pickStoreFile(electron, win),
      pickSaveFile: (suggested) => pickExportFile(electron, win, suggested),
      initialStore: () => initial,
      paths: appPaths(),
      secrets: safeStorageBox(electron.safeStorage, process.platform),
    });
    registerIpc(electron, host.handlers);
    installAppMenu(electron, { isPackaged: app.isPackaged, platform: process.platform });
    if (launch.kind === 'store') {
      initial = await openStore(host.services, launch.path).catch((e: unknown) => {
        log(`could not open ${launch.path}: ${e instanceof Error ? e.message : String(e)}`);
        return null;
      });
    }
    const preloadPath = path.join(rt.root, 'dist', 'electron', 'preload.js');
    win = createMainWindow(electron, { preloadPath, isPackaged: app.isPackaged, trust: trustWebContents });
    win.on('closed', () => (win = null));

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
    log(`could not start: ${e instanceof Error ? e.message : String(e)}`);
    app.quit();
  });
}

start();
