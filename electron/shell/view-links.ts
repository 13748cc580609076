/**
 * `auditlens://view?…` links: "Copy Link to This View" turns the window's address into one, and
 * the OS hands one back (macOS open-url; a second launch's argv on Windows and Linux) to open that
 * view. The query is the renderer's view link (renderer/app/view-link), which main only carries:
 * the page decodes it, and in Electron it can open only a store the user opened before (recent)
 * or a saved connection, never a path the link makes up. Only the packaged app registers the
 * scheme with the OS, so a development build never takes over the links of an installed one.
 */
import type { App, BrowserWindow } from './electron-surface';
import { APP_ENTRY_URL, isAppUrl } from './app-protocol';

/** The URL scheme of view links. */
export const LINK_SCHEME = 'auditlens';
/** Every view link starts so; the query is the view. */
export const VIEW_LINK_PREFIX = `${LINK_SCHEME}://view`;
/** Longest link carried (the page refuses longer ones too). */
const MAX_LINK_CHARS = 64_000;

/** The view link of the page the window shows, or null when it is not the app's page. */
export function viewLinkOfPage(pageUrl: string): string | null {
  if (!isAppUrl(pageUrl)) {
    return null;
  }
  return `${VIEW_LINK_PREFIX}${new URL(pageUrl).search}`;
}

/** The app page a view link opens (the entry page with the link's query), or null for anything else. */
export function pageOfViewLink(link: string): string | null {
  if (link.length > MAX_LINK_CHARS) {
    return null;
  }
  let u: URL;
  try {
    u = new URL(link);
  } catch {
    return null;
  }
  const plain = u.username === '' && u.password === '' && u.port === '' && (u.pathname === '' || u.pathname === '/') && u.hash === '';
  return u.protocol === `${LINK_SCHEME}:` && u.hostname === 'view' && plain ? `${APP_ENTRY_URL}${u.search}` : null;
}

/** True for a command-line argument that is a view link (the OS passes it on Windows and Linux). */
export function isLinkArg(arg: string): boolean {
  return arg.slice(0, LINK_SCHEME.length + 1).toLowerCase() === `${LINK_SCHEME}:`;
}

/** Registers `auditlens://` with the OS, in the packaged app only; true when registered. */
export function registerViewLinks(app: Pick<App, 'isPackaged' | 'setAsDefaultProtocolClient'>): boolean {
  return app.isPackaged ? app.setAsDefaultProtocolClient(LINK_SCHEME) : false;
}

/** Copies the view link of the window's page; the link, or null when the page is not the app's. */
export function copyViewLink(clipboard: { writeText(text: string): void }, win: Pick<BrowserWindow, 'webContents'>): string | null {
  const link = viewLinkOfPage(win.webContents.getURL());
  if (link !== null) {
    clipboard.writeText(link);
  }
  return link;
}

/** What opening links needs from main. */
export interface ViewLinkDeps {
  /** The main window, once there is one. */
  readonly window: () => BrowserWindow | null;
  readonly focus: (win: BrowserWindow) => void;
  /** Says what went wrong, in the window's error bar and the log. */
  readonly problem: (message: string) => void;
}

/** Opens view links in the window, keeping one that comes before the window exists for its first load. */
export class ViewLinkOpener {
  private pending: string | null = null;

  public constructor(private readonly deps: ViewLinkDeps) {}

  /** Shows the view a link names: the window loads it (the page restores the view), or will when created. */
  public open(link: string): void {
    const page = pageOfViewLink(link);
    if (page === null) {
      this.deps.problem('Auditlens was asked to open a link it cannot read; a view link starts with auditlens://view?.');
      return;
    }
    const win = this.deps.window();
    if (win === null || win.isDestroyed()) {
      this.pending = page;
      return;
    }
    this.deps.focus(win);
    void win.loadURL(page).catch(() => this.deps.problem('The window could not open the linked view.'));
  }

  /** The page the window loads first: a link that came before it, else the app's entry page. */
  public takeEntry(): string {
    const page = this.pending ?? APP_ENTRY_URL;
    this.pending = null;
    return page;
  }
}
