import { describe, expect, it } from 'vitest';
import { ExactNumber } from '../../../electron/ingest/json/parse/exact-number';
import { tableSpec } from '../../../electron/ingest/json/layouts/layout-kit';
import { RecordShaper, widen, type TableSpec } from '../../../electron/ingest/json/record-shaper';

const open = (): RecordShaper => new RecordShaper(tableSpec('events', []));
const names = (s: RecordShaper): string[] => s.columns.map((c) => c.name);
const types = (s: RecordShaper): Record<string, string> => Object.fromEntries(s.columns.map((c) => [c.name, c.type]));

describe('RecordShaper', () => {
  it('turns scalars into typed columns and nested values into JSON text, after the provenance columns', () => {
    const s = open();
    const row = s.shape({ actor: 'ana', n: 3, ms: 1.5, ok: true, tags: ['a', 'b'], meta: { k: { deep: null } } });
    expect(names(s)).toEqual(['_file_id', '_line', 'actor', 'n', 'ms', 'ok', 'tags', 'meta']);
    expect(types(s)).toMatchObject({ actor: 'TEXT', n: 'INTEGER', ms: 'REAL', ok: 'BOOLEAN', tags: 'JSON', meta: 'JSON' });
    expect(row.slice(2)).toEqual(['ana', 3, 1.5, 1, '["a","b"]', '{"k":{"deep":null}}']);
  });

  it('keeps a stable column order: first seen, whatever order later records use', () => {
    const s = open();
    s.shape({ a: 1, b: 2 });
    expect(s.shape({ b: 20, a: 10, c: 30 })).toEqual([null, null, 10, 20, 30]);
    expect(names(s)).toEqual(['_file_id', '_line', 'a', 'b', 'c']);
    expect(s.takeChanges()).toEqual([
      { kind: 'add', column: { name: 'a', type: 'INTEGER' } },
      { kind: 'add', column: { name: 'b', type: 'INTEGER' } },
      { kind: 'add', column: { name: 'c', type: 'INTEGER' } },
    ]);
    expect(s.takeChanges()).toEqual([]);
  });

  it('adds no column for a key seen only with null, and lists it for the end', () => {
    const s = open();
    s.shape({ a: 1, later: null, never: null });
    expect(names(s)).toEqual(['_file_id', '_line', 'a']);
    s.shape({ a: 2, later: 'now' });
    expect(names(s)).toEqual(['_file_id', '_line', 'a', 'later']);
    expect(s.nullOnlyKeys).toEqual(['never']);
  });

  it('widens a column instead of letting SQLite coerce values', () => {
    const s = open();
    s.shape({ n: 1, code: '00123', flag: true });
    s.takeChanges();
    const row = s.shape({ n: 1.5, code: 42, flag: 7 });
    expect(types(s)).toMatchObject({ n: 'REAL', code: '', flag: 'INTEGER' });
    expect(row.slice(2)).toEqual([1.5, 42, 7]);
    expect(s.takeChanges()).toEqual([
      { kind: 'widen', name: 'n', to: 'REAL' },
      { kind: 'widen', name: 'code', to: '' },
      { kind: 'widen', name: 'flag', to: 'INTEGER' },
    ]);
  });

  it('keeps exact numbers exact: int64 as bigint, the rest as their digits', () => {
    const s = open();
    const row = s.shape({ id: new ExactNumber('9007199254740993'), huge: new ExactNumber('1e400'), nested: { id: new ExactNumber('9007199254740993') } }, true);
    expect(row.slice(2)).toEqual([9007199254740993n, '1e400', '{"id":9007199254740993}']);
    expect(types(s)).toMatchObject({ id: 'INTEGER', huge: 'TEXT', nested: 'JSON' });
  });

  it('fills a layout\'s fixed columns and ignores unknown keys when the table is closed', () => {
    const spec: TableSpec = tableSpec('runs', [['run_id', 'TEXT'], ['status', 'TEXT']], { open: false });
    const s = new RecordShaper(spec);
    expect(s.shape({ status: 'ok', run_id: 'r1', extra: 1 })).toEqual([null, null, 'r1', 'ok']);
    expect(names(s)).toEqual(['_file_id', '_line', 'run_id', 'status']);
  });

  it('moves record keys that collide with provenance columns aside instead of overwriting them', () => {
    const s = open();
    const row = s.shape({ _line: 'data', _file_id: 'also data', x: 1 });
    expect(names(s)).toEqual(['_file_id', '_line', '_line_', '_file_id_', 'x']);
    expect(row).toEqual([null, null, 'data', 'also data', 1]);
  });

  it('gives keys SQLite would confuse (case, NUL, an existing `key_`) columns of their own', () => {
    const s = open();
    const row = s.shape({ name: 1, Name: 2, NAME_: 3, 'a\0b': 4, '': 5 });
    expect(names(s)).toEqual(['_file_id', '_line', 'name', 'Name_', 'NAME__', 'a\\u0000b', '']);
    expect(row).toEqual([null, null, 1, 2, 3, 4, 5]);
    expect(s.shape({ Name: 20, name: 10 })).toEqual([null, null, 10, 20, null, null, null]);
  });

  it('adds untyped columns for keys only ever seen with null', () => {
    const s = open();
    s.shape({ a: 1, gone: null });
    expect(s.addNullOnly()).toEqual([{ name: 'gone', type: '' }]);
    expect(s.nullOnlyKeys).toEqual([]);
  });

  it('treats __proto__ as an ordinary column name', () => {
    const s = open();
    const rec = JSON.parse('{"__proto__":{"isAdmin":true},"a":1}') as Record<string, unknown>;
    expect(s.shape(rec)).toEqual([null, null, '{"isAdmin":true}', 1]);
    expect(names(s)).toEqual(['_file_id', '_line', '__proto__', 'a']);
    expect(({} as { isAdmin?: unknown }).isAdmin).toBeUndefined();
  });
});

describe('widen', () => {
  it('keeps numbers numeric and sends any other mix to an untyped column', () => {
    expect(widen('INTEGER', 'REAL')).toBe('REAL');
    expect(widen('BOOLEAN', 'INTEGER')).toBe('INTEGER');
    expect(widen('TEXT', 'INTEGER')).toBe('');
    expect(widen('JSON', 'TEXT')).toBe('');
    expect(widen('', 'JSON')).toBe('');
    expect(widen('TEXT', 'TEXT')).toBe('TEXT');
  });
});
