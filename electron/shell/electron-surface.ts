import type { SafeStorageLike } from '../app-data/secret-box';

/**
 * The slice of Electron's API that Auditlens uses, written as our own interfaces.
 *
 * The Electron package cannot be installed where we build and test, so its types are not
 * available. `electron/main.ts` casts `require('electron')` to `ElectronSurface` in one place and
 * hands it to every other module, so unit tests pass a fake that records what the app asked for.
 * Each member mirrors the documented Electron signature (Electron 45) narrowed to what we call:
 * the real module must stay assignable to these interfaces (see the drift note at the end).
 */

/** An Electron event whose default action a listener may cancel. */
export interface ElectronEvent {
  preventDefault(): void;
}

/** A navigation event: since Electron 25 the event object itself carries the target URL. */
export interface NavigationEvent extends ElectronEvent {
  readonly url?: string;
  readonly isMainFrame?: boolean;
}

/** A listener with any arguments, used by fakes that implement the overloaded `on` methods. */
export type AnyListener = (...args: never[]) => void;

/** The webPreferences we set, plus the dangerous ones tests check we never set. */
export interface WebPreferences {
  readonly preload?: string;
  readonly contextIsolation?: boolean;
  readonly sandbox?: boolean;
  readonly nodeIntegration?: boolean;
  readonly nodeIntegrationInWorker?: boolean;
  readonly nodeIntegrationInSubFrames?: boolean;
  readonly webSecurity?: boolean;
  readonly allowRunningInsecureContent?: boolean;
  readonly experimentalFeatures?: boolean;
  readonly enableBlinkFeatures?: string;
  readonly disableBlinkFeatures?: string;
  readonly webviewTag?: boolean;
  readonly devTools?: boolean;
  readonly spellcheck?: boolean;
  readonly safeDialogs?: boolean;
  readonly navigateOnDragDrop?: boolean;
}

/** A window's position and size in screen coordinates. */
export interface Rectangle {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** BrowserWindow constructor options we use. */
export interface BrowserWindowOptions {
  readonly x?: number;
  readonly y?: number;
  readonly width?: number;
  readonly height?: number;
  readonly minWidth?: number;
  readonly minHeight?: number;
  readonly show?: boolean;
  readonly title?: string;
  readonly backgroundColor?: string;
  readonly webPreferences: WebPreferences;
}

/** What `setWindowOpenHandler` must return; we only ever deny. */
export type WindowOpenResponse = { readonly action: 'deny' } | { readonly action: 'allow' };

/** The webContents members we use (events, the window-open handler, its id). */
export interface WebContents {
  readonly id: number;
  isDestroyed(): boolean;
  setWindowOpenHandler(handler: (details: { readonly url: string }) => WindowOpenResponse): void;
  on(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', listener: (event: NavigationEvent, url?: string) => void): this;
  on(event: 'will-attach-webview', listener: (event: ElectronEvent, webPreferences: WebPreferences, params: Readonly<Record<string, string>>) => void): this;
  on(event: 'render-process-gone', listener: (event: ElectronEvent, details: { readonly reason: string; readonly exitCode: number }) => void): this;
  on(event: 'did-finish-load', listener: () => void): this;
  once(event: 'destroyed', listener: () => void): this;
  /** Sends to the page's preload; only electron/api/ipc-transport.ts calls it (sendAppEvent). */
  send(channel: string, ...args: unknown[]): void;
  reload(): void;
  /** The page's current address, history.replaceState changes included (the view link). */
  getURL(): string;
}

/** The BrowserWindow instance members we call. */
export interface BrowserWindow {
  readonly webContents: WebContents;
  loadURL(url: string): Promise<void>;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isMaximized(): boolean;
  maximize(): void;
  isDestroyed(): boolean;
  /** Position and size when not maximised or minimised (what to restore next launch). */
  getNormalBounds(): Rectangle;
  once(event: 'ready-to-show', listener: () => void): this;
  on(event: 'closed' | 'close', listener: () => void): this;
}

/** The BrowserWindow class. */
export type BrowserWindowConstructor = new (options: BrowserWindowOptions) => BrowserWindow;

/** A permission request callback: true grants, false denies. */
export type PermissionCallback = (granted: boolean) => void;

/** The session permission hooks (Electron grants everything unless these are set). */
export interface Session {
  setPermissionRequestHandler(
    handler: ((webContents: WebContents, permission: string, callback: PermissionCallback, details: unknown) => void) | null,
  ): void;
  setPermissionCheckHandler(
    handler: ((webContents: WebContents | null, permission: string, requestingOrigin: string, details: unknown) => boolean) | null,
  ): void;
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void;
}

/** The `session` module; `defaultSession` may only be read once the app is ready. */
export interface SessionModule {
  readonly defaultSession: Session;
}

/** App lifecycle and the app-wide events we hook. */
export interface App {
  readonly isPackaged: boolean;
  enableSandbox(): void;
  whenReady(): Promise<void>;
  requestSingleInstanceLock(): boolean;
  quit(): void;
  getPath(name: 'userData' | 'logs' | 'temp'): string;
  /** Adds a file to the OS's recent documents (Dock menu, Jump List, GTK recent files). */
  addRecentDocument(path: string): void;
  clearRecentDocuments(): void;
  /** Makes the OS hand `scheme://` links to this app (packaged app only: see view-links.ts). */
  setAsDefaultProtocolClient(protocol: string): boolean;
  on(event: 'web-contents-created', listener: (event: ElectronEvent, contents: WebContents) => void): this;
  on(
    event: 'certificate-error',
    listener: (
      event: ElectronEvent,
      webContents: WebContents,
      url: string,
      error: string,
      certificate: unknown,
      callback: (isTrusted: boolean) => void,
      isMainFrame: boolean,
    ) => void,
  ): this;
  on(event: 'second-instance', listener: (event: ElectronEvent, argv: string[], workingDirectory: string) => void): this;
  /** macOS: a file was opened with the app (Finder, Dock); may fire before `ready`. */
  on(event: 'open-file', listener: (event: ElectronEvent, path: string) => void): this;
  /** macOS: an `auditlens://` link was opened; may fire before `ready`. */
  on(event: 'open-url', listener: (event: ElectronEvent, url: string) => void): this;
  on(event: 'child-process-gone', listener: (event: ElectronEvent, details: { readonly type: string; readonly reason: string; readonly exitCode: number; readonly serviceName?: string }) => void): this;
  on(event: 'window-all-closed', listener: () => void): this;
  on(event: 'will-quit', listener: (event: ElectronEvent) => void): this;
}

/** Privileges of a custom scheme (`CustomScheme.privileges`). */
export interface SchemePrivileges {
  readonly standard?: boolean;
  readonly secure?: boolean;
  readonly bypassCSP?: boolean;
  readonly allowServiceWorkers?: boolean;
  readonly supportFetchAPI?: boolean;
  readonly corsEnabled?: boolean;
  readonly stream?: boolean;
  readonly codeCache?: boolean;
}

/** A scheme registration (`CustomScheme`). */
export interface CustomScheme {
  readonly scheme: string;
  readonly privileges?: SchemePrivileges;
}

/** The parts of a Fetch `Request` a protocol handler reads. */
export interface ProtocolRequest {
  readonly url: string;
  readonly method: string;
}

/** The `protocol` module: privileged schemes before ready, handlers after. */
export interface Protocol {
  registerSchemesAsPrivileged(schemes: readonly CustomScheme[]): void;
  handle(scheme: string, handler: (request: ProtocolRequest) => Response | Promise<Response>): void;
}

/** A frame as seen by the main process (`WebFrameMain`). */
export interface WebFrameMain {
  readonly url: string;
  readonly parent: WebFrameMain | null;
}

/** What an `ipcMain.handle` listener learns about its caller. */
export interface IpcMainInvokeEvent {
  readonly sender: { readonly id: number };
  /** Null when the frame navigated away or was destroyed before the message was handled. */
  readonly senderFrame: WebFrameMain | null;
}

/** The `ipcMain` invoke half. */
export interface IpcMain {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** A file-type filter of the open dialog. */
export interface FileFilter {
  readonly name: string;
  readonly extensions: readonly string[];
}

/** Open dialog options we use. */
export interface OpenDialogOptions {
  readonly title?: string;
  readonly buttonLabel?: string;
  readonly properties?: readonly ('openFile' | 'openDirectory' | 'multiSelections' | 'showHiddenFiles' | 'dontAddToRecent')[];
  readonly filters?: readonly FileFilter[];
}

/** What the open dialog resolves to. */
export interface OpenDialogReturnValue {
  readonly canceled: boolean;
  readonly filePaths: readonly string[];
}

/** The `dialog` module. */
/** Options of `dialog.showSaveDialog` that we use. */
export interface SaveDialogOptions {
  readonly title?: string;
  readonly defaultPath?: string;
  readonly filters?: readonly { readonly name: string; readonly extensions: readonly string[] }[];
}

/** What `dialog.showSaveDialog` resolves to. */
export interface SaveDialogReturnValue {
  readonly canceled: boolean;
  readonly filePath?: string;
}

export interface Dialog {
  showOpenDialog(window: BrowserWindow, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  showSaveDialog(window: BrowserWindow, options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  showErrorBox(title: string, content: string): void;
  showMessageBox(window: BrowserWindow, options: MessageBoxOptions): Promise<{ readonly response: number }>;
}

/** The `shell` module: `openExternal` behind `isSafeExternalUrl`, and showing our own log file. */
export interface Shell {
  openExternal(url: string): Promise<void>;
  showItemInFolder(fullPath: string): void;
}

/** Options of `dialog.showMessageBox` that we use. */
export interface MessageBoxOptions {
  readonly type?: 'none' | 'info' | 'error' | 'question' | 'warning';
  readonly title?: string;
  readonly message: string;
  readonly detail?: string;
  readonly buttons?: readonly string[];
  readonly defaultId?: number;
  readonly cancelId?: number;
}

/** The `nativeTheme` module: what the OS prefers and our override of it. */
export interface NativeTheme {
  readonly shouldUseDarkColors: boolean;
  themeSource: 'system' | 'light' | 'dark';
}

/** A display's usable area (`Display.workArea`). */
export interface Display {
  readonly workArea: Rectangle;
}

/** The `screen` module, after ready. */
export interface Screen {
  getAllDisplays(): readonly Display[];
}

/** Standard menu roles we use; Electron implements their behaviour. */
export type MenuRole =
  | 'appMenu' | 'windowMenu' | 'help' | 'about' | 'quit' | 'close' | 'minimize' | 'zoom' | 'front'
  | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll'
  | 'reload' | 'forceReload' | 'toggleDevTools' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen'
  | 'recentDocuments' | 'clearRecentDocuments';

/** One menu item (`MenuItemConstructorOptions`, narrowed). */
export interface MenuItemOptions {
  readonly label?: string;
  readonly role?: MenuRole;
  readonly type?: 'normal' | 'separator' | 'submenu';
  readonly accelerator?: string;
  readonly enabled?: boolean;
  readonly submenu?: readonly MenuItemOptions[];
  readonly click?: () => void;
}

/** An opaque built menu. */
export interface MenuInstance {
  readonly items: readonly unknown[];
}

/** The `Menu` class statics we call. */
export interface MenuModule {
  buildFromTemplate(template: readonly MenuItemOptions[]): MenuInstance;
  setApplicationMenu(menu: MenuInstance | null): void;
}

/** A utility process child (`UtilityProcess`). */
export interface UtilityProcessChild {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): this;
  on(event: 'exit', listener: (code: number) => void): this;
  kill(): boolean;
  /** Set when forked with `stdio: 'pipe'`. */
  readonly stderr?: { on(event: 'data', listener: (chunk: Buffer) => void): unknown } | null;
}

/** Options of `utilityProcess.fork` we use. */
export interface UtilityForkOptions {
  readonly serviceName?: string;
  readonly stdio?: 'pipe' | 'ignore' | 'inherit';
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly execArgv?: readonly string[];
}

/** The `utilityProcess` module. */
export interface UtilityProcessModule {
  fork(modulePath: string, args?: readonly string[], options?: UtilityForkOptions): UtilityProcessChild;
}

/**
 * Everything the main process uses from `require('electron')`.
 *
 * Drift: on a machine with `electron` installed, a one-line type check
 * `const s: ElectronSurface = require('electron') as typeof import('electron')` under `tsc` fails
 * as soon as a member here no longer matches the real API; run it when bumping Electron.
 */
export interface ElectronSurface {
  readonly app: App;
  readonly BrowserWindow: BrowserWindowConstructor;
  readonly session: SessionModule;
  readonly protocol: Protocol;
  readonly ipcMain: IpcMain;
  readonly dialog: Dialog;
  readonly shell: Shell;
  readonly Menu: MenuModule;
  readonly utilityProcess: UtilityProcessModule;
  readonly safeStorage: SafeStorageLike;
  readonly nativeTheme: NativeTheme;
  readonly screen: Screen;
  readonly clipboard: Clipboard;
}

/** The clipboard, for "Copy Link to This View". */
export interface Clipboard {
  writeText(text: string): void;
}

/** The `contextBridge` of a preload script. */
export interface ContextBridge {
  exposeInMainWorld(apiKey: string, api: object): void;
}

/** The `ipcRenderer` halves the preload uses: invoke, and listening on the event channel. */
export interface IpcRenderer {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** `webUtils`: the path of a File the user dropped or picked (File.path is gone since Electron 32). */
export interface WebUtils {
  getPathForFile(file: unknown): string;
}

/** Everything the preload uses from `require('electron')`. */
export interface PreloadSurface {
  readonly contextBridge: ContextBridge;
  readonly ipcRenderer: IpcRenderer;
  readonly webUtils: WebUtils;
}
