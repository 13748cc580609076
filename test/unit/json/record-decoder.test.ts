import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactNumber, toJsonText } from '../../../electron/ingest/json/parse/exact-number';
import { scanAll } from './scan-helpers';

function decodeOne(input: string | Buffer, limits = {}) {
  const { records, issues } = scanAll(input, { explode: false, limits });
  expect(issues).toEqual([]);
  expect(records).toHaveLength(1);
  return (records[0] as (typeof records)[number]).decoded;
}

describe('decodeRecord: keys', () => {
  it('keeps {"__proto__":{"isAdmin":true}} as plain data and pollutes nothing', () => {
    const d = decodeOne('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}');
    expect(d.ok).toBe(true);
    if (!d.ok) {return;}
    const rec = d.value as Record<string, unknown>;
    expect(Object.keys(rec)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(rec)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(rec, '__proto__')?.value).toEqual({ isAdmin: true });
    expect((rec as { isAdmin?: unknown }).isAdmin).toBeUndefined();
    expect(({} as { isAdmin?: unknown }).isAdmin).toBeUndefined();
    expect(({} as { x?: unknown }).x).toBeUndefined();
    expect(d.notes).toHaveLength(1);
    expect(d.notes[0]?.message).toMatch(/"__proto__".*kept as plain data/);
  });

  it('flags duplicate keys with the key, the object path and the line; the last value wins', () => {
    const d = decodeOne('{\n  "run": {\n    "actor": "alice",\n    "actor": "mallory"\n  }\n}');
    expect(d.ok && (d.value as { run: { actor: string } }).run.actor).toBe('mallory');
    expect(d.ok && d.notes).toEqual([{ offset: 39, line: 4, message: 'duplicate key "actor" in $.run; the last value was kept' }]);
  });

  it('sees duplicates spelled with escapes and inside arrays', () => {
    const d = decodeOne('{"list":[{"ok":1},{"a":1,"\\u0061":2}]}');
    expect(d.ok && d.notes.map((n) => n.message)).toEqual(['duplicate key "a" in $.list[1]; the last value was kept']);
  });

  it('does not report keys repeated in different objects', () => {
    const d = decodeOne('{"a":{"x":1},"b":{"x":2},"\\u0063":3}');
    expect(d.ok && d.notes).toEqual([]);
  });
});

describe('decodeRecord: encoding', () => {
  const bad = (bytes: number[]): Buffer => Buffer.concat([Buffer.from('{"note":"ok '), Buffer.from(bytes), Buffer.from('"}')]);

  it.each([
    ['a stray FF FE', [0xff, 0xfe], /never appears in UTF-8 \(0xFF\)/],
    ['an overlong C0 AF', [0xc0, 0xaf], /overlong encoding \(0xC0\)/],
    ['a truncated 4-byte sequence', [0xf0, 0x9f, 0x98], /truncated multi-byte character/],
    ['an encoded surrogate', [0xed, 0xa0, 0x80], /encoded UTF-16 surrogate/],
  ])('refuses %s with its byte offset instead of writing U+FFFD', (_name, bytes, reason) => {
    const d = decodeOne(bad(bytes));
    expect(d.ok).toBe(false);
    if (d.ok) {return;}
    expect(d.note.offset).toBe(12);
    expect(d.note.line).toBe(1);
    expect(d.note.message).toMatch(reason);
    expect(d.note.message).toMatch(/invalid UTF-8/);
  });

  it('flags a lone surrogate escape and keeps it as escape text, which UTF-8 can hold', () => {
    const d = decodeOne('{"a":"fine \\ud83d\\ude00","b":"\\ud800 alone","\\udc00":1}');
    expect(d.ok && d.value).toEqual({ a: 'fine 😀', b: '\\ud800 alone', '\\udc00': 1 });
    expect(d.ok && d.notes.map((n) => n.message)).toEqual(['a string holds an unpaired UTF-16 surrogate escape; it is stored as the text \\uXXXX']);
  });

  it('reports what JSON.parse rejects (a raw control character) at its line', () => {
    const { records } = scanAll('[\n{"a":"tab\there"}\n]');
    const d = records[0]?.decoded;
    expect(d?.ok).toBe(false);
    if (!d || d.ok) {return;}
    expect(d.note.line).toBe(2);
    expect(d.note.message).toMatch(/record that starts on line 2 was skipped/);
  });
});

describe('decodeRecord: numbers', () => {
  it('keeps 9007199254740993 exact as a 64-bit integer, also inside nested JSON text', () => {
    const d = decodeOne('{"id":9007199254740993,"nested":{"ids":[9007199254740993, 1.5]}}');
    expect(d.ok).toBe(true);
    if (!d.ok) {return;}
    const v = d.value as { id: ExactNumber; nested: unknown };
    expect(v.id).toBeInstanceOf(ExactNumber);
    expect(v.id.toSqlite()).toBe(9007199254740993n);
    expect(toJsonText(v.nested, d.exact)).toBe('{"ids":[9007199254740993,1.5]}');
    expect(d.notes).toEqual([]);
  });

  it.each(['1e400', '-0', '0.1e-400', '123456789012345678901234567890'])('keeps %s as its digits, with a note', (n) => {
    const d = decodeOne(`{"n":${n}}`);
    expect(d.ok && (d.value as { n: ExactNumber }).n.toSqlite()).toBe(n);
    expect(d.ok && d.notes[0]?.message).toMatch(/kept as text/);
  });

  it('leaves ordinary numbers alone', () => {
    const d = decodeOne('{"a":0,"b":-1.25,"c":1e3,"d":9007199254740991,"e":-9007199254740992}');
    expect(d.ok && d.value).toEqual({ a: 0, b: -1.25, c: 1000, d: 9007199254740991, e: -9007199254740992 });
    expect(d.ok && d.exact).toBe(false);
  });
});

describe('decodeRecord: string cap', () => {
  it('cuts a string over the cap to a clean prefix and says how long it was', () => {
    const long = 'é'.repeat(600);
    const d = decodeOne(`{"a":1,"big":"${long}","z":2}`, { maxStringBytes: 1001 });
    expect(d.ok).toBe(true);
    if (!d.ok) {return;}
    const v = d.value as { a: number; big: string; z: number };
    expect(v.a).toBe(1);
    expect(v.z).toBe(2);
    expect(v.big).toBe('é'.repeat(500));
    expect(d.notes.map((n) => n.message)).toEqual(['a string of 1200 bytes was cut to its first 1001 bytes']);
  });

  it('does not cut inside an escape sequence', () => {
    const s = `${'a'.repeat(98)}\\u00e9\\n${'b'.repeat(50)}`;
    const d = decodeOne(`["${s}"]`, { maxStringBytes: 101 });
    expect(d.ok && (d.value as string[])[0]).toBe('a'.repeat(98));
  });

  it('always cuts to a prefix of the string, never splitting a character or an escape', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 30 }), (str, cap, chunk) => {
      const { records, issues } = scanAll(`[${JSON.stringify(str)},1]`, { chunk, limits: { maxStringBytes: cap } });
      expect(issues).toEqual([]);
      const d = records[0]?.decoded;
      expect(d?.ok).toBe(true);
      const got = d?.ok ? (d.value as string) : '';
      expect(str.startsWith(got)).toBe(true);
      if (Buffer.byteLength(JSON.stringify(str)) - 2 <= cap) {
        expect(got).toBe(str);
      }
      expect(records[1]?.decoded.ok && records[1].decoded.value).toBe(1);
    }), { numRuns: 1000 });
  });

  it('cuts a string that spans many chunks without keeping it whole', () => {
    const { records, issues } = scanAll(`[{"big":"${'x'.repeat(200_000)}","after":true}]`, { chunk: 4096, limits: { maxStringBytes: 10_000 } });
    expect(issues).toEqual([]);
    expect(records[0]?.text.length).toBeLessThan(10_100);
    const d = records[0]?.decoded;
    expect(d?.ok && (d.value as { big: string }).big.length).toBe(10_000);
    expect(d?.ok && (d.value as { after: boolean }).after).toBe(true);
  });
});
