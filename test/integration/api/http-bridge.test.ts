import Database from 'better-sqlite3';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/api/handlers';
import type { HttpBridge } from '../../../electron/api/http-bridge';
import { startHttpBridge } from '../../../electron/api/http-bridge';
import { resolveStatic } from '../../../electron/serving/static-files';
import { sha256, tempDir } from '../../helpers/files';
import { testServices } from '../../helpers/services';
import type { CallName, CallResult } from '../../../shared/api/contract';
import type { ApiError, Result } from '../../../shared/api/result';

const { dir, cleanup } = tempDir();
const renderer = path.join(dir, 'renderer');
const store = path.join(dir, 'store.db');
let bridge: HttpBridge;
let storeHash: string;

/** A raw HTTP request, so tests can forge Host and Origin headers the way an attacker's page would. */
function request(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: bridge.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers, setHost: !opts.headers?.host }, (res) => {
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

/** An API reply read as the contract's result of that call. */
function reply<K extends CallName>(_name: K, body: string): Result<CallResult<K>> {
  return JSON.parse(body) as Result<CallResult<K>>;
}

/** The value of a successful reply; a failed one fails the test with its error. */
function valueOf<T>(r: Result<T>): T {
  if (!r.ok) {
    throw new Error(`${r.error.code}: ${r.error.message}`);
  }
  return r.value;
}

/** The error of a failed reply; a successful one fails the test. */
function errorOf<T>(r: Result<T>): ApiError {
  if (r.ok) {
    throw new Error('expected the call to fail');
  }
  return r.error;
}

function api(name: string, input: unknown, headers: Record<string, string> = {}) {
  return request({ method: 'POST', path: `/api/${name}`, headers: { 'content-type': 'application/json', 'x-auditlens-token': bridge.token, ...headers }, body: JSON.stringify(input) });
}

beforeAll(async () => {
  fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Auditlens</title>');
  fs.writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'secret');
  fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(renderer, 'assets', 'link.txt'));
  const db = new Database(store);
  db.exec("CREATE TABLE dbt_audit_summary (invocation_id TEXT, status TEXT); INSERT INTO dbt_audit_summary VALUES ('a','failed'),('b','completed'),('c','failed')");
  db.close();
  storeHash = sha256(store);
  const handlers = createHandlers(testServices(dir, store));
  bridge = await startHttpBridge({ handlers, rendererDir: renderer, port: 0 });
});

afterAll(async () => {
  await bridge.close();
  expect(sha256(store)).toBe(storeHash);
  cleanup();
});

describe('loopback HTTP bridge', () => {
  it('binds 127.0.0.1 and prints a URL carrying the token in the fragment', () => {
    expect(bridge.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${bridge.port}/#token=`));
    expect(bridge.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the renderer with the CSP and no-sniff headers', async () => {
    const r = await request({ path: '/' });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>Auditlens</title>');
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/assets/link.txt', '/index.html%00.js', '/assets\\..\\..\\secret.txt'])(
    'refuses %s',
    async (p) => {
      const r = await request({ path: p });
      expect(r.status).toBe(404);
      expect(r.body).not.toContain('secret');
    },
  );

  it('resolveStatic keeps every path inside the root', () => {
    expect(resolveStatic(fs.realpathSync(renderer), '/assets/app.js')).toMatch(/assets\/app\.js$/);
    expect(resolveStatic(fs.realpathSync(renderer), '/../secret.txt')).toBeNull();
  });

  it('answers API calls only with the token', async () => {
    const ok = await api('app.info', {});
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { version: 'test', mode: 'browser', canPickFiles: false } });
    const none = await api('app.info', {}, { 'x-auditlens-token': '' });
    expect(none.status).toBe(401);
    const wrong = await api('app.info', {}, { 'x-auditlens-token': 'x'.repeat(bridge.token.length) });
    expect(wrong.status).toBe(401);
    expect(errorOf(reply('app.info', wrong.body)).code).toBe('unauthorized');
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin (another page)', async () => {
    expect((await api('app.info', {}, { host: `evil.example:${bridge.port}` })).status).toBe(421);
    expect((await request({ path: '/', headers: { host: `attacker.test:${bridge.port}` } })).status).toBe(421);
    expect((await api('app.info', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('app.info', {}, { origin: `http://127.0.0.1:${bridge.port}` })).status).toBe(200);
  });

  it('validates inputs and names calls that do not exist', async () => {
    expect(errorOf(reply('app.info', (await api('stores.nope', {})).body))).toMatchObject({ code: 'bad-input' });
    expect(errorOf(reply('table.page', (await api('table.page', { storeId: 'x', startRow: -1 })).body)).code).toBe('bad-input');
    expect((await request({ method: 'POST', path: '/api/app.info', headers: { 'x-auditlens-token': bridge.token }, body: '{nope' })).status).toBe(400);
    expect((await request({ method: 'GET', path: '/api/app.info', headers: { 'x-auditlens-token': bridge.token } })).status).toBe(405);
  });

  it('runs the explorer flow through the contract: open, catalog, filtered page, count, row', async () => {
    const opened = reply('stores.openPath', (await api('stores.openPath', { path: store })).body);
    expect(opened.ok).toBe(true);
    const storeId = valueOf(opened).storeId;
    const query = { table: { schema: null, name: 'dbt_audit_summary' }, filters: [{ column: 'status', op: 'eq', value: 'failed' }], sort: [{ column: 'invocation_id', desc: true }] };
    const page = valueOf(reply('table.page', (await api('table.page', { storeId, query, startRow: 0, endRow: 100 })).body));
    expect(page.rows).toEqual([['c', 'failed'], ['a', 'failed']]);
    expect(page.lastRow).toBe(2);
    const count = valueOf(reply('table.count', (await api('table.count', { storeId, query })).body));
    expect(count).toEqual({ value: 2, exact: true });
    const row = valueOf(reply('table.row', (await api('table.row', { storeId, table: query.table, key: page.keys[0] })).body));
    expect(row.row).toEqual(['c', 'failed']);
    const bad = reply('table.page', (await api('table.page', { storeId, query: { ...query, filters: [{ column: 'nope', op: 'eq', value: 1 }] }, startRow: 0, endRow: 10 })).body);
    expect(errorOf(bad)).toEqual({ code: 'unknown-column', message: 'The table dbt_audit_summary has no column named "nope".' });
    const recent = valueOf(reply('stores.recent', (await api('stores.recent', {})).body));
    expect(recent[0]?.location).toBe(store);
  });

  it('reports a bad file where the user typed it', async () => {
    fs.writeFileSync(path.join(dir, 'bad.db'), 'not sqlite at all, just text');
    const r = reply('stores.openPath', (await api('stores.openPath', { path: path.join(dir, 'bad.db') })).body);
    expect(r).toEqual({ ok: false, error: { code: 'not-a-database', message: `${path.join(dir, 'bad.db')} is not a SQLite database: it does not start with the SQLite header.` } });
  });
});
