/**
 * The preload of the main window: the only module that touches `ipcRenderer`.
 *
 * It runs sandboxed and context-isolated and exposes `window.auditlens` with three functions:
 *  - `invoke(name, input)`: a contract call; only the Result the main process returned comes back;
 *  - `onEvent(listener)`: main's typed events (shared/api/app-events.ts), payload only, never the
 *    IPC event or its sender; events that arrive before the page listens are kept until it does;
 *  - `openDroppedFile(file, requestId)`: opens a File dropped on the page, by the path Electron's
 *    `webUtils.getPathForFile` gives for it, so the page never names a path itself.
 * Bundled by esbuild into `dist/electron/preload.js`, whose only `require` is `electron` (a
 * sandboxed preload can load nothing else).
 */
import { APP_EVENT_CHANNEL, PRELOAD_ONLY_CALLS } from '../shared/api/app-events';
import type { Result } from '../shared/api/result';
import type { IpcRenderer, PreloadSurface, WebUtils } from './shell/electron-surface';

/** What `window.auditlens` offers the renderer (renderer/app/api-types.ts declares the same shape). */
interface AuditlensBridge {
  invoke(name: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: unknown) => void): () => void;
  openDroppedFile(file: unknown, requestId?: string): Promise<Result<unknown>>;
}

// Mirrors IPC_CHANNEL_PREFIX in electron/api/ipc-transport.ts; importing it would pull main-only
// code into the preload bundle. The preload test checks the two agree.
const CHANNEL_PREFIX = 'auditlens:';
// Contract names look like `stores.openDemo`; the main process has the authoritative list.
const CALL_NAME = /^[a-z]+(?:\.[A-Za-z]+)+$/;
/** Events kept for a page that has not subscribed yet (a file handed over at launch). */
const MAX_EARLY_EVENTS = 32;

/** Builds the bridge over `ipcRenderer`; only the Result crosses back, never the IPC event. */
function createBridge(ipc: IpcRenderer, webUtils: WebUtils): AuditlensBridge {
  const send = (name: string, input: unknown): Promise<Result<unknown>> =>
    ipc.invoke(`${CHANNEL_PREFIX}${name}`, input).then(
      (value) => value as Result<unknown>,
      () => failure('io', `Auditlens could not reach its main process for ${name}.`),
    );

  const listeners = new Set<(event: unknown) => void>();
  const early: unknown[] = [];
  ipc.on(APP_EVENT_CHANNEL, (_event, payload) => {
    if (listeners.size === 0) {
      early.push(payload);
      early.splice(0, early.length - MAX_EARLY_EVENTS);
    }
    for (const listener of listeners) {
      listener(payload);
    }
  });

  return {
    invoke(name: string, input: unknown): Promise<Result<unknown>> {
      if (typeof name !== 'string' || name.length > 64 || !CALL_NAME.test(name) || PRELOAD_ONLY_CALLS.includes(name)) {
        return Promise.resolve(failure('bad-input', 'That is not an Auditlens call.'));
      }
      return send(name, input);
    },
    onEvent(listener: (event: unknown) => void): () => void {
      if (typeof listener !== 'function') {
        return () => undefined;
      }
      listeners.add(listener);
      for (const payload of early.splice(0)) {
        listener(payload);
      }
      return () => {
        listeners.delete(listener);
      };
    },
    openDroppedFile(file: unknown, requestId?: string): Promise<Result<unknown>> {
      let path = '';
      try {
        // Throws for anything that is not a File; '' for a File not backed by one on disk.
        path = webUtils.getPathForFile(file);
      } catch {
        path = '';
      }
      if (typeof path !== 'string' || path === '') {
        return Promise.resolve(failure('bad-input', 'That drop did not come with a file from disk.'));
      }
      return send('stores.openDropped', typeof requestId === 'string' ? { path, requestId } : { path });
    },
  };
}

function failure(code: 'bad-input' | 'io', message: string): Result<unknown> {
  return { ok: false, error: { code, message } };
}

/** Exposes the bridge as `window.auditlens`, and nothing else. */
function exposeBridge(electron: PreloadSurface): void {
  electron.contextBridge.exposeInMainWorld('auditlens', createBridge(electron.ipcRenderer, electron.webUtils));
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the preload's single import point of Electron
exposeBridge(require('electron') as PreloadSurface);
