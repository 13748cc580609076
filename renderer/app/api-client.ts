/**
 * The only place in the renderer that performs contract calls.
 *
 * Two transports behind one typed `call`: the Electron preload's `window.auditlens.invoke`, and
 * in browser mode a POST to the loopback server with the per-launch token (or, after a reload,
 * the session cookie the server set in answer to it). Every answer is
 * reshaped into a `Result`, and transport failures become `io` errors, so callers never catch.
 */
import type { AppEvent } from '../../shared/api/app-events';
import { isAppEvent } from '../../shared/api/app-events';
import type { CallArgs, CallName, CallResult, StoreSummary } from '../../shared/api/contract';
import type { Result } from '../../shared/api/result';
import { err } from '../../shared/api/result';
import type { AuditlensBridge } from './api-types';
import { tokenFromHash } from './auth-token';
import { ioError, toResult, unreachable } from './result-shape';

declare global {
  interface Window {
    /** Present only inside Electron, set by the preload through contextBridge. */
    readonly auditlens?: AuditlensBridge;
  }
}

/** Kept in memory only: never written to storage, and removed from the visible URL at start-up. */
let token: string | null = null;

/** Takes the browser-mode token out of `location.hash` once, before the app renders. */
export function captureToken(): void {
  const { token: found, rest } = tokenFromHash(window.location.hash);
  if (found === null) {
    return;
  }
  token = found;
  // Out of the address bar, history and any screenshot of it.
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${rest}`);
}

/** True inside Electron (the preload bridge is there); false in browser mode. */
export function hasBridge(): boolean {
  return window.auditlens !== undefined;
}

/**
 * A one-time link to a finished browser-mode export (`status.download` is `/download/<jobId>`),
 * asked of the server just before the browser follows it, so no link in the history carries the
 * token or works twice; `part: 'provenance'` is the `x.csv.json` beside the CSV.
 */
export async function downloadHref(download: string, part?: 'provenance'): Promise<Result<string>> {
  const jobId = download.slice(download.lastIndexOf('/') + 1);
  try {
    const response = await fetch('/download-ticket', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-auditlens-token': token ?? '' },
      body: JSON.stringify({ jobId, part: part ?? 'csv' }),
      cache: 'no-store',
      credentials: 'same-origin',
    });
    const body = toResult(await response.json());
    if (!body.ok) {
      return body;
    }
    const href = typeof body.value === 'object' && body.value !== null && 'href' in body.value ? body.value.href : null;
    return typeof href === 'string' ? { ok: true, value: href } : ioError('Auditlens answered the download without a link.');
  } catch (e) {
    return unreachable(e);
  }
}

/** Calls the contract by name; resolves to a Result and never rejects. */
export async function call<K extends CallName>(name: K, input: CallArgs<K>): Promise<Result<CallResult<K>>> {
  const bridge = window.auditlens;
  const raw = bridge ? await viaBridge(bridge, name, input) : await viaHttp(name, input);
  // The value's type is the contract's promise about the other side, which we also wrote.
  return raw as Result<CallResult<K>>;
}

/** Listens to the main process's events (Electron); browser mode has none. Returns the unsubscribe function. */
export function onAppEvent(listener: (event: AppEvent) => void): () => void {
  const bridge = window.auditlens;
  if (!bridge?.onEvent) {
    return () => undefined;
  }
  // Checked here too: the page acts only on events of the shape the contract describes.
  return bridge.onEvent((event) => {
    if (isAppEvent(event)) {
      listener(event);
    }
  });
}

/**
 * Opens a file or folder dropped on the window. Electron's preload finds where it is on disk;
 * a browser never tells a page that, so browser mode answers with the sentence to show instead.
 */
export async function openDroppedFile(file: File, requestId: string): Promise<Result<StoreSummary>> {
  const bridge = window.auditlens;
  if (!bridge?.openDroppedFile) {
    return err('unsupported', 'In browser mode a dropped file comes without its location on disk; type its path in the “Open a file” field instead.');
  }
  try {
    return toResult(await bridge.openDroppedFile(file, requestId)) as Result<StoreSummary>;
  } catch (e) {
    return unreachable(e);
  }
}

async function viaBridge(bridge: AuditlensBridge, name: string, input: unknown): Promise<Result<unknown>> {
  try {
    return toResult(await bridge.invoke(name, input));
  } catch (e) {
    return unreachable(e);
  }
}

async function viaHttp(name: string, input: unknown): Promise<Result<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-auditlens-token': token ?? '' },
      body: JSON.stringify(input),
      cache: 'no-store',
      // The session cookie: after a reload the token is gone from the address, the cookie is not.
      credentials: 'same-origin',
    });
  } catch (e) {
    return unreachable(e);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return ioError(`Auditlens answered ${name} with HTTP ${response.status} and no result.`);
  }
  return toResult(body);
}
