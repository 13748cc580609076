/**
 * The `app://auditlens/` scheme that serves the built renderer.
 *
 * A custom standard scheme gives the UI a real origin (so CSP `'self'`, navigation checks and the
 * IPC sender check have something exact to compare) without `file://`, whose extra privileges the
 * `grantFileProtocolExtraPrivileges` fuse turns off in release builds.
 */
import fs from 'node:fs';
import { CONTENT_SECURITY_POLICY } from '../serving/csp';
import { contentTypeOf, resolveStatic } from '../serving/static-files';
import type { ElectronSurface, ProtocolRequest } from './electron-surface';

/** The scheme the renderer is served from. */
export const APP_SCHEME = 'app';
/** The one host of that scheme. */
export const APP_HOST = 'auditlens';
/** The renderer's origin, as Chromium computes it for a standard scheme. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the main window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True when `url` parses to exactly the app origin (no look-alike host, port or userinfo). */
export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string') {
    return false;
  }
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  // `host` includes any port, so `app://auditlens:1` fails too; `startsWith` would be fooled by
  // `app://auditlens.evil.com`, which is why we compare parsed parts.
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/** Registers `app:` as a standard, secure scheme; Electron requires this before `ready`. */
export function registerAppScheme(surface: Pick<ElectronSurface, 'protocol'>): void {
  // No corsEnabled (it would let other origins read our files), no bypassCSP, no service workers:
  // the renderer only loads its own same-origin files and talks to main through IPC.
  surface.protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
}

/** Serves files under `rendererDir` on `app://auditlens/`; must be called after `ready`. */
export function handleAppProtocol(surface: Pick<ElectronSurface, 'protocol'>, rendererDir: string): void {
  surface.protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request));
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

/** Answers one `app:` request: a file under the renderer folder, or 404 for anything else. */
export async function serveAppRequest(rendererDir: string, request: ProtocolRequest): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return plain(405, 'Method not allowed');
  }
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return plain(404, 'Not found');
  }
  const root = realRoot(rendererDir);
  if (url.host !== APP_HOST || root === null) {
    return plain(404, 'Not found');
  }
  // resolveStatic decodes once, refuses NULs and backslashes, and re-checks the real path so a
  // symlink cannot lead out of the renderer folder.
  const file = resolveStatic(root, url.pathname);
  if (file === null) {
    return plain(404, 'Not found');
  }
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = new Uint8Array(await fs.promises.readFile(file));
  } catch {
    return plain(404, 'Not found');
  }
  return new Response(request.method === 'HEAD' ? null : body, {
    status: 200,
    headers: {
      ...SECURITY_HEADERS,
      'content-type': contentTypeOf(file),
      'cache-control': 'no-cache',
    },
  });
}

function realRoot(rendererDir: string): string | null {
  try {
    return fs.realpathSync(rendererDir);
  } catch {
    // Not built yet: every request is a 404 rather than a crash of the main process.
    return null;
  }
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' } });
}
