import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonSource } from '../../../electron/sources/json/json-source';
import { DEFAULT_LIMITS } from '../../../electron/ingest/json/parse/scan-types';
import { listing, sha256, tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';

// security-checklist.md §7 items 16-24, generated rather than committed.
const { dir, cleanup } = tempDir('auditlens-hostile-');
const root = path.join(dir, 'corpus');
const cacheDir = path.join(dir, 'cache');
const BIG_RECORDS = 200_000;

function write(name: string, data: string | Buffer): void {
  fs.writeFileSync(path.join(root, name), data);
}

let source: JsonSource;
let db: Database.Database;
let hashes: Map<string, string>;
let heapGrowth = 0;
const problems = new Map<string, string[]>();

beforeAll(async () => {
  fs.mkdirSync(root, { recursive: true });
  const deep = Buffer.alloc(2_000_000);
  deep.fill(0x5b, 0, 1_000_000);
  deep.fill(0x5d, 1_000_000);
  write('deep.json', deep);
  write('proto.json', '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}},"who":"eve"}');
  write('dupkeys.json', '[{"actor":"alice","action":"read"},\n{"actor":"alice","actor":"mallory","action":"delete"}]');
  write('bad-utf8.json', Buffer.concat([
    Buffer.from('[\n{"n":1,"s":"ok"},\n{"n":2,"s":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"},\n{"n":3,"s":"'), Buffer.from([0xc0, 0xaf]),
    Buffer.from('"},\n{"n":4,"s":"'), Buffer.from([0xf0, 0x9f, 0x98]), Buffer.from('"},\n{"n":5,"s":"\\ud800"},\n{"n":6,"s":"fine"}\n]'),
  ]));
  write('bom-utf8.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"bom":"yes","é":"ü"}')]));
  write('utf16le.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":1}', 'utf16le')]));
  write('huge-string.json', `[{"id":1,"blob":"${'x'.repeat(DEFAULT_LIMITS.maxStringBytes + 1_000_000)}","tail":"kept"},{"id":2,"blob":"small"}]`);
  const rows = Array.from({ length: BIG_RECORDS }, (_, i) => `{"seq":${i},"actor":"user-${i % 97}","payload":"${'p'.repeat(200)}"}`);
  write('huge-array.json', `[\n${rows.join(',\n')}\n]`);
  write('truncated.json', '[{"id":1},\n{"id":2,"cut":"mid-rec');
  write('trailing-garbage.json', '{"id":1}\n}}garbage');
  write('mixed.ndjson', `${Array.from({ length: 100_000 }, (_, i) => (i === 49_999 ? '{"line": 50000, "broken": }' : `{"line":${i + 1}}`)).join('\n')}\n`);
  write('numbers.json', '{"big":9007199254740993,"inf":1e400,"negzero":-0,"under":0.1e-400,"ok":42,"nested":{"big":9007199254740993}}');
  write('empty.json', '');
  write('weird-keys.json', JSON.stringify({ Name: 1, name: 2, '': 3, 'a\u0000b': 4, _line: 5, 'x"y]`': 6, '\u202e=HYPERLINK("x")': 7, ['k'.repeat(10_000)]: 8 }));
  hashes = new Map(listing(root).map((f) => [f, sha256(path.join(root, f))]));

  const heap0 = process.memoryUsage().heapUsed;
  source = await JsonSource.open(root, {
    ...sqliteDeps,
    cacheDir,
    onProgress: () => {
      heapGrowth = Math.max(heapGrowth, process.memoryUsage().heapUsed - heap0);
    },
  });
  for (const p of (await source.catalog()).problems) {
    const list = problems.get(path.basename(p.path)) ?? [];
    list.push(p.message);
    problems.set(path.basename(p.path), list);
  }
  db = new Database(source.cacheFile, { readonly: true });
}, 120_000);

afterAll(async () => {
  db?.close();
  await source?.close();
  cleanup();
});

const all = <T>(sql: string): T[] => db.prepare(sql).all() as T[];

describe('the hostile JSON corpus', () => {
  it('16: a million-deep array is a depth problem, not a crash', () => {
    expect(problems.get('deep.json')).toEqual(['line 1, byte 1: the record that starts on line 1 nests deeper than 64 levels (at byte 64, line 1), so it was skipped']);
  });

  it('17: __proto__ and constructor keys are plain data and pollute nothing', () => {
    expect(all('SELECT "__proto__", "constructor", who FROM proto')).toEqual([{ __proto__: '{"isAdmin":true}', constructor: '{"prototype":{"x":1}}', who: 'eve' }]);
    expect(({} as { isAdmin?: unknown }).isAdmin).toBeUndefined();
    expect(problems.get('proto.json')).toEqual(['line 1, byte 1: a key named "__proto__", kept as plain data']);
  });

  it('18: duplicate keys flag the record, which keeps the last value', () => {
    expect(all('SELECT actor, action FROM dupkeys ORDER BY rowid')).toEqual([{ actor: 'alice', action: 'read' }, { actor: 'mallory', action: 'delete' }]);
    expect(problems.get('dupkeys.json')).toEqual(['line 2, byte 53: duplicate key "actor" in $; the last value was kept']);
  });

  it('19: invalid UTF-8 is refused with a byte offset, never replaced, and lone surrogates are flagged', () => {
    expect(all('SELECT n FROM bad_utf ORDER BY n')).toEqual([{ n: 1 }, { n: 5 }, { n: 6 }]);
    const msgs = problems.get('bad-utf8.json') ?? [];
    expect(msgs).toHaveLength(4);
    const bytes = fs.readFileSync(path.join(root, 'bad-utf8.json'));
    expect(msgs[0]).toMatch(new RegExp(`^line 3, byte ${bytes.indexOf(0xff)}: invalid UTF-8: a byte that never appears in UTF-8 \\(0xFF\\)`));
    expect(msgs[1]).toMatch(new RegExp(`^line 4, byte ${bytes.indexOf(0xc0)}: invalid UTF-8: an overlong encoding`));
    expect(msgs[2]).toMatch(new RegExp(`^line 5, byte ${bytes.indexOf(0xf0)}: invalid UTF-8: a multi-byte character cut off|^line 5, byte ${bytes.indexOf(0xf0)}: invalid UTF-8: a truncated multi-byte character`));
    expect(msgs[3]).toMatch(/^line 6, byte \d+: a string holds an unpaired UTF-16 surrogate escape/);
    expect(all('SELECT s, hex(s) AS h FROM bad_utf ORDER BY n')).toEqual([{ s: 'ok', h: '6F6B' }, { s: '\\ud800', h: '5C7564383030' }, { s: 'fine', h: '66696E65' }]);
  });

  it('20: a UTF-8 BOM is skipped; UTF-16 is named as unsupported', () => {
    expect(all('SELECT bom, "é" FROM bom_utf')).toEqual([{ bom: 'yes', é: 'ü' }]);
    expect(problems.get('utf16le.json')).toEqual(['the file is encoded as UTF-16LE; Auditlens reads JSON in UTF-8 only (save it as UTF-8 to open it)']);
  });

  it('21: a large array streams record by record', () => {
    expect(all('SELECT count(*) AS n, min(seq) AS lo, max(seq) AS hi FROM huge_array')).toEqual([{ n: BIG_RECORDS, lo: 0, hi: BIG_RECORDS - 1 }]);
    expect(heapGrowth).toBeLessThan(200 * 1024 * 1024);
  });

  it('22: a string over the cap keeps its first part; the rest of the record loads', () => {
    const rows = all<{ id: number; len: number; tail: string | null }>('SELECT id, length(blob) AS len, tail FROM huge_string ORDER BY id');
    expect(rows).toEqual([{ id: 1, len: DEFAULT_LIMITS.maxStringBytes, tail: 'kept' }, { id: 2, len: 5, tail: null }]);
    expect(problems.get('huge-string.json')).toEqual([`line 1, byte 16: a string of ${DEFAULT_LIMITS.maxStringBytes + 1_000_000} bytes was cut to its first 16 MiB`]);
  });

  it('23: truncated files, trailing garbage and one bad NDJSON line are listed with line and offset', () => {
    expect(all('SELECT id FROM truncated')).toEqual([{ id: 1 }]);
    expect(problems.get('truncated.json')?.[0]).toMatch(/^line 2, byte 33: the input ends in the middle of the record that starts on line 2; the file looks truncated/);
    expect(all('SELECT id FROM trailing_garbage')).toEqual([{ id: 1 }]);
    expect(problems.get('trailing-garbage.json')).toEqual(["line 2, byte 9: unexpected '}' where a JSON value should start; the rest of the file was not read"]);
    expect(all('SELECT count(*) AS n FROM mixed')).toEqual([{ n: 99_999 }]);
    expect(problems.get('mixed.ndjson')?.[0]).toMatch(/^line 50000, byte \d+: unexpected '}' where a JSON value should start; the record that starts on line 50000 was skipped$/);
  });

  it('24: numbers a double cannot hold keep their digits', () => {
    const row = db.prepare('SELECT big, typeof(big) AS t, inf, negzero, under, ok, nested FROM numbers').safeIntegers(true).get() as Record<string, unknown>;
    expect(row).toEqual({ big: 9007199254740993n, t: 'integer', inf: '1e400', negzero: '-0', under: '0.1e-400', ok: 42n, nested: '{"big":9007199254740993}' });
    expect(problems.get('numbers.json')).toHaveLength(3);
  });

  it('keeps keys SQLite would choke on or confuse as columns of their own', () => {
    const cols = (db.prepare('SELECT name FROM pragma_table_info(?)').all('weird_keys') as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(['_file_id', '_line', 'Name', 'name_', '', 'a\\u0000b', '_line_', 'x"y]`', '\u202e=HYPERLINK("x")', 'k'.repeat(10_000)]);
    expect(db.prepare('SELECT * FROM weird_keys').raw(true).get()).toEqual([expect.any(Number), 1, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('lists an empty file, and lists every problem against a file of the folder', () => {
    expect(problems.get('empty.json')).toEqual(['line 1, byte 0: the file is empty: it holds no JSON value']);
    expect([...problems.keys()].sort()).toEqual(['bad-utf8.json', 'deep.json', 'dupkeys.json', 'empty.json', 'huge-string.json', 'mixed.ndjson', 'numbers.json', 'proto.json', 'trailing-garbage.json', 'truncated.json', 'utf16le.json']);
  });

  it('changes no byte of the corpus and creates nothing beside it', () => {
    expect(listing(root)).toEqual([...hashes.keys()]);
    for (const [f, h] of hashes) {
      expect(sha256(path.join(root, f)), f).toBe(h);
    }
  });
});
