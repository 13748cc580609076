import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { safeFileName } from '../../../electron/api/export-handlers';
import { attachmentHeader } from '../../../electron/api/http-bridge';
import { formatDuration, formatProgressLine } from '../../../electron/cli/export-command';
import { isTempName, tempPathFor } from '../../../electron/export/export-file';
import { progressStats } from '../../../electron/export/export-service';
import { buildProvenance, removeStaleProvenance, withoutPassword, writeProvenance } from '../../../electron/export/provenance';
import { openExportJournal, sweepStaleExports } from '../../../electron/export/temp-sweep';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'auditlens-export-unit-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A process id that is certainly not running: a child that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid;
}

describe('progress', () => {
  it('computes rate and time left', () => {
    expect(progressStats(0, 0, 100)).toEqual({ rate: 0, etaMs: null });
    expect(progressStats(500, 1_000, 2_000)).toEqual({ rate: 500, etaMs: 3_000 });
    expect(progressStats(500, 1_000, null)).toEqual({ rate: 500, etaMs: null });
    expect(progressStats(2_500, 1_000, 2_000).etaMs).toBe(0);
  });

  it('prints one terminal line', () => {
    expect(formatProgressLine({ rows: 1_234_567, bytes: 300 * 1_048_576, rate: 612_345.4, etaMs: 65_000, totalRows: 2_000_000, elapsedMs: 2_000 }))
      .toBe('1,234,567 / 2,000,000 rows, 300.0 MiB, 612,345 rows/s, 1:05 left');
    expect(formatProgressLine({ rows: 10, bytes: 0, rate: 0, etaMs: null, totalRows: null, elapsedMs: 0 })).toBe('10 rows, 0.0 MiB, 0 rows/s');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
  });
});

describe('file names', () => {
  it('makes recognisable temporary names beside the target', () => {
    const tmp = tempPathFor('/data/x.csv');
    expect(path.dirname(tmp)).toBe('/data');
    expect(isTempName(tmp)).toBe(true);
    expect(isTempName('/data/x.csv')).toBe(false);
    expect(isTempName('/data/.x.csv.auditlens-tmp-12-zz')).toBe(false);
  });

  it('keeps only a safe base name from a suggested target', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd.csv');
    expect(safeFileName('C:\\Users\\x\\runs.csv')).toBe('runs.csv');
    expect(safeFileName('a<b>:c"d|e?f*g.csv')).toBe('a_b__c_d_e_f_g.csv');
    expect(safeFileName('...')).toBe('export.csv');
    expect(safeFileName('CON')).toBe('export-CON.csv');
    expect(safeFileName('line\nbreak.tsv')).toBe('line_break.tsv');
  });

  it('writes a download header with an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentHeader('runs.csv')).toBe(`attachment; filename="runs.csv"; filename*=UTF-8''runs.csv`);
    expect(attachmentHeader('été "x".csv')).toBe(`attachment; filename="_t_ _x_.csv"; filename*=UTF-8''%C3%A9t%C3%A9%20%22x%22.csv`);
  });
});

describe('provenance', () => {
  const input = {
    csvPath: '/out/x.csv',
    createdAt: new Date('2026-01-02T03:04:05Z'),
    appVersion: '9.9.9',
    source: { kind: 'postgres' as const, location: 'postgres://auditor:s3cret@db.example:5432/audit?sslmode=require&password=x', title: 'audit' },
    fileHash: null,
    query: { table: { schema: 'audit', name: 'runs' }, filters: [], sort: [] },
    columns: ['id'],
    sql: 'SELECT 1',
    params: [12345678901234567890n, 'a', Buffer.from([1, 2])],
    rowCount: 3,
    bytes: 10,
    options: { safe: false, bom: true, delimiter: ';', eol: '\r\n', time: 'local' as const },
  };

  it('records Postgres without any password and bigints as strings', () => {
    const r = buildProvenance(input);
    expect(r.source).toEqual({ kind: 'postgres', url: 'postgres://auditor@db.example:5432/audit?sslmode=require' });
    expect(JSON.stringify(r)).not.toContain('s3cret');
    expect(r.params).toEqual(['12345678901234567890', 'a', '\\x0102']);
    expect(r.options).toEqual({ mode: 'raw', bom: true, delimiter: ';', eol: 'CRLF', time: 'local' });
    expect(withoutPassword('host=db user=a password=hunter2 dbname=x')).not.toContain('hunter2');
  });

  it('writes atomically and removes only its own stale records', () => {
    const csv = path.join(root, 'p.csv');
    const seen: string[] = [];
    const file = writeProvenance(csv, buildProvenance(input), (tmp) => seen.push(tmp));
    expect(file).toBe(`${csv}.json`);
    expect(seen.length === 1 && isTempName(seen[0] ?? '') && !fs.existsSync(seen[0] ?? '')).toBe(true);
    removeStaleProvenance(csv);
    expect(fs.existsSync(file)).toBe(false);
    fs.writeFileSync(file, '{"mine": true}');
    removeStaleProvenance(csv);
    expect(fs.existsSync(file)).toBe(true);
  });
});

describe('sweepStaleExports', () => {
  it('removes temporary files of dead exporters only, and only files named like ours', () => {
    const dataDir = path.join(root, 'data');
    const work = fs.mkdtempSync(path.join(root, 'work-'));
    const journalDir = path.join(dataDir, 'exports-in-flight');
    const deadTmp = tempPathFor(path.join(work, 'a.csv'));
    const liveTmp = tempPathFor(path.join(work, 'b.csv'));
    const notOurs = path.join(work, 'important.txt');
    const link = tempPathFor(path.join(work, 'c.csv'));
    for (const f of [deadTmp, liveTmp, notOurs]) {
      fs.writeFileSync(f, 'x');
    }
    fs.symlinkSync(notOurs, link);
    fs.mkdirSync(journalDir, { recursive: true });
    const pid = deadPid();
    fs.writeFileSync(path.join(journalDir, `${pid}-dead.json`), JSON.stringify({ pid, startedAt: '', target: '', files: [deadTmp, notOurs, link, 'relative.csv'] }));
    const live = openExportJournal(dataDir, path.join(work, 'b.csv'));
    live.track(liveTmp);
    fs.writeFileSync(path.join(journalDir, `${pid}-x.json.${pid}.tmp`), '{');

    const r = sweepStaleExports(dataDir);
    expect(r).toEqual({ removedFiles: [deadTmp], clearedEntries: 1 });
    expect(fs.existsSync(deadTmp)).toBe(false);
    expect(fs.existsSync(notOurs) && fs.existsSync(link) && fs.existsSync(liveTmp)).toBe(true);
    expect(fs.readdirSync(journalDir)).toHaveLength(1);
    live.close();
    expect(fs.readdirSync(journalDir)).toEqual([]);
    expect(sweepStaleExports(path.join(root, 'nowhere'))).toEqual({ removedFiles: [], clearedEntries: 0 });
  });
});
