/**
 * App-wide Electron hardening: sandbox every renderer, keep every webContents on the app origin,
 * deny every permission, refuse bad certificates and run a single instance.
 *
 * These hooks are app-wide (not per window) so a webContents we did not expect, such as a
 * devtools or a future helper window, is covered too.
 */
import { isAppUrl } from './app-protocol';
import type { ElectronEvent, ElectronSurface, NavigationEvent, Session, WebContents } from './electron-surface';

/** The outcome of hardening: whether we are the first instance, and when the app is ready and locked down. */
export interface Hardened {
  /** False when another Auditlens already runs; this one has been asked to quit. */
  readonly primary: boolean;
  /** Resolves after `ready` and after the default session denies every permission. */
  readonly ready: Promise<void>;
}

/** Applies every hardening step; call it first, before `ready`. */
export function hardenApp(surface: Pick<ElectronSurface, 'app' | 'session'>): Hardened {
  const { app } = surface;
  // Before ready, so it applies to every renderer including ones we do not create ourselves.
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { primary: false, ready: new Promise<void>(() => undefined) };
  }
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('certificate-error', (event, _contents, _url, _error, _certificate, callback) => {
    // We load nothing over the network; a certificate question can only be an attack or a mistake.
    event.preventDefault();
    callback(false);
  });
  // The session exists only once the app is ready; callers await `ready` before creating windows.
  const ready = app.whenReady().then(() => denyAllPermissions(surface.session.defaultSession));
  return { primary: true, ready };
}

/** Keeps one webContents on the app origin: no popups, no navigation away, no webviews. */
export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const keepOnApp = (event: NavigationEvent, url?: string): void => {
    // Electron ≥ 25 puts the URL on the event; older signatures pass it second.
    const target = typeof event.url === 'string' ? event.url : url;
    if (!isAppUrl(target)) {
      event.preventDefault();
    }
  };
  contents.on('will-navigate', keepOnApp);
  contents.on('will-frame-navigate', keepOnApp);
  contents.on('will-redirect', keepOnApp);
  contents.on('will-attach-webview', (event: ElectronEvent) => event.preventDefault());
}

/** Denies every permission request, check and device request on a session. */
export function denyAllPermissions(session: Session): void {
  // Electron grants every permission unless a handler says otherwise; the app needs none.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
