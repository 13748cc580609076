import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportJobStatus } from '../../../shared/api/contract';
import { dispatch } from '../../../shared/api/dispatch';
import type { Result } from '../../../shared/api/result';
import { createHandlers } from '../../../electron/api/handlers';
import { startHttpBridge } from '../../../electron/api/http-bridge';
import type { ProvenanceRecord } from '../../../electron/export/provenance';
import { createHost } from '../../../electron/host';
import { runtimePaths } from '../../../electron/runtime-paths';
import { csvRows, exportSandbox, exportStores, hasSqlite3, sha256, sqlite3Csv } from '../../helpers/export-sqlite-kit';

// The big-table soak cases (parallel bytes, native vs JS, corruption, SIGKILL) are in export-sqlite-soak.test.ts.
const { root, dataDir, cacheDir, out, cli } = exportSandbox('auditlens-export-');
const { small, big, hashes } = exportStores(root);

describe('auditlens export (SQLite)', () => {
  it.skipIf(!hasSqlite3)('gives the same rows as sqlite3 -csv -header for a filtered, sorted, re-ordered view (raw mode)', () => {
    const target = path.join(out, 'view.csv');
    const r = cli(['export', small, '--table', 'events', '--filter', 'status=error', '--filter', 'amount>1', '--sort', 'ts:desc',
      '--columns', 'ts,actor,message,amount,big,id', '--raw', '--out', target]);
    expect(r.status, r.stderr).toBe(0);
    const record = JSON.parse(fs.readFileSync(`${target}.json`, 'utf8')) as ProvenanceRecord;
    const ours = csvRows(fs.readFileSync(target, 'utf8'));
    const theirs = csvRows(sqlite3Csv(small, record.sql, record.params));
    expect(ours.length).toBeGreaterThan(100);
    expect(ours.length).toBe(theirs.length);
    ours.forEach((row, i) => {
      const other = theirs[i] as string[];
      // sqlite3 prints REAL with %.15g ("5.0"), we print the shortest exact form ("5"): compare amount as numbers.
      expect([...row.slice(0, 3), ...row.slice(4)], `row ${i}`).toEqual([...other.slice(0, 3), ...other.slice(4)]);
      expect(i === 0 ? row[3] : Number(row[3]), `row ${i}`).toEqual(i === 0 ? other[3] : Number(other[3]));
    });
  });

  it('writes a provenance record with source hash, view, SQL, params, rows and options', () => {
    const target = path.join(out, 'view.csv');
    const record = JSON.parse(fs.readFileSync(`${target}.json`, 'utf8')) as ProvenanceRecord;
    const rows = csvRows(fs.readFileSync(target, 'utf8')).length - 1;
    expect(record).toMatchObject({
      format: 'auditlens-export-provenance/1',
      file: 'view.csv',
      appVersion: runtimePaths().version,
      source: { kind: 'sqlite', path: small, sha256: hashes.small, bytes: fs.statSync(small).size },
      view: { kind: 'table', table: { schema: null, name: 'events' }, columns: ['ts', 'actor', 'message', 'amount', 'big', 'id'] },
      filters: [{ column: 'status', op: 'eq', value: 'error' }, { column: 'amount', op: 'gt', value: '1' }],
      sort: [{ column: 'ts', desc: true }],
      params: ['error', 1],
      rowCount: rows,
      bytes: fs.statSync(target).size,
      options: { mode: 'raw', bom: false, delimiter: ',', eol: 'LF', time: 'stored' },
    });
    expect(record.sql).toMatch(/^SELECT "ts", "actor", "message", "amount", "big", "id" FROM "events" WHERE/);
    expect(Date.parse(record.createdAt)).toBeGreaterThan(Date.now() - 120_000);
  });

  it('neutralises formulas in safe mode, headers and table names included, and --no-provenance skips the record', () => {
    const target = path.join(out, 'evil.csv');
    const r = cli(['export', small, '--table', '=evil,name', '--out', target, '--no-provenance']);
    expect(r.status, r.stderr).toBe(0);
    expect(fs.readFileSync(target, 'utf8')).toBe("'=cmd,'-2+3\n'=2+2,-5\n");
    expect(fs.existsSync(`${target}.json`)).toBe(false);
    const raw = cli(['export', small, '--table', '=evil,name', '--raw', '--out', '-']);
    expect(raw.stdout.toString('utf8')).toBe('=cmd,-2+3\n=2+2,-5\n');
  });

  it('writes stdout byte for byte like the file, with BOM, semicolons, CRLF and UTC times', () => {
    const args = ['export', small, '--table', 'events', '--columns', 'ts,message,payload', '--bom', '--delimiter', ';', '--crlf', '--time', 'utc'];
    const target = path.join(out, 'opts.csv');
    expect(cli([...args, '--out', target]).status).toBe(0);
    const piped = cli([...args, '--out', '-']);
    const file = fs.readFileSync(target);
    expect(piped.stdout.equals(file)).toBe(true);
    const text = file.toString('utf8');
    expect(text.startsWith('\uFEFFts;message;payload\r\n')).toBe(true);
    expect(text).toContain('2021-02-13T13:34:03.343Z;');
    expect(text).toContain('2022-09-01T06:12:13Z;');
    expect(text).toContain('2025-01-17T17:00:00Z;');
    expect(text).toContain('not a time;');
    expect(text).toContain('\\x0300ff');
  });

  it('gives identical bytes through the app API (export.start) and the CLI, and serves the download', async () => {
    process.env.AUDITLENS_DATA_DIR = dataDir;
    process.env.AUDITLENS_CACHE_DIR = cacheDir;
    const host = createHost({ mode: 'browser' });
    const call = async <T>(name: string, input: unknown): Promise<T> => {
      const r = (await dispatch(host.handlers, name, input, { transport: 'test' })) as Result<T>;
      if (!r.ok) {
        throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
      }
      return r.value;
    };
    const rendererDir = fs.mkdtempSync(path.join(root, 'renderer-'));
    const bridge = await startHttpBridge({ handlers: host.handlers, rendererDir });
    try {
      const { storeId } = await call<{ storeId: string }>('stores.openPath', { path: small });
      const query = {
        table: { schema: null, name: 'events' },
        columns: ['message', 'ts', 'status', 'amount'],
        filters: [{ column: 'status', op: 'eq', value: 'error' }],
        sort: [{ column: 'ts', desc: true }],
      };
      const options = { safe: true, bom: true, delimiter: ';', eol: '\r\n', time: 'utc', provenance: true };
      const { jobId } = await call<{ jobId: string }>('export.start', { storeId, query, options, target: '../../evil/name.csv' });
      const status = await poll(call, jobId);
      expect(status).toMatchObject({ state: 'done', error: null, download: `/download/${jobId}` });
      expect(path.basename(status.path ?? '')).toBe('name.csv');
      expect(status.path?.startsWith(path.join(cacheDir, 'exports', jobId))).toBe(true);

      const target = path.join(out, 'api-twin.csv');
      const r = cli(['export', small, '--table', 'events', '--columns', 'message,ts,status,amount', '--filter', 'status=error', '--sort', 'ts:desc',
        '--bom', '--delimiter', ';', '--crlf', '--time', 'utc', '--safe', '--out', target]);
      expect(r.status, r.stderr).toBe(0);
      const viaApi = fs.readFileSync(status.path as string);
      expect(viaApi.equals(fs.readFileSync(target))).toBe(true);
      expect(status.rows).toBe(csvRows(viaApi.toString('utf8'), ';').length - 1);

      const base = `http://127.0.0.1:${bridge.port}`;
      const auth = { 'x-auditlens-token': bridge.token };
      const ok = await fetch(`${base}/download/${jobId}`, { headers: auth });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-disposition')).toBe(`attachment; filename="name.csv"; filename*=UTF-8''name.csv`);
      expect(Buffer.from(await ok.arrayBuffer()).equals(viaApi)).toBe(true);
      const record = await (await fetch(`${base}/download/${jobId}?part=provenance`, { headers: auth })).json() as ProvenanceRecord;
      expect(record.rowCount).toBe(status.rows);
      expect((await fetch(`${base}/download/${jobId}`)).status).toBe(401);
      // The token is no longer read from the query: a link carrying it would sit in the history.
      expect((await fetch(`${base}/download/${jobId}?token=${bridge.token}`)).status).toBe(401);
      expect((await fetch(`${base}/download/${jobId}`, { headers: { 'x-auditlens-token': `x${bridge.token.slice(1)}` } })).status).toBe(401);
      expect((await fetch(`${base}/download/${crypto.randomUUID()}`, { headers: auth })).status).toBe(404);
      expect((await fetch(`${base}/download/..%2F..%2Fetc%2Fpasswd`, { headers: auth })).status).toBe(404);

      // Electron: main's save dialog picks the file (the renderer only suggests a name); cancel = no job.
      const suggested: string[] = [];
      const picked = path.join(out, 'picked.csv');
      let answer: string | null = null;
      const electron = createHandlers({ ...host.services, pickSaveFile: async (name) => { suggested.push(name); return answer; } });
      const viaDialog = async (): Promise<Result<{ jobId: string | null }>> =>
        (await dispatch(electron, 'export.start', { storeId, query, options }, { transport: 'ipc' })) as Result<{ jobId: string | null }>;
      expect(await viaDialog()).toEqual({ ok: true, value: { jobId: null } });
      answer = picked;
      const chosen = await viaDialog();
      const chosenId = chosen.ok ? chosen.value.jobId : null;
      const done = await poll(async <T>(name: string, input: unknown) => {
        const r = (await dispatch(electron, name, input, { transport: 'ipc' })) as Result<T>;
        if (!r.ok) {throw new Error(r.error.message);}
        return r.value;
      }, chosenId as string);
      expect(suggested).toEqual(['events.csv', 'events.csv']);
      expect(done).toMatchObject({ state: 'done', path: picked, download: null });
      expect(fs.readFileSync(picked).equals(viaApi)).toBe(true);
      answer = small;
      expect(await viaDialog()).toMatchObject({ ok: false, error: { code: 'bad-input' } });

      // Cancel a big export: the job ends 'cancelled' and its folder is gone.
      const bigStore = await call<{ storeId: string }>('stores.openPath', { path: big });
      const started = await call<{ jobId: string }>('export.start', { storeId: bigStore.storeId, query: { table: { schema: null, name: 'audit' } } });
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(await call<boolean>('export.cancel', { jobId: started.jobId })).toBe(true);
      const cancelled = await poll(call, started.jobId);
      expect(cancelled.state).toBe('cancelled');
      expect(cancelled.error?.code).toBe('cancelled');
      expect(fs.existsSync(path.join(cacheDir, 'exports', started.jobId))).toBe(false);
      expect((await fetch(`${base}/download/${started.jobId}`, { headers: auth })).status).toBe(404);
    } finally {
      await bridge.close();
      await host.services.stores.closeAll();
    }
  }, 60_000);

  it('refuses to write over the store or its side files', () => {
    for (const name of [small, `${small}-wal`, `${small}-journal`]) {
      const r = cli(['export', small, '--table', 'events', '--out', name]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/overwrite the store/);
    }
  });

  it('left every source file unchanged (SHA-256)', () => {
    expect(sha256(small)).toBe(hashes.small);
    expect(sha256(big)).toBe(hashes.big);
  });
});

async function poll(call: <T>(name: string, input: unknown) => Promise<T>, jobId: string): Promise<ExportJobStatus> {
  for (;;) {
    const s = await call<ExportJobStatus>('export.progress', { jobId });
    if (s.state !== 'running') {
      return s;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
