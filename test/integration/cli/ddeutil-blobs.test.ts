/**
 * The ddeutil `audits` table browsed and exported as a table: LocalSQLiteAudit (ddeutils/ddeutil-workflow
 * @ 7c3d852d audits.py) stores `context` and `metadata` as `zlib.compress(json.dumps(...).encode())`.
 * The grid and a safe export show the JSON text; a raw export keeps the stored bytes.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { planFor } from '../../../electron/api/handlers';
import { SqliteSource } from '../../../electron/sources/sqlite/sqlite-source';
import { tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const { dir, cleanup } = tempDir();
afterAll(cleanup);

const CONTEXT = { status: 'SUCCESS', params: { 'asat-dt': '2025-08-07 00:00:00' }, jobs: { extract: { status: 'SUCCESS', stages: {} } } };
const META = { timeout: 600, exec_start: '2025-08-07 23:00:00.000001+00:00', exec_end: '2025-08-07 23:00:01.000000+00:00', exec_latency: 1.0 };

function store(): string {
  const file = path.join(dir, 'audits.db');
  const db = new Database(file);
  db.exec(`CREATE TABLE audits (workflow TEXT NOT NULL, release TEXT NOT NULL, type TEXT NOT NULL, context BLOB NOT NULL, parent_run_id TEXT, run_id TEXT NOT NULL,
    metadata BLOB NOT NULL, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (workflow, release))`);
  db.prepare('INSERT INTO audits (workflow, release, type, context, parent_run_id, run_id, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run('wf-etl', '2025-08-07T23:00:00+00:00', 'normal', deflateSync(JSON.stringify(CONTEXT)), null, '20250807230000000001T1', deflateSync(JSON.stringify(META)));
  db.close();
  return file;
}

function exportCsv(file: string, ...extra: string[]): string[] {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'auditlens.js'), 'export', file, '--table', 'audits', '--columns', 'workflow,context,metadata', '--out', '-', ...extra], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, AUDITLENS_DATA_DIR: path.join(dir, 'data') } });
  expect(r.stderr).toBe('');
  return r.stdout.trim().split('\n');
}

describe('the ddeutil audits table as a table', () => {
  const file = store();

  it('shows context and metadata in the grid as the JSON they hold', async () => {
    const s = await SqliteSource.open(file, sqliteDeps);
    try {
      const page = await s.page(await planFor(s, { table: { schema: null, name: 'audits' }, columns: ['workflow', 'context', 'metadata'], filters: [], sort: [] }), 0, 10);
      expect(page.rows).toEqual([['wf-etl', JSON.stringify(CONTEXT), JSON.stringify(META)]]);
      const raw = await s.page(await planFor(s, { table: { schema: null, name: 'audits' }, columns: ['context'], filters: [], sort: [] }, true), 0, 10);
      expect(raw.rows[0]?.[0]).toMatchObject({ t: 'blob', hex: expect.stringMatching(/^789c/) as unknown });
    } finally {
      await s.close();
    }
  });

  it('exports them as JSON text, and as the stored bytes with --raw', () => {
    const safe = exportCsv(file);
    expect(safe.filter((l) => !l.startsWith('#'))).toEqual(['workflow,context,metadata', `wf-etl,"${JSON.stringify(CONTEXT).replaceAll('"', '""')}","${JSON.stringify(META).replaceAll('"', '""')}"`]);
    const raw = exportCsv(file, '--raw').filter((l) => !l.startsWith('#'));
    expect(raw[1]).toMatch(/^wf-etl,\\x789c[0-9a-f]+,\\x789c[0-9a-f]+$/);
  });
});
