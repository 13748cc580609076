import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IngestProgress } from '../../../electron/ingest/json/ingest';
import { JsonSource } from '../../../electron/sources/json/json-source';
import { sha256, tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const { dir, cleanup } = tempDir('auditlens-ddeutil-');
const root = path.join(dir, 'audits');
const cacheDir = path.join(dir, 'cache');
afterAll(cleanup);

/** Writes an audit the way ddeutil-workflow's LocalFileAudit does (indent=2, str(datetime)). */
function writeAudit(workflow: string, release: string, runId: string, status: string): string {
  const folder = `${release.slice(0, 4)}${release.slice(5, 7)}${release.slice(8, 10)}${release.slice(11, 13)}${release.slice(14, 16)}${release.slice(17, 19)}`;
  const rel = `workflow=${workflow}/release=${folder}/${runId}.log`;
  const doc = {
    name: workflow,
    release,
    type: 'normal',
    context: {
      status,
      params: { 'asat-dt': release },
      jobs: {
        extract: { status: 'SUCCESS', stages: { 'read-api': { outputs: { rows: 10 }, status: 'SUCCESS' } } },
        load: { status, stages: { 'write-db': { outputs: {}, status, ...(status === 'FAILED' ? { errors: { name: 'StageError', message: 'db down' } } : {}) } } },
      },
    },
    run_id: runId,
    parent_run_id: runId,
    runs_metadata: { timeout: 600, exec_start: `${release}.000001+00:00`, exec_end: `${release}.500000+00:00`, exec_latency: 0.5 },
  };
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), JSON.stringify(doc, null, 2));
  return rel;
}

function inputs(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) {walk(full);}
      else {out.set(path.relative(root, full), sha256(full));}
    }
  };
  walk(root);
  return out;
}

async function openAndRead<T>(sql: string, progress?: IngestProgress[]): Promise<{ how: string; file: string; rows: T[] }> {
  const source = await JsonSource.open(root, { ...sqliteDeps, cacheDir, onProgress: (p) => progress?.push(p) });
  try {
    const db = new Database(source.cacheFile, { readonly: true });
    try {
      return { how: source.cache.how, file: source.cacheFile, rows: db.prepare(sql).all() as T[] };
    } finally {
      db.close();
    }
  } finally {
    await source.close();
  }
}

describe('a ddeutil-workflow audit folder', () => {
  const first = [
    writeAudit('wf-daily', '2024-01-01 01:00:00', '20240101010000000001T1354680202', 'SUCCESS'),
    writeAudit('wf-daily', '2024-01-02 01:00:00', '20240102010000000001T1354680202', 'FAILED'),
  ];
  let firstCache = '';

  it('becomes runs, jobs and stages', async () => {
    const progress: IngestProgress[] = [];
    const r = await openAndRead<{ workflow: string; release: string; release_folder: string; status: string; jobs: number; stages: number }>(`
      SELECT workflow, release, release_folder, status,
        (SELECT count(*) FROM ddeutil_jobs j WHERE j.run_id = r.run_id) AS jobs,
        (SELECT count(*) FROM ddeutil_stages s WHERE s.run_id = r.run_id) AS stages
      FROM ddeutil_runs r ORDER BY release`, progress);
    expect(r.how).toBe('built');
    expect(r.rows).toEqual([
      { workflow: 'wf-daily', release: '2024-01-01 01:00:00', release_folder: '20240101010000', status: 'SUCCESS', jobs: 2, stages: 2 },
      { workflow: 'wf-daily', release: '2024-01-02 01:00:00', release_folder: '20240102010000', status: 'FAILED', jobs: 2, stages: 2 },
    ]);
    const last = progress[progress.length - 1];
    expect(last).toMatchObject({ files: 2, filesTotal: 2, records: 2 });
    expect(last?.bytes).toBe(last?.bytesTotal);
    firstCache = r.file;
  });

  it('is reused as is when nothing changed', async () => {
    const r = await openAndRead<{ n: number }>('SELECT count(*) AS n FROM _files');
    expect(r.how).toBe('reused');
    expect(r.file).toBe(firstCache);
    expect(r.rows).toEqual([{ n: 2 }]);
  });

  it('reads only a file added since, as the index table shows', async () => {
    const before = inputs();
    const added = writeAudit('wf-hourly', '2024-01-02 02:00:00', '20240102020000000001T0987654321', 'SUCCESS');
    const r = await openAndRead<{ id: number; path: string; records: number }>('SELECT id, path, records FROM _files ORDER BY id');
    expect(r.how).toBe('extended');
    expect(r.rows).toEqual([
      { id: 1, path: first[0], records: 1 },
      { id: 2, path: first[1], records: 1 },
      { id: 3, path: added, records: 1 },
    ]);
    const runs = await openAndRead<{ workflow: string }>('SELECT workflow FROM ddeutil_runs ORDER BY release');
    expect(runs.how).toBe('reused');
    expect(runs.rows.map((x) => x.workflow)).toEqual(['wf-daily', 'wf-daily', 'wf-hourly']);
    expect(fs.existsSync(firstCache)).toBe(false);
    for (const [rel, hash] of before) {
      expect(inputs().get(rel), rel).toBe(hash);
    }
  });

  it('is rebuilt when a file changed', async () => {
    writeAudit('wf-daily', '2024-01-02 01:00:00', '20240102010000000001T1354680202', 'SUCCESS');
    const r = await openAndRead<{ status: string }>("SELECT status FROM ddeutil_runs WHERE release = '2024-01-02 01:00:00'");
    expect(r.how).toBe('built');
    expect(r.rows).toEqual([{ status: 'SUCCESS' }]);
  });

  it('throws away a damaged cache and builds a new one', async () => {
    const { file } = await openAndRead('SELECT 1');
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(100, 0x41), 0, 100, 0);
    fs.closeSync(fd);
    const r = await openAndRead<{ n: number }>('SELECT count(*) AS n FROM ddeutil_runs');
    expect(r.how).toBe('built');
    expect(r.rows).toEqual([{ n: 3 }]);
  });

  it('never writes into the audit folder and never changes a byte of it', async () => {
    const before = inputs();
    await openAndRead('SELECT 1');
    expect(inputs()).toEqual(before);
    expect([...before.keys()].every((k) => k.endsWith('.log'))).toBe(true);
  });

  it.each(['before it starts', 'while reading', 'while indexing'])('can be cancelled %s, leaving no cache and no temporary file behind', async (when) => {
    fs.rmSync(cacheDir, { recursive: true, force: true });
    const controller = new AbortController();
    if (when === 'before it starts') {
      controller.abort();
    }
    const phases: string[] = [];
    const opening = JsonSource.open(root, {
      ...sqliteDeps,
      cacheDir,
      signal: controller.signal,
      onProgress: (p) => {
        phases.push(p.phase);
        if ((when === 'while reading' && p.phase === 'reading') || (when === 'while indexing' && p.phase === 'indexing')) {
          controller.abort();
        }
      },
    });
    await expect(opening).rejects.toMatchObject({ code: 'cancelled' });
    expect(fs.readdirSync(path.join(cacheDir, 'json'))).toEqual([]);
    expect(phases.includes('indexing')).toBe(when === 'while indexing');
  });
});
