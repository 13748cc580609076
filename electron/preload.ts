/**
 * The preload of the main window: the only module that touches `ipcRenderer`.
 *
 * It runs sandboxed and context-isolated, and exposes exactly one function, `invoke(name, input)`,
 * as `window.auditlens`. The page never sees `ipcRenderer`, an IPC event or a sender: only the
 * Result the main process returned. Bundled by esbuild into `dist/electron/preload.js`, whose only
 * `require` is `electron` (a sandboxed preload can load nothing else).
 */
import type { Result } from '../shared/api/result';
import type { IpcRenderer, PreloadSurface } from './shell/electron-surface';

/** What `window.auditlens` offers the renderer (renderer/app/api-types.ts declares the same shape). */
interface AuditlensBridge {
  invoke(name: string, input: unknown): Promise<Result<unknown>>;
}

// Mirrors IPC_CHANNEL_PREFIX in electron/api/ipc-transport.ts; importing it would pull main-only
// code into the preload bundle. The preload test checks the two agree.
const CHANNEL_PREFIX = 'auditlens:';
// Contract names look like `stores.openDemo`; the main process has the authoritative list.
const CALL_NAME = /^[a-z]+(?:\.[A-Za-z]+)+$/;

/** Builds the bridge over `ipcRenderer`; only the Result crosses back, never the IPC event. */
function createBridge(ipc: IpcRenderer): AuditlensBridge {
  return {
    invoke(name: string, input: unknown): Promise<Result<unknown>> {
      if (typeof name !== 'string' || name.length > 64 || !CALL_NAME.test(name)) {
        return Promise.resolve(failure('bad-input', 'That is not an Auditlens call.'));
      }
      return ipc.invoke(`${CHANNEL_PREFIX}${name}`, input).then(
        (value) => value as Result<unknown>,
        () => failure('io', `Auditlens could not reach its main process for ${name}.`),
      );
    },
  };
}

function failure(code: 'bad-input' | 'io', message: string): Result<unknown> {
  return { ok: false, error: { code, message } };
}

/** Exposes the bridge as `window.auditlens`, and nothing else. */
function exposeBridge(electron: PreloadSurface): void {
  electron.contextBridge.exposeInMainWorld('auditlens', createBridge(electron.ipcRenderer));
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the preload's single import point of Electron
exposeBridge(require('electron') as PreloadSurface);
