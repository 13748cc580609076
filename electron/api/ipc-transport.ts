/**
 * The Electron IPC transport of the contract: the only module that touches `ipcMain`, and the
 * only one that sends to a page (`sendAppEvent`, typed by shared/api/app-events.ts).
 *
 * Channel layout: one `ipcMain.handle` per contract call, named `auditlens:<call>`. We chose this
 * over a single `auditlens:invoke` channel carrying `{name, input}` because
 *  - the set of registered channels *is* the allow-list: a test enumerates it against
 *    `CALL_NAMES`, and a channel that is not in the contract simply has no handler;
 *  - the call name is fixed by the channel the handler was registered for, never read from the
 *    message, so a renderer cannot smuggle a different name past logging or per-call checks;
 *  - Electron's own tooling (devtools IPC view, traces) shows which operation ran.
 * The cost is a dozen channels instead of one, which is nothing: `CALL_NAMES` drives
 * registration, so a new contract call needs no change here or in the preload.
 *
 * Every handler checks the sender first (VS Code's frame/origin check plus GitHub Desktop's
 * trusted webContents set), then goes through `dispatch`, which validates input with the
 * contract's schema and turns every failure into a Result, so nothing throws across IPC.
 */
import type { AppEvent } from '../../shared/api/app-events';
import { APP_EVENT_CHANNEL } from '../../shared/api/app-events';
import type { CallName } from '../../shared/api/contract';
import { CALL_NAMES } from '../../shared/api/contract';
import type { Handlers } from '../../shared/api/dispatch';
import { dispatch } from '../../shared/api/dispatch';
import type { Result } from '../../shared/api/result';
import { err } from '../../shared/api/result';
import { isAppUrl } from '../shell/app-protocol';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from '../shell/electron-surface';

/** Prefix of every Auditlens IPC channel; the preload adds it to the call name. */
export const IPC_CHANNEL_PREFIX = 'auditlens:';

/** The channel that carries one contract call. */
export function channelFor(name: CallName): string {
  return `${IPC_CHANNEL_PREFIX}${name}`;
}

// webContents ids of the windows we created (GitHub Desktop's trusted-ipc-sender pattern).
const trusted = new Set<number>();

/** Marks a webContents we created as allowed to call the contract; returns the function that revokes it. */
export function trustWebContents(id: number): () => void {
  trusted.add(id);
  return () => {
    trusted.delete(id);
  };
}

/**
 * True when an IPC message comes from the main frame of one of our windows showing the app
 * origin. No exception for empty or `about:blank` URLs (VS Code allows those; we do not).
 */
export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame === undefined || frame.parent !== null) {
    return false;
  }
  return isAppUrl(frame.url) && trusted.has(event.sender.id);
}

/** Registers one handler per contract call and returns the channel names, in registration order. */
export function registerIpc(surface: { readonly ipcMain: Pick<IpcMain, 'handle'> }, handlers: Handlers): readonly string[] {
  const { ipcMain } = surface;
  const channels: string[] = [];
  for (const name of CALL_NAMES) {
    const channel = channelFor(name);
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, input?: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event)) {
        return Promise.resolve(err('unauthorized', 'This window is not allowed to talk to Auditlens.'));
      }
      return dispatch(handlers, name, input, { transport: 'ipc' });
    });
    channels.push(channel);
  }
  return channels;
}

/** Sends one typed event to a window's page (its preload hands the payload, and only it, to the page). */
export function sendAppEvent(contents: Pick<WebContents, 'send' | 'isDestroyed'>, event: AppEvent): void {
  if (!contents.isDestroyed()) {
    contents.send(APP_EVENT_CHANNEL, event);
  }
}
