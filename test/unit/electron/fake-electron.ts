/**
 * A fake of the Electron surface for unit tests: it records what the app asks Electron to do and
 * lets a test fire the events Electron would fire.
 *
 * It also enforces Electron's ordering rules that matter for security: `enableSandbox` and
 * `registerSchemesAsPrivileged` throw after ready; `protocol.handle`, `session.defaultSession`
 * and `new BrowserWindow` throw before it; `ipcMain.handle` throws on a second handler.
 */
import type {
  AnyListener,
  App,
  BrowserWindow,
  BrowserWindowOptions,
  CustomScheme,
  ElectronSurface,
  IpcMainInvokeEvent,
  MessageBoxOptions,
  MenuInstance,
  MenuItemOptions,
  OpenDialogOptions,
  OpenDialogReturnValue,
  SaveDialogOptions,
  SaveDialogReturnValue,
  PermissionCallback,
  ProtocolRequest,
  Rectangle,
  Session,
  UtilityForkOptions,
  UtilityProcessChild,
  WebContents,
  WebFrameMain,
  WindowOpenResponse,
} from '../../../electron/shell/electron-surface';

/** An event object that records whether a handler cancelled it. */
export class FakeEvent {
  public defaultPrevented = false;

  public constructor(public readonly url?: string) {}

  /** Cancels the default action, as Electron's Event does. */
  public preventDefault(): void {
    this.defaultPrevented = true;
  }
}

/** A minimal synchronous event emitter shared by the fakes. */
export class FakeEmitter {
  private readonly listeners = new Map<string, { fn: AnyListener; once: boolean }[]>();

  /** Adds a listener. */
  public on(event: string, listener: AnyListener): this {
    this.add(event, listener, false);
    return this;
  }

  /** Adds a listener that runs once. */
  public once(event: string, listener: AnyListener): this {
    this.add(event, listener, true);
    return this;
  }

  /** Calls every listener of `event` with `args`; returns how many ran. */
  public emit(event: string, ...args: unknown[]): number {
    const list = this.listeners.get(event) ?? [];
    this.listeners.set(event, list.filter((l) => !l.once));
    for (const l of list) {
      (l.fn as (...a: unknown[]) => void)(...args);
    }
    return list.length;
  }

  /** Number of listeners on `event`. */
  public listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  private add(event: string, fn: AnyListener, once: boolean): void {
    const list = this.listeners.get(event) ?? [];
    list.push({ fn, once });
    this.listeners.set(event, list);
  }
}

/** A fake webContents. */
export class FakeWebContents extends FakeEmitter implements WebContents {
  public windowOpenHandler: ((details: { readonly url: string }) => WindowOpenResponse) | null = null;
  /** Everything sent to the page, as `[channel, ...args]`. */
  public readonly sent: unknown[][] = [];
  public reloads = 0;
  private destroyed = false;

  public constructor(public readonly id: number) {
    super();
  }

  /** Records the window-open handler. */
  public setWindowOpenHandler(handler: (details: { readonly url: string }) => WindowOpenResponse): void {
    this.windowOpenHandler = handler;
  }

  /** True after `destroy()`. */
  public isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Records a message to the page. */
  public send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }

  /** Counts reloads. */
  public reload(): void {
    this.reloads++;
  }

  /** The page's address as the renderer last set it (tests set `url`). */
  public url = 'app://auditlens/index.html';

  /** The page's address. */
  public getURL(): string {
    return this.url;
  }

  /** Destroys the contents and fires `destroyed`. */
  public destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }

  /** Fires a navigation event the way Electron ≥ 25 does (URL on the event and second) and returns it. */
  public navigate(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string): FakeEvent {
    const e = new FakeEvent(url);
    this.emit(event, e, url);
    return e;
  }
}

/** A fake session that records its permission handlers. */
export class FakeSession implements Session {
  public requestHandler: ((wc: WebContents, permission: string, cb: PermissionCallback, details: unknown) => void) | null = null;
  public checkHandler: ((wc: WebContents | null, permission: string, origin: string, details: unknown) => boolean) | null = null;
  public deviceHandler: ((details: unknown) => boolean) | null = null;

  /** Records the permission request handler. */
  public setPermissionRequestHandler(h: FakeSession['requestHandler']): void {
    this.requestHandler = h;
  }

  /** Records the permission check handler. */
  public setPermissionCheckHandler(h: FakeSession['checkHandler']): void {
    this.checkHandler = h;
  }

  /** Records the device permission handler. */
  public setDevicePermissionHandler(h: FakeSession['deviceHandler']): void {
    this.deviceHandler = h;
  }
}

/** A fake utility process child; the test drives it with `emit`. */
export class FakeUtilityChild extends FakeEmitter implements UtilityProcessChild {
  public readonly pid: number | undefined = 4242;
  public readonly posted: unknown[] = [];
  public killed = 0;
  /** The piped stderr (`stdio: 'pipe'`); a test emits `data` on it. */
  public readonly stderr = new FakeEmitter();

  /** Records a message sent to the child. */
  public postMessage(message: unknown): void {
    this.posted.push(message);
  }

  /** Records the kill. */
  public kill(): boolean {
    this.killed++;
    return true;
  }
}

/** A fake BrowserWindow as tests see it: what it was created with, what it loaded, whether it is shown; bounds and maximised state settable. */
export type FakeWindow = FakeEmitter &
  BrowserWindow & {
    readonly options: BrowserWindowOptions;
    readonly loaded: string[];
    readonly shown: boolean;
    readonly webContents: FakeWebContents;
    bounds: Rectangle;
    maximized: boolean;
  };

/** A fake IPC frame. */
export interface FakeFrameSpec {
  readonly url: string;
  readonly subFrame?: boolean;
}

/** Builds an `ipcMain.handle` event from a sender id and frame (null for a destroyed frame). */
export function ipcEvent(senderId: number, frame: FakeFrameSpec | null): IpcMainInvokeEvent {
  const top: WebFrameMain = { url: 'app://auditlens/index.html', parent: null };
  const senderFrame: WebFrameMain | null = frame === null ? null : { url: frame.url, parent: frame.subFrame ? top : null };
  return { sender: { id: senderId }, senderFrame };
}

/** The fake Electron, its recordings and its controls. */
export interface FakeElectron {
  readonly surface: ElectronSurface;
  readonly app: FakeEmitter & App;
  /** Calls and milestones in order, e.g. `enableSandbox`, `ready`, `protocol.handle:app`. */
  readonly log: string[];
  readonly windows: FakeWindow[];
  readonly webContents: FakeWebContents[];
  readonly defaultSession: FakeSession;
  readonly privilegedSchemes: CustomScheme[];
  readonly protocolHandlers: Map<string, (request: ProtocolRequest) => Response | Promise<Response>>;
  readonly ipcHandlers: Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>;
  /** Every channel passed to `ipcMain.handle`, including any duplicates. */
  readonly ipcRegistrations: string[];
  readonly dialogCalls: { readonly withWindow: boolean; readonly options: OpenDialogOptions }[];
  dialogResult: OpenDialogReturnValue;
  readonly saveDialogCalls: { readonly withWindow: boolean; readonly options: SaveDialogOptions }[];
  saveDialogResult: SaveDialogReturnValue;
  readonly openedExternal: string[];
  readonly shownInFolder: string[];
  readonly messageBoxes: MessageBoxOptions[];
  messageBoxResponse: number;
  /** Files given to `app.addRecentDocument`, in order. */
  readonly recentDocuments: string[];
  /** Schemes given to `app.setAsDefaultProtocolClient`. */
  readonly protocolClients: string[];
  /** What was written to the clipboard, in order. */
  readonly clipboardTexts: string[];
  readonly nativeTheme: { shouldUseDarkColors: boolean; themeSource: 'system' | 'light' | 'dark' };
  /** The displays' work areas `screen.getAllDisplays` reports. */
  displays: Rectangle[];
  readonly menus: (readonly MenuItemOptions[])[];
  readonly forks: { readonly script: string; readonly args: readonly string[]; readonly options: UtilityForkOptions | undefined; readonly child: FakeUtilityChild }[];
  readonly isReady: () => boolean;
  /** Makes `whenReady` resolve, as Electron does once Chromium has started. */
  fireReady(): Promise<void>;
  /** Creates a webContents outside any window (e.g. a devtools view) and fires `web-contents-created`. */
  createWebContents(): FakeWebContents;
  /** Calls the registered handler of `channel` like `ipcRenderer.invoke` would. */
  invoke(channel: string, event: IpcMainInvokeEvent, ...args: unknown[]): Promise<unknown>;
}

/** Creates a fresh fake Electron. */
export function createFakeElectron(options: { isPackaged?: boolean; singleInstanceLock?: boolean } = {}): FakeElectron {
  const log: string[] = [];
  let ready = false;
  let resolveReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  let nextId = 1;
  const defaultSession = new FakeSession();

  class FakeApp extends FakeEmitter {
    public readonly isPackaged = options.isPackaged ?? false;

    public enableSandbox(): void {
      if (ready) {
        throw new Error('app.enableSandbox() can only be called before app is ready');
      }
      log.push('enableSandbox');
    }

    public whenReady(): Promise<void> {
      log.push('whenReady');
      return readyPromise;
    }

    public requestSingleInstanceLock(): boolean {
      log.push('requestSingleInstanceLock');
      return options.singleInstanceLock ?? true;
    }

    public quit(): void {
      log.push('quit');
    }

    public getPath(name: string): string {
      return `/fake/${name}`;
    }

    public addRecentDocument(path: string): void {
      fake.recentDocuments.push(path);
    }

    public clearRecentDocuments(): void {
      fake.recentDocuments.length = 0;
    }

    public setAsDefaultProtocolClient(protocol: string): boolean {
      fake.protocolClients.push(protocol);
      return true;
    }
  }
  const app = new FakeApp() as FakeApp & App;

  const fake: FakeElectron = {
    surface: undefined as unknown as ElectronSurface,
    app,
    log,
    windows: [],
    webContents: [],
    defaultSession,
    privilegedSchemes: [],
    protocolHandlers: new Map(),
    ipcHandlers: new Map(),
    ipcRegistrations: [],
    dialogCalls: [],
    dialogResult: { canceled: true, filePaths: [] },
    saveDialogCalls: [],
    saveDialogResult: { canceled: true },
    openedExternal: [],
    shownInFolder: [],
    messageBoxes: [],
    messageBoxResponse: 1,
    recentDocuments: [],
    protocolClients: [],
    clipboardTexts: [],
    nativeTheme: { shouldUseDarkColors: false, themeSource: 'system' },
    displays: [{ x: 0, y: 0, width: 1920, height: 1080 }],
    menus: [],
    forks: [],
    isReady: () => ready,
    fireReady: async () => {
      ready = true;
      log.push('ready');
      resolveReady();
      await readyPromise;
      // Let every `whenReady().then(...)` registered so far run before the test continues.
      await new Promise((r) => setTimeout(r, 0));
    },
    createWebContents: () => {
      const wc = new FakeWebContents(nextId++);
      fake.webContents.push(wc);
      app.emit('web-contents-created', new FakeEvent(), wc);
      return wc;
    },
    invoke: async (channel, event, ...args) => {
      const h = fake.ipcHandlers.get(channel);
      if (!h) {
        throw new Error(`No handler registered for '${channel}'`);
      }
      return h(event, ...args);
    },
  };

  class FakeBrowserWindow extends FakeEmitter implements BrowserWindow {
    public readonly webContents: FakeWebContents;
    public readonly loaded: string[] = [];
    public shown = false;
    public bounds: Rectangle;
    public maximized = false;
    private destroyed = false;

    public constructor(public readonly options: BrowserWindowOptions) {
      super();
      if (!ready) {
        throw new Error('Cannot create BrowserWindow before app is ready');
      }
      this.webContents = fake.createWebContents();
      this.bounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width ?? 800, height: options.height ?? 600 };
      fake.windows.push(this);
    }

    public isMaximized(): boolean {
      return this.maximized;
    }

    public maximize(): void {
      this.maximized = true;
      log.push('maximize');
    }

    public getNormalBounds(): Rectangle {
      return this.bounds;
    }

    public loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      return Promise.resolve();
    }

    public show(): void {
      this.shown = true;
    }

    public focus(): void {
      log.push('focus');
    }

    public restore(): void {
      log.push('restore');
    }

    public isMinimized(): boolean {
      return false;
    }

    public isDestroyed(): boolean {
      return this.destroyed;
    }
  }

  const surface: ElectronSurface = {
    app,
    BrowserWindow: FakeBrowserWindow,
    // Reversible stand-in for the OS keychain: tests check that only sealed text reaches disk.
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (plain: string) => Buffer.from(`sealed:${Buffer.from(plain).toString('hex')}`),
      decryptString: (sealed: Buffer) => Buffer.from(sealed.toString().replace(/^sealed:/, ''), 'hex').toString(),
      getSelectedStorageBackend: () => 'gnome_libsecret',
    },
    session: {
      get defaultSession(): Session {
        if (!ready) {
          throw new Error('Session can only be received when app is ready');
        }
        return defaultSession;
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes) => {
        if (ready) {
          throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
        }
        fake.privilegedSchemes.push(...schemes);
        log.push('registerSchemesAsPrivileged');
      },
      handle: (scheme, handler) => {
        if (!ready) {
          throw new Error('protocol.handle can only be used after app is ready');
        }
        fake.protocolHandlers.set(scheme, handler);
        log.push(`protocol.handle:${scheme}`);
      },
    },
    ipcMain: {
      handle: (channel, listener) => {
        fake.ipcRegistrations.push(channel);
        if (fake.ipcHandlers.has(channel)) {
          throw new Error(`Attempted to register a second handler for '${channel}'`);
        }
        fake.ipcHandlers.set(channel, listener);
      },
      removeHandler: (channel) => {
        fake.ipcHandlers.delete(channel);
      },
    },
    dialog: {
      showSaveDialog: (a: BrowserWindow | SaveDialogOptions, b?: SaveDialogOptions) => {
        fake.saveDialogCalls.push({ withWindow: b !== undefined, options: (b ?? a) as SaveDialogOptions });
        return Promise.resolve(fake.saveDialogResult);
      },
      showOpenDialog: (a: BrowserWindow | OpenDialogOptions, b?: OpenDialogOptions) => {
        const withWindow = b !== undefined;
        fake.dialogCalls.push({ withWindow, options: (b ?? a) as OpenDialogOptions });
        return Promise.resolve(fake.dialogResult);
      },
      showErrorBox: () => undefined,
      showMessageBox: (_win: BrowserWindow, options: MessageBoxOptions) => {
        fake.messageBoxes.push(options);
        return Promise.resolve({ response: fake.messageBoxResponse });
      },
    },
    shell: {
      openExternal: (url) => {
        fake.openedExternal.push(url);
        return Promise.resolve();
      },
      showItemInFolder: (fullPath) => {
        fake.shownInFolder.push(fullPath);
      },
    },
    nativeTheme: fake.nativeTheme,
    clipboard: {
      writeText: (text) => {
        fake.clipboardTexts.push(text);
      },
    },
    screen: {
      getAllDisplays: () => fake.displays.map((workArea) => ({ workArea })),
    },
    Menu: {
      buildFromTemplate: (template): MenuInstance => {
        fake.menus.push(template);
        return { items: template };
      },
      setApplicationMenu: () => {
        log.push('setApplicationMenu');
      },
    },
    utilityProcess: {
      fork: (script, args, forkOptions) => {
        const child = new FakeUtilityChild();
        fake.forks.push({ script, args: args ?? [], options: forkOptions, child });
        return child;
      },
    },
  };
  (fake as { surface: ElectronSurface }).surface = surface;
  return fake;
}
