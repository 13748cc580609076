import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { ExportJobStatus } from '../../shared/api/contract';
import type { Handlers } from '../../shared/api/dispatch';
import { dispatch } from '../../shared/api/dispatch';
import { err } from '../../shared/api/result';
import { DownloadTickets, cookieValue, fromOwnPage, parseTicketRequest, sameSecret, sessionCookieHeader, sessionCookieName, type DownloadTicket } from '../serving/browser-session';
import { CONTENT_SECURITY_POLICY } from '../serving/csp';
import { contentTypeOf, resolveStatic } from '../serving/static-files';

/** A running loopback server: the renderer and the contract for browser mode. */
export interface HttpBridge {
  readonly port: number;
  /** The URL to open, carrying the per-launch token in the fragment (never sent to the server in logs). */
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

/** How to start the bridge. */
export interface HttpBridgeOptions {
  readonly handlers: Handlers;
  /** The built renderer (index.html and assets). */
  readonly rendererDir: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly token?: string;
}

const MAX_BODY = 1 << 20;
/**
 * Serves the renderer and the contract on 127.0.0.1 only. Every API request needs the per-launch
 * token, or the session cookie an answer to the token set; requests whose Host or Origin is not
 * this server are refused (DNS rebinding, CSRF).
 */
export async function startHttpBridge(options: HttpBridgeOptions): Promise<HttpBridge> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  // A secret of its own, not the token: the cookie jar is not the place for the printed token.
  const sessionSecret = crypto.randomBytes(32).toString('base64url');
  const tickets = new DownloadTickets();
  const root = fs.realpathSync(options.rendererDir);
  let port = 0;

  /** How a request proves it is ours: the token header, or the session cookie from our own page. */
  const authorisedBy = (req: http.IncomingMessage): 'token' | 'cookie' | null => {
    if (sameSecret(String(req.headers['x-auditlens-token'] ?? ''), token)) {
      return 'token';
    }
    const cookie = cookieValue(req.headers.cookie, sessionCookieName(port));
    return sameSecret(cookie, sessionSecret) && fromOwnPage(req.headers['sec-fetch-site']) ? 'cookie' : null;
  };

  const isOurs = (hostPort: string | undefined): boolean =>
    hostPort === `127.0.0.1:${port}` || hostPort === `localhost:${port}`;

  const server = http.createServer((req, res) => {
    // Nothing a request carries may end the process: any throw becomes a 400 (or a dropped socket).
    try {
      route(req, res);
    } catch {
      refuseMalformed(res);
    }
  });
  server.on('clientError', (_e, socket) => {
    // Node's own parser refused the bytes: answer 400 when the socket can still carry it.
    if (socket.writable) {
      socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    } else {
      socket.destroy();
    }
  });

  function route(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.on('error', () => res.destroy());
    const host = req.headers.host;
    if (!isOurs(host)) {
      sendJson(res, 421, err('unauthorized', 'Auditlens answers only requests addressed to 127.0.0.1.'));
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !isOurs(origin.replace(/^http:\/\//, ''))) {
      sendJson(res, 403, err('unauthorized', 'Requests from other web pages are refused.'));
      return;
    }
    const target = parseRequestTarget(req.url);
    if (target === null) {
      refuseMalformed(res);
      return;
    }
    if (target.pathname.startsWith('/api/')) {
      const name = decodePathPart(target.pathname.slice('/api/'.length));
      if (name === null) {
        refuseMalformed(res);
        return;
      }
      handleApi(req, res, name);
    } else if (target.pathname === '/download-ticket') {
      handleTicket(req, res);
    } else if (target.pathname.startsWith('/download/')) {
      handleDownload(req, res, target);
    } else {
      handleStatic(req, res, target.pathname);
    }
  }

  function handleApi(req: http.IncomingMessage, res: http.ServerResponse, name: string): void {
    if (req.method !== 'POST') {
      sendJson(res, 405, err('bad-input', 'API calls are POST requests.'));
      return;
    }
    const by = authorisedBy(req);
    if (by === null) {
      sendJson(res, 401, err('unauthorized', 'This request lacks the Auditlens session token; open the URL Auditlens printed.'));
      return;
    }
    // The token's first answer hands the page the cookie that keeps the session across a reload.
    const session: Record<string, string> = by === 'token' ? { 'set-cookie': sessionCookieHeader(port, sessionSecret) } : {};
    readBody(req).then(
      async (body) => {
        let input: unknown;
        try {
          input = body.length === 0 ? {} : JSON.parse(body);
        } catch {
          sendJson(res, 400, err('bad-input', 'The request body is not JSON.'));
          return;
        }
        sendJson(res, 200, await dispatch(options.handlers, name, input, { transport: 'http' }), session);
      },
      () => sendJson(res, 413, err('bad-input', 'The request is too large.')),
    ).catch(() => refuseMalformed(res));
  }

  /**
   * Mints a one-time download id for a finished job's file (`{ jobId, part }` in the body), so
   * the link the browser follows carries neither the token nor anything reusable.
   */
  function handleTicket(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method !== 'POST') {
      sendJson(res, 405, err('bad-input', 'Download ids are asked for with POST.'));
      return;
    }
    if (authorisedBy(req) === null) {
      sendJson(res, 401, err('unauthorized', 'This request lacks the Auditlens session token; open the URL Auditlens printed.'));
      return;
    }
    readBody(req).then((body) => {
      const asked = parseTicketRequest(body);
      if (asked === null) {
        sendJson(res, 400, err('bad-input', 'A download id is asked for with { "jobId": …, "part": "csv" | "provenance" }.'));
        return;
      }
      sendJson(res, 200, { ok: true, value: { href: `/download/once/${tickets.mint(asked)}` } });
    }, () => sendJson(res, 413, err('bad-input', 'The request is too large.'))).catch(() => refuseMalformed(res));
  }

  /**
   * Streams a finished browser-mode export as an attachment: `/download/once/<id>` by a one-time
   * id (what the renderer's links use), or `/download/<jobId>` with the token header or the
   * session cookie. The token is never read from the query, so no link carries it into history.
   * Only jobs whose file the server wrote into its cache (`status.download`) are served, found
   * through the contract.
   */
  function handleDownload(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, err('bad-input', 'Downloads are GET requests.'));
      return;
    }
    let ticket: DownloadTicket | null;
    if (url.pathname.startsWith('/download/once/')) {
      ticket = tickets.redeem(url.pathname.slice('/download/once/'.length));
      if (ticket === null) {
        sendJson(res, 410, err('not-found', 'This download link was used already or has expired; download the file again from the export dialog.'));
        return;
      }
    } else {
      if (authorisedBy(req) === null) {
        sendJson(res, 401, err('unauthorized', 'This download lacks the Auditlens session token.'));
        return;
      }
      ticket = { jobId: url.pathname.slice('/download/'.length), part: url.searchParams.get('part') === 'provenance' ? 'provenance' : 'csv' };
    }
    const { jobId } = ticket;
    if (!/^[0-9a-f-]{36}$/.test(jobId)) {
      sendJson(res, 404, err('not-found', 'There is no such download.'));
      return;
    }
    dispatch(options.handlers, 'export.progress', { jobId }, { transport: 'http' }).then((r) => {
      const status = r.ok ? (r.value as ExportJobStatus) : null;
      if (!status || status.download !== `/download/${jobId}` || status.path === null) {
        sendJson(res, 404, err('not-found', 'There is no such download.'));
        return;
      }
      if (status.state !== 'done') {
        sendJson(res, 409, err('bad-input', 'The export has not finished.'));
        return;
      }
      const file = ticket.part === 'provenance' ? `${status.path}.json` : status.path;
      let size: number;
      try {
        const stat = fs.lstatSync(file);
        if (!stat.isFile()) {
          throw new Error('not a file');
        }
        size = stat.size;
      } catch {
        sendJson(res, 404, err('not-found', 'The exported file is no longer there.'));
        return;
      }
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': file.endsWith('.json') ? 'application/json' : 'text/csv; charset=utf-8',
        'content-length': String(size),
        'content-disposition': attachmentHeader(path.basename(file)),
        'cache-control': 'no-store',
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
    }).catch(() => refuseMalformed(res));
  }

  function handleStatic(req: http.IncomingMessage, res: http.ServerResponse, urlPath: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...SECURITY_HEADERS, 'content-type': 'text/plain' }).end('Method not allowed');
      return;
    }
    const file = resolveStatic(root, urlPath);
    if (!file) {
      res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': contentTypeOf(file),
      'cache-control': file.endsWith('.html') ? 'no-store' : 'max-age=3600',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
};

/** `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266, RFC 5987). */
export function attachmentHeader(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/**
 * The path and query of a request target, parsed against a fixed base (never the Host header),
 * or null when it is not a plain origin-form path: `//[`, an absolute URL, anything `URL` refuses.
 */
export function parseRequestTarget(raw: string | undefined): URL | null {
  if (raw === undefined || !raw.startsWith('/') || raw.startsWith('//')) {
    return null;
  }
  try {
    const url = new URL(raw, 'http://127.0.0.1');
    return url.host === '127.0.0.1' ? url : null;
  } catch {
    return null;
  }
}

/** A %-decoded path part, or null when its escapes are malformed (`%E0`, `%zz`). */
export function decodePathPart(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** Answers 400 to a request that could not be read, or drops it when an answer was already started. */
function refuseMalformed(res: http.ServerResponse): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  try {
    sendJson(res, 400, err('bad-input', 'The request could not be read (a malformed path, header or body).'));
  } catch {
    res.destroy();
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, extra: Readonly<Record<string, string>> = {}): void {
  if (res.headersSent || res.destroyed) {
    return;
  }
  res.writeHead(status, { ...SECURITY_HEADERS, ...extra, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
