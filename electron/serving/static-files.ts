/**
 * The built renderer's files as both transports serve them: the `app://` protocol of the
 * Electron window (shell/app-protocol.ts) and the loopback bridge of browser mode
 * (api/http-bridge.ts). One path check and one table of content types for both.
 */
import fs from 'node:fs';
import path from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** The Content-Type of a renderer file, by its extension; unknown ones are plain bytes. */
export function contentTypeOf(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Maps a URL path to a file inside `root`, refusing traversal, NULs and anything outside it. */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) {
    return null;
  }
  const rel = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const candidate = path.resolve(root, rel);
  if (candidate !== root && !candidate.startsWith(root + path.sep)) {
    return null;
  }
  try {
    const real = fs.realpathSync(candidate);
    if (!real.startsWith(root + path.sep) || !fs.statSync(real).isFile()) {
      return null;
    }
    return real;
  } catch {
    return null;
  }
}
