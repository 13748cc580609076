import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheNames, fingerprint } from '../../../electron/ingest/json/cache-key';
import { scanLocation } from '../../../electron/ingest/json/scan-files';
import { tempDir } from '../../helpers/files';

const { dir, cleanup } = tempDir('auditlens-scan-');
const outside = path.join(dir, 'outside');
const root = path.join(dir, 'store');

beforeAll(() => {
  const put = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  put('a.json', '{"a":1}');
  put('b.jsonl', '{"b":1}\n');
  put('c.NDJSON', '{"c":1}\n');
  put('notes.txt', 'not json');
  put('logs/dbt.log', '\ufeff  {"info":{}}\n');
  put('logs/app.log', '12:00:00 INFO started');
  put('audits/workflow=wf x/release=20240101000000/123.log', '{\n  "name": "wf x"\n}');
  put('.git/config.json', '{}');
  fs.mkdirSync(outside, { recursive: true });
  fs.writeFileSync(path.join(outside, 'secret.json'), '{"secret":true}');
  fs.symlinkSync(path.join(outside, 'secret.json'), path.join(root, 'link.json'));
  fs.symlinkSync(outside, path.join(root, 'linked-dir'));
  execFileSync('mkfifo', [path.join(root, 'pipe.json')]);
});

afterAll(cleanup);

describe('scanLocation', () => {
  it('lists regular JSON files by kind, and skips links, pipes, dot-folders and other files', async () => {
    const scan = await scanLocation(root);
    expect(scan.isFolder).toBe(true);
    expect(scan.files.map((f) => [f.rel, f.mode])).toEqual([
      ['a.json', 'document'],
      ['audits/workflow=wf x/release=20240101000000/123.log', 'document'],
      ['b.jsonl', 'lines'],
      ['c.NDJSON', 'lines'],
      ['logs/dbt.log', 'lines'],
    ]);
    expect(scan.problems.map((p) => [path.basename(p.path), p.message])).toEqual([
      ['link.json', 'a symbolic link; links are not followed, so it was skipped'],
      ['pipe.json', 'not a regular file (a pipe, socket or device), so it was skipped'],
    ]);
  });

  it('opens a single file the user chose, sniffing files without a JSON extension', async () => {
    const scan = await scanLocation(path.join(root, 'logs', 'dbt.log'));
    expect(scan.isFolder).toBe(false);
    expect(scan.files.map((f) => [f.rel, f.mode])).toEqual([['dbt.log', 'lines']]);
    await expect(scanLocation(path.join(root, 'notes.txt'))).rejects.toMatchObject({ code: 'bad-input' });
  });

  it('refuses what it cannot open with a typed error, without blocking on a pipe', async () => {
    await expect(scanLocation(path.join(root, 'missing.json'))).rejects.toMatchObject({ code: 'not-found' });
    await expect(scanLocation(path.join(root, 'pipe.json'))).rejects.toMatchObject({ code: 'not-a-file' });
  });

  it('stops at the file limit and says so', async () => {
    const scan = await scanLocation(root, { maxFiles: 2, maxDepth: 64 });
    expect(scan.files).toHaveLength(2);
    expect(scan.problems.some((p) => /more than 2 JSON files/.test(p.message))).toBe(true);
  });
});

describe('cache names', () => {
  it('share a prefix per location and change with any file size or mtime', async () => {
    const scan = await scanLocation(root);
    const a = cacheNames('/cache', root, scan.files);
    const touched = scan.files.map((f, i) => (i === 0 ? { ...f, mtimeMs: f.mtimeMs + 1 } : f));
    const b = cacheNames('/cache', root, touched);
    expect(a.prefix).toBe(b.prefix);
    expect(a.file).not.toBe(b.file);
    expect(fingerprint(scan.files)).toBe(fingerprint([...scan.files]));
    expect(cacheNames('/cache', outside, scan.files).prefix).not.toBe(a.prefix);
  });
});
