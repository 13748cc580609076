import Database from 'better-sqlite3';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/api/handlers';
import type { HttpBridge } from '../../../electron/api/http-bridge';
import { startHttpBridge } from '../../../electron/api/http-bridge';
import type { ExportJobStatus } from '../../../shared/api/contract';
import { tempDir } from '../../helpers/files';
import { testServices } from '../../helpers/services';

const { dir, cleanup } = tempDir('auditlens-session-');
const renderer = path.join(dir, 'renderer');
const store = path.join(dir, 'store.db');
let bridge: HttpBridge;

interface Reply { readonly status: number; readonly headers: http.IncomingHttpHeaders; readonly body: string }

/** A raw request, so tests set Cookie, Origin and Sec-Fetch-Site the way a browser (or an attacker's page) would. */
function request(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: bridge.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

function api(name: string, input: unknown, headers: Record<string, string>): Promise<Reply> {
  return request({ method: 'POST', path: `/api/${name}`, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(input) });
}

/** The `name=value` part of the session cookie the server set, as a browser would send it back. */
function cookieOf(reply: Reply): string {
  const set = reply.headers['set-cookie'] ?? [];
  const first = set[0] ?? '';
  return first.split(';')[0] ?? '';
}

function valueOf<T>(reply: Reply): T {
  const r = JSON.parse(reply.body) as { ok: boolean; value?: T; error?: { message: string } };
  if (!r.ok) {
    throw new Error(r.error?.message ?? 'failed');
  }
  return r.value as T;
}

beforeAll(async () => {
  fs.mkdirSync(renderer, { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Auditlens</title>');
  const db = new Database(store);
  db.exec("CREATE TABLE events (id INTEGER PRIMARY KEY, status TEXT); INSERT INTO events (status) VALUES ('ok'),('failed'),('ok')");
  db.close();
  bridge = await startHttpBridge({ handlers: createHandlers(testServices(dir, store)), rendererDir: renderer, port: 0 });
});

afterAll(async () => {
  await bridge.close();
  cleanup();
});

describe('browser mode across a reload: the session cookie', () => {
  it('is set by the first answer to the token: HttpOnly, SameSite=Strict, Path=/, no Domain, a secret other than the token', async () => {
    const first = await api('app.info', {}, { 'x-auditlens-token': bridge.token });
    expect(first.status).toBe(200);
    const set = first.headers['set-cookie']?.[0] ?? '';
    expect(set).toMatch(new RegExp(`^auditlens_session_${bridge.port}=[\\w-]{40,}; `));
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Strict');
    expect(set).toContain('Path=/');
    expect(set).not.toMatch(/Domain=/i);
    expect(set).not.toContain(bridge.token);
  });

  it('lets a reloaded page (no token, the cookie) call the API, as F5 does', async () => {
    const cookie = cookieOf(await api('app.info', {}, { 'x-auditlens-token': bridge.token }));
    const reloaded = await api('app.info', {}, { cookie, 'sec-fetch-site': 'same-origin', origin: `http://127.0.0.1:${bridge.port}` });
    expect(reloaded.status).toBe(200);
    expect(valueOf<{ mode: string }>(reloaded).mode).toBe('browser');
    // The cookie's answers do not set it again: only the token hands it out.
    expect(reloaded.headers['set-cookie']).toBeUndefined();
    // Without token and cookie it stays refused, as before.
    expect((await api('app.info', {}, {})).status).toBe(401);
  });

  it('refuses a wrong cookie, a cookie of another port, and the cookie sent by another origin\'s page', async () => {
    const cookie = cookieOf(await api('app.info', {}, { 'x-auditlens-token': bridge.token }));
    const [name, value] = cookie.split('=') as [string, string];
    expect((await api('app.info', {}, { cookie: `${name}=${value.slice(1)}x` })).status).toBe(401);
    expect((await api('app.info', {}, { cookie: `auditlens_session_${bridge.port + 1}=${value}` })).status).toBe(401);
    // Another port of 127.0.0.1 is the same *site*: the browser would send the cookie, and says so.
    expect((await api('app.info', {}, { cookie, 'sec-fetch-site': 'same-site' })).status).toBe(401);
    expect((await api('app.info', {}, { cookie, 'sec-fetch-site': 'cross-site' })).status).toBe(401);
    // The Host and Origin checks still come first.
    expect((await api('app.info', {}, { cookie, origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await api('app.info', {}, { cookie, host: `evil.example:${bridge.port}` })).status).toBe(421);
  });

  it('belongs to this launch: another server does not take it', async () => {
    const cookie = cookieOf(await api('app.info', {}, { 'x-auditlens-token': bridge.token }));
    const other = await startHttpBridge({ handlers: createHandlers(testServices(dir, store)), rendererDir: renderer, port: 0 });
    try {
      const value = cookie.split('=')[1] ?? '';
      const r = await new Promise<number>((resolve, reject) => {
        http.request({ host: '127.0.0.1', port: other.port, method: 'POST', path: '/api/app.info', headers: { cookie: `auditlens_session_${other.port}=${value}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject).end('{}');
      });
      expect(r).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('downloads without the token in the link', () => {
  async function finishedExport(auth: Record<string, string>): Promise<string> {
    const { storeId } = valueOf<{ storeId: string }>(await api('stores.openPath', { path: store }, auth));
    const query = { table: { schema: null, name: 'events' }, filters: [{ column: 'status', op: 'eq', value: 'ok' }], sort: [] };
    const { jobId } = valueOf<{ jobId: string }>(await api('export.start', { storeId, query, options: { provenance: true } }, auth));
    for (;;) {
      const s = valueOf<ExportJobStatus>(await api('export.progress', { jobId }, auth));
      if (s.state !== 'running') {
        expect(s.state).toBe('done');
        return jobId;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('H13-download-link-no-token: a one-time id serves the file once; the second use is 410; no URL carries the token', async () => {
    const cookie = cookieOf(await api('app.info', {}, { 'x-auditlens-token': bridge.token }));
    const auth = { cookie, 'sec-fetch-site': 'same-origin' };
    const jobId = await finishedExport(auth);
    const minted = await request({ method: 'POST', path: '/download-ticket', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ jobId }) });
    const { href } = valueOf<{ href: string }>(minted);
    expect(href).toMatch(/^\/download\/once\/[\w-]{32}$/);
    expect(href).not.toContain(bridge.token);
    expect(href).not.toContain(jobId);
    // The id alone is enough (a link carries no header), exactly once.
    const first = await request({ path: href });
    expect(first.status).toBe(200);
    expect(first.headers['content-disposition']).toMatch(/^attachment; filename="events\.csv"/);
    expect(first.body.trim().split(/\r?\n/)).toEqual(['id,status', '1,ok', '3,ok']);
    const again = await request({ path: href });
    expect(again.status).toBe(410);
    expect(JSON.parse(again.body)).toMatchObject({ ok: false, error: { message: expect.stringContaining('used already') } });

    // The provenance part gets its own id; a made-up id is refused like a used one.
    const prov = valueOf<{ href: string }>(await request({ method: 'POST', path: '/download-ticket', headers: auth, body: JSON.stringify({ jobId, part: 'provenance' }) }));
    expect(JSON.parse((await request({ path: prov.href })).body)).toMatchObject({ rowCount: 2 });
    expect((await request({ path: `/download/once/${'a'.repeat(32)}` })).status).toBe(410);
    // The token in a query is not read any more: nothing tempts a link to carry it.
    expect((await request({ path: `/download/${jobId}?token=${encodeURIComponent(bridge.token)}` })).status).toBe(401);
  });

  it('mints ids only for an authorised page, with POST and a well-formed body', async () => {
    const body = JSON.stringify({ jobId: '00000000-0000-0000-0000-000000000000' });
    expect((await request({ method: 'POST', path: '/download-ticket', body })).status).toBe(401);
    expect((await request({ method: 'GET', path: '/download-ticket', headers: { 'x-auditlens-token': bridge.token } })).status).toBe(405);
    for (const bad of ['{nope', '[]', '{"jobId":"../../etc/passwd"}', '{"jobId":"00000000-0000-0000-0000-000000000000","part":"x"}']) {
      expect((await request({ method: 'POST', path: '/download-ticket', headers: { 'x-auditlens-token': bridge.token }, body: bad })).status).toBe(400);
    }
    // An id for a job that does not exist mints, but serves nothing.
    const { href } = valueOf<{ href: string }>(await request({ method: 'POST', path: '/download-ticket', headers: { 'x-auditlens-token': bridge.token }, body }));
    expect((await request({ path: href })).status).toBe(404);
  });
});
