/**
 * The SQL console on a JSON store: statements run on its SQLite cache the same read-only way,
 * the rows equal the cache's, writes are refused with SQLite's sentence, and neither the JSON
 * files nor the cache change.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditlensError } from '../../../shared/api/result';
import { JsonSource } from '../../../electron/sources/json/json-source';
import { sha256, tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const { dir, cleanup } = tempDir('auditlens-json-console-');
const root = path.join(dir, 'audits');
afterAll(cleanup);

/** One audit file as ddeutil-workflow's LocalFileAudit writes it. */
function writeAudit(runId: string, status: string, second: number): string {
  const release = `2024-01-02 03:04:${String(second).padStart(2, '0')}`;
  const file = path.join(root, 'workflow=wf', `release=2024010203040${second}`, `${runId}.log`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({
    name: 'wf', release, type: 'normal', context: { status, jobs: {} }, run_id: runId, parent_run_id: runId,
    runs_metadata: { exec_start: `${release}.000001+00:00`, exec_end: `${release}.500000+00:00` },
  }, null, 2));
  return file;
}

describe('SQL console on a JSON store', () => {
  it('runs on the cache read-only and changes no file', async () => {
    const files = [writeAudit('r1', 'SUCCESS', 1), writeAudit('r2', 'FAILED', 2), writeAudit('r3', 'SUCCESS', 3)];
    const hashes = files.map(sha256);
    const source = await JsonSource.open(root, { ...sqliteDeps, cacheDir: path.join(dir, 'cache') });
    try {
      const table = (await source.catalog()).tables[0];
      expect(table).toBeDefined();
      const name = table?.name ?? '';
      const cacheHash = sha256(source.cacheFile);
      const sql = `SELECT count(*) AS n FROM "${name}"`;
      const db = new Database(source.cacheFile, { readonly: true });
      const truth = db.prepare(sql).raw(true).all();
      db.close();
      const r = await source.consoleQuery({ sql, startRow: 0, limit: 10, timeoutMs: 10_000 });
      expect(r.rows).toEqual(truth);
      expect(Number(r.rows[0]?.[0])).toBeGreaterThan(0);
      await expect(source.consoleQuery({ sql: `DELETE FROM "${name}"`, startRow: 0, limit: 10, timeoutMs: 10_000 }))
        .rejects.toThrow(AuditlensError);
      await expect(source.consoleQuery({ sql: `DELETE FROM "${name}"`, startRow: 0, limit: 10, timeoutMs: 10_000 }))
        .rejects.toMatchObject({ message: expect.stringMatching(/would change the store/) as unknown });
      expect(sha256(source.cacheFile)).toBe(cacheHash);
    } finally {
      await source.close();
    }
    expect(files.map(sha256)).toEqual(hashes);
  });
});
