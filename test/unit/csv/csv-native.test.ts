import fs from 'node:fs';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowFormatOptions } from '../../../electron/csv/csv-format';
import { makeRowFormatter } from '../../../electron/csv/csv-format';
import { runtimePaths } from '../../../electron/runtime-paths';
import { CSV_OUT_OF_ORDER, csvAggregateFlags, csvExtensionFor, csvAggregateSql, csvRowSql, loadCsvExtension, nativeCsvApplies } from '../../../electron/sources/sqlite/export/csv-extension';

// The native functions must write byte for byte what the JS formatter writes for the same rows:
// the export picks one or the other by whether the extension was built, and the file must not tell.

const WIDTH = 4;
let db: Database.Database;

beforeAll(() => {
  // Built by the test setup (build/build-native.mjs); the project needs a C compiler for better-sqlite3 anyway.
  expect(fs.existsSync(runtimePaths().csvExtension), 'dist/native holds the built CSV aggregate').toBe(true);
  db = new Database(':memory:');
  expect(loadCsvExtension(db, runtimePaths().csvExtension)).toBe(true);
  // No declared types: no affinity, so every value stays the storage class it was bound as.
  db.exec(`CREATE TABLE t (${Array.from({ length: WIDTH }, (_, i) => `c${i}`).join(', ')})`);
});

afterAll(() => db.close());

/** A cell as bound: text may come as raw bytes (CAST of a blob), which is how invalid UTF-8 gets into a store. */
type Cell = { kind: 'value'; value: string | number | bigint | Buffer | null } | { kind: 'bytes'; bytes: Uint8Array };

const textUnits = fc.constantFrom(',', ';', '\t', '"', '\r', '\n', '\0', '=', '+', '-', '@', ' ', 'a', '1', '.', 'e', 'E', 'é', '🙂', '＝', '＋', '－', '＠', '\ud800', '\udfff', "'");
const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  fc.string({ unit: textUnits }).map((value) => ({ kind: 'value' as const, value })),
  fc.string({ unit: 'grapheme' }).map((value) => ({ kind: 'value' as const, value })),
  fc.constantFrom('-3', '+1.5e10', '.5', '1.', '=1', '-', '+', '-.e1', '1e', ' -3', '\t1', '＝1').map((value) => ({ kind: 'value' as const, value })),
  fc.constant({ kind: 'value' as const, value: null }),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((value) => ({ kind: 'value' as const, value })),
  fc.double({ noNaN: true }).map((value) => ({ kind: 'value' as const, value })),
  fc.constantFrom(0.1, 1e21, 1e-7, 1e-6, 123e-20, 5e-324, 1.7976931348623157e308, -0, 100, 1e20, 123456789012345680000, 0.000001234, 2 ** 53, -1.5)
    .map((value) => ({ kind: 'value' as const, value })),
  fc.uint8Array({ maxLength: 12 }).map((bytes) => ({ kind: 'value' as const, value: Buffer.from(bytes) })),
  // Random bytes read as text: broken sequences, overlongs, surrogates, bytes above F4.
  fc.uint8Array({ maxLength: 12 }).map((bytes) => ({ kind: 'bytes' as const, bytes })),
  fc.array(fc.constantFrom(0x3d, 0x22, 0x2c, 0xe0, 0xed, 0xf0, 0xf4, 0xa0, 0x80, 0x9f, 0xbf, 0xc2, 0xef, 0xbc, 0x9d), { maxLength: 8 })
    .map((b) => ({ kind: 'bytes' as const, bytes: Uint8Array.from(b) })),
);

const optionsArb: fc.Arbitrary<RowFormatOptions> = fc.record({
  safe: fc.boolean(),
  delimiter: fc.constantFrom(',' as const, ';' as const, '\t' as const),
  eol: fc.constantFrom('\n' as const, '\r\n' as const),
  time: fc.constant('stored' as const),
});

function load(rows: readonly Cell[][]): void {
  db.exec('DELETE FROM t');
  for (const row of rows) {
    const marks = row.map((c) => (c.kind === 'bytes' ? 'CAST(? AS TEXT)' : '?'));
    db.prepare(`INSERT INTO t VALUES (${marks.join(', ')})`).run(...row.map((c) => (c.kind === 'bytes' ? Buffer.from(c.bytes) : c.value)));
  }
}

function viaJs(options: RowFormatOptions): Buffer {
  const format = makeRowFormatter(Array.from({ length: WIDTH }, () => ({ temporal: false })), options);
  const rows = db.prepare('SELECT * FROM t ORDER BY rowid').raw(true).safeIntegers(true).all() as unknown[][];
  return Buffer.from(rows.map((r) => format(r) + options.eol).join(''), 'utf8');
}

function viaNative(options: RowFormatOptions): { csv: Buffer; rows: number } {
  const select = Array.from({ length: WIDTH }, (_, i) => `c${i}`).join(', ');
  const sql = csvAggregateSql({ rowid: 'rowid', select, body: 't WHERE rowid > ? AND rowid <= ?' }, options, false);
  const [csv, rows] = db.prepare(sql).raw(true).get(0, 1e9) as [Buffer, number];
  return { csv, rows };
}

function viaRows(options: RowFormatOptions): string[] {
  const select = Array.from({ length: WIDTH }, (_, i) => `c${i}`).join(', ');
  return db.prepare(csvRowSql({ select, rest: 'FROM t ORDER BY rowid' }, options)).pluck(true).all() as string[];
}

describe('native CSV aggregate', () => {
  it('writes the bytes of the JS formatter for arbitrary rows and options', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cellArb, { minLength: WIDTH, maxLength: WIDTH }), { maxLength: 20 }), optionsArb, (rows, options) => {
        load(rows);
        const native = viaNative(options);
        const js = viaJs(options).toString('latin1');
        expect(native.rows).toBe(rows.length);
        expect(native.csv.toString('latin1')).toBe(js);
        // The row function (sorted exports) writes the same lines, one per row.
        expect(Buffer.from(viaRows(options).join(''), 'utf8').toString('latin1')).toBe(js);
      }),
      { numRuns: Number(process.env.AUDITLENS_PROPERTY_RUNS ?? 400) },
    );
  });

  it('prints doubles as JavaScript does, at the edges of its notation', () => {
    const values = [0.1, 0.3, 1e21, 1e-7, 1e-6, 5e-324, -5e-324, 1.7976931348623157e308, -0, 2 ** 53 + 2, 123.456, -1e-300, 4.35, 0.1 + 0.2, 1 / 3, Infinity, -Infinity];
    load(values.map((v) => [{ kind: 'value', value: v }, { kind: 'value', value: null }, { kind: 'value', value: null }, { kind: 'value', value: null }]));
    const options: RowFormatOptions = { safe: false, delimiter: ',', eol: '\n', time: 'stored' };
    expect(viaNative(options).csv.toString('utf8')).toBe(values.map((v) => `${String(v)},,,\n`).join(''));
  });

  it('prints 200,000 doubles as String() does: few decimals (its fast path), random bits, near powers of ten', () => {
    // Deterministic, so a failure names the same value on every run (mulberry32).
    let seed = 20261122;
    const rand = (): number => {
      seed = (seed + 0x6d2b79f5) >>> 0;
      let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const bits = new DataView(new ArrayBuffer(8));
    const values: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      const pick = i % 4;
      if (pick === 0) {
        // m / 10^k with up to 16 digits: costs, ratios, durations in seconds.
        const m = Math.floor(rand() * 10 ** Math.floor(rand() * 17));
        values.push((rand() < 0.5 ? -m : m) / 10 ** Math.floor(rand() * 23));
      } else if (pick === 1) {
        bits.setUint32(0, Math.floor(rand() * 2 ** 32));
        bits.setUint32(4, Math.floor(rand() * 2 ** 32));
        const v = bits.getFloat64(0);
        values.push(Number.isNaN(v) ? 0.5 : v);
      } else if (pick === 2) {
        // One ulp either side of 10^e and of 10^15 (where the fast path stops).
        const p = 10 ** (Math.floor(rand() * 40) - 20);
        bits.setFloat64(0, rand() < 0.5 ? p : 1e15 - rand() * 2);
        bits.setBigUint64(0, bits.getBigUint64(0) + BigInt(Math.floor(rand() * 3)) - 1n);
        values.push(bits.getFloat64(0));
      } else {
        values.push(Math.round(rand() * 1e7) / 100);
      }
    }
    const doubles = new Database(':memory:');
    try {
      expect(loadCsvExtension(doubles, runtimePaths().csvExtension)).toBe(true);
      doubles.exec('CREATE TABLE d (v REAL)');
      const insert = doubles.prepare('INSERT INTO d VALUES (?)');
      doubles.transaction(() => values.forEach((v) => insert.run(v)))();
      const got = doubles.prepare(csvRowSql({ select: 'v', rest: 'FROM d ORDER BY rowid' }, { safe: false, delimiter: ',', eol: '\n', time: 'stored' })).pluck(true).all() as string[];
      const wrong = values.map((v, i) => ({ v, want: `${String(v)}\n`, got: got[i] })).filter((x) => x.got !== x.want);
      expect(wrong.slice(0, 5)).toEqual([]);
    } finally {
      doubles.close();
    }
  });

  it('refuses rows out of rowid order, and sorts them itself when asked', () => {
    load([[{ kind: 'value', value: 'b' }, ...nulls(3)], [{ kind: 'value', value: 'a' }, ...nulls(3)]]);
    const options: RowFormatOptions = { safe: true, delimiter: ',', eol: '\n', time: 'stored' };
    const parts = { rowid: 'rowid', select: 'c0', body: '(SELECT rowid, c0 FROM t ORDER BY rowid DESC) WHERE rowid > ? AND rowid <= ?' };
    expect(() => db.prepare(csvAggregateSql(parts, options, false)).raw(true).get(0, 10)).toThrow(CSV_OUT_OF_ORDER);
    const [csv, rows] = db.prepare(csvAggregateSql(parts, options, true)).raw(true).get(0, 10) as [Buffer, number];
    expect([csv.toString('utf8'), rows]).toEqual(['b\na\n', 2]);
  });

  it('gives an empty blob and a zero count for an empty range', () => {
    load([[{ kind: 'value', value: 'x' }, ...nulls(3)]]);
    const sql = csvAggregateSql({ rowid: 'rowid', select: 'c0', body: 't WHERE rowid > ? AND rowid <= ?' }, { safe: true, delimiter: ',', eol: '\n', time: 'stored' }, false);
    const [csv, rows] = db.prepare(sql).raw(true).get(5, 10) as [Buffer, number];
    expect([csv.length, rows]).toEqual([0, 0]);
  });

  it('cannot be called from a view, so a store cannot make it run', () => {
    db.exec('CREATE VIEW v AS SELECT auditlens_csv(1, rowid, c0) AS x FROM t');
    db.exec('CREATE VIEW w AS SELECT auditlens_csv_row(1, c0) AS x FROM t');
    expect(() => db.prepare('SELECT * FROM v').get()).toThrow(/unsafe use of auditlens_csv/);
    expect(() => db.prepare('SELECT * FROM w').get()).toThrow(/unsafe use of auditlens_csv_row/);
  });
});

describe('when the native aggregate applies', () => {
  const base: RowFormatOptions = { safe: true, delimiter: ';', eol: '\r\n', time: 'stored' };
  it('encodes safe mode, CRLF and the delimiter in its flags', () => {
    expect(csvAggregateFlags(base)).toBe(1 | 2 | (59 << 8));
    expect(csvAggregateFlags({ ...base, safe: false, eol: '\n', delimiter: '\t' })).toBe(9 << 8);
  });
  it('is absent, not an error, where the extension was not built or will not load', () => {
    expect(csvExtensionFor('/nonexistent/auditlens-csv.so', base, [false])).toBeNull();
    expect(csvExtensionFor(runtimePaths().csvExtension, base, [false])).toBe(runtimePaths().csvExtension);
    const other = new Database(':memory:');
    expect(loadCsvExtension(other, '/nonexistent/auditlens-csv.so')).toBe(false);
    other.close();
  });
  it('leaves timestamp rewrites of temporal columns to JS, and yields to AUDITLENS_NATIVE_CSV=0', () => {
    expect(nativeCsvApplies(base, [true, false], {})).toBe(true);
    expect(nativeCsvApplies({ ...base, time: 'utc' }, [true, false], {})).toBe(false);
    expect(nativeCsvApplies({ ...base, time: 'local' }, [false, false], {})).toBe(true);
    expect(nativeCsvApplies(base, [false], { AUDITLENS_NATIVE_CSV: '0' })).toBe(false);
  });
});

function nulls(n: number): Cell[] {
  return Array.from({ length: n }, () => ({ kind: 'value' as const, value: null }));
}
