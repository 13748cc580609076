/**
 * The main window: sandboxed, context-isolated, no Node, loading only `app://auditlens/`.
 */
import { APP_ENTRY_URL } from './shell/app-protocol';
import type { BrowserWindow, ElectronSurface, WebPreferences } from './shell/electron-surface';
import type { WindowPlacement } from './shell/window-state';
import { DEFAULT_SIZE, MIN_SIZE } from './shell/window-state';

/** What the main window needs from its caller. */
export interface MainWindowOptions {
  /** Absolute path of the bundled preload (`dist/electron/preload.js`). */
  readonly preloadPath: string;
  /** Packaged builds get no devtools. */
  readonly isPackaged: boolean;
  /** Called with the new webContents id before anything loads; returns the revoke function. */
  readonly trust: (webContentsId: number) => () => void;
  /** Where and how big it opens (window-state.ts); the default size when absent. */
  readonly placement?: WindowPlacement;
  /** Painted before the page loads, so a dark theme never flashes white. */
  readonly backgroundColor?: string;
  /** The first page: the app's entry, or the view an `auditlens://` link named at launch. */
  readonly entryUrl?: string;
}

/** The webPreferences of every Auditlens window (Electron security checklist items 2-4, 6, 8-12). */
export function mainWindowPreferences(opts: Pick<MainWindowOptions, 'preloadPath' | 'isPackaged'>): WebPreferences {
  // webSecurity, allowRunningInsecureContent and experimentalFeatures are left at their safe
  // defaults on purpose: setting them at all invites someone to flip them.
  return {
    preload: opts.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    devTools: !opts.isPackaged,
    // Middle-click opens links in new windows; we have none to open (as GitHub Desktop does).
    disableBlinkFeatures: 'Auxclick',
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  };
}

/** Creates the main window, trusts its webContents for IPC and loads the app; shown once painted. */
export function createMainWindow(surface: Pick<ElectronSurface, 'BrowserWindow'>, opts: MainWindowOptions): BrowserWindow {
  const place = opts.placement ?? { ...DEFAULT_SIZE, maximized: false };
  const win = new surface.BrowserWindow({
    ...(place.x !== undefined && place.y !== undefined ? { x: place.x, y: place.y } : {}),
    width: place.width,
    height: place.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Auditlens',
    ...(opts.backgroundColor ? { backgroundColor: opts.backgroundColor } : {}),
    // Hidden until the first paint, so the user never sees a white flash.
    show: false,
    webPreferences: mainWindowPreferences(opts),
  });
  const revoke = opts.trust(win.webContents.id);
  win.webContents.once('destroyed', revoke);
  win.once('ready-to-show', () => {
    if (place.maximized) {
      win.maximize();
    }
    win.show();
  });
  win.loadURL(opts.entryUrl ?? APP_ENTRY_URL).catch((e: unknown) => {
    process.stderr.write(`auditlens: the window could not load the app (${e instanceof Error ? e.message : String(e)}).\n`);
  });
  return win;
}

/** Brings an existing window to the front (a second launch, for example). */
export function focusWindow(win: BrowserWindow): void {
  if (win.isDestroyed()) {
    return;
  }
  if (win.isMinimized()) {
    win.restore();
  }
  win.focus();
}
