import fc from 'fast-check';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExactNumber } from '../../../electron/ingest/json/parse/exact-number';
import { ScanFlag } from '../../../electron/ingest/json/parse/scan-types';
import { scanAll, values } from './scan-helpers';

const FIXTURE = '/work/shared/fixtures/real/ddeutil-workflow/tests/conf/context/jobs_strategies_failed.json';

describe('JsonScanner records', () => {
  it('splits a top-level array into one record per element, with lines and offsets', () => {
    const text = '[\n  {"a": 1},\n  {"b": [2, 3]},\n  "x",\n  null\n]\n';
    const { records, issues } = scanAll(text);
    expect(issues).toEqual([]);
    expect(values(records)).toEqual([{ a: 1 }, { b: [2, 3] }, 'x', null]);
    expect(records.map((r) => r.line)).toEqual([2, 3, 4, 5]);
    expect(records[1]?.offset).toBe(text.indexOf('{"b"'));
  });

  it('keeps a top-level object as one record, and reads concatenated values and NDJSON', () => {
    expect(values(scanAll('{"a":{"b":1}}').records)).toEqual([{ a: { b: 1 } }]);
    expect(values(scanAll('{"a":1}{"a":2}\n{"a":3}', { lines: true }).records)).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
    // Without exploding, a top-level array line of NDJSON is one record.
    expect(values(scanAll('[1,2]\n[3]\n', { lines: true }).records)).toEqual([[1, 2], [3]]);
  });

  it('gives the same records and issues whatever the chunk size', () => {
    const text = '[{"k":"v\\"q\\\\","n":-12.5e+3,"t":true,"f":false,"z":null,"u":"\\u00e9\\ud83d\\ude00","é":"ü"},\n{"deep":[[[{}]]]},123,"s"]';
    const whole = scanAll(text);
    fc.assert(fc.property(fc.integer({ min: 1, max: text.length }), (chunk) => {
      const parts = scanAll(text, { chunk });
      expect(values(parts.records)).toEqual(values(whole.records));
      expect(parts.records.map((r) => [r.offset, r.line])).toEqual(whole.records.map((r) => [r.offset, r.line]));
      expect(parts.issues).toEqual(whole.issues);
    }), { numRuns: 200 });
  });

  it('reads NDJSON with bad lines the same way whatever the chunk size', () => {
    const line = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.constantFrom('{"a":', '{"a" 1}', '[1,]', 'nul', '"open', '}', '{"k":"v","k":"w"}', '{"__proto__":{}}', '9007199254740993'),
    );
    fc.assert(fc.property(fc.array(line, { maxLength: 12 }), fc.integer({ min: 1, max: 40 }), (lines, chunk) => {
      const text = `${lines.join('\n')}\n`;
      const whole = scanAll(text, { lines: true });
      const parts = scanAll(text, { lines: true, chunk });
      // Flags may differ (a key split across chunks gets the exact check); what is decoded may not.
      expect(parts.records.map((r) => [r.offset, r.line, r.text, r.decoded])).toEqual(whole.records.map((r) => [r.offset, r.line, r.text, r.decoded]));
      expect(parts.issues).toEqual(whole.issues);
    }), { numRuns: 500 });
  });

  it('agrees with JSON.parse on arbitrary JSON values fed in arbitrary chunks', () => {
    // Integers past 2^53 come back as ExactNumber (their digits); as doubles they equal JSON.parse's.
    const asDoubles = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (_k, x: unknown) => (x instanceof ExactNumber ? Number(x.text) : x)));
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 1, max: 64 }), (v, chunk) => {
      const text = JSON.stringify(v);
      const { records, issues } = scanAll(text, { chunk, explode: false });
      expect(issues).toEqual([]);
      expect(values(records).map(asDoubles)).toEqual([JSON.parse(text)]);
    }), { numRuns: 500 });
  });
});

describe('JsonScanner problems', () => {
  it('reports the trailing comma of the real ddeutil fixture on line 30 with its byte offset', () => {
    const bytes = fs.readFileSync(FIXTURE);
    const { records, issues } = scanAll(bytes);
    expect(records).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.line).toBe(30);
    expect(issues[0]?.offset).toBe(bytes.indexOf('}', bytes.indexOf('"Job strategy failed",')));
    expect(issues[0]?.message).toMatch(/trailing comma before '}'/);
  });

  it('names a trailing comma in an array', () => {
    expect(scanAll('[1, 2, ]').issues[0]?.message).toMatch(/trailing comma before '\]'/);
  });

  it('reports empty and whitespace-only input', () => {
    expect(scanAll('').issues[0]?.message).toMatch(/empty/);
    expect(scanAll(' \n\t ').issues[0]?.message).toMatch(/empty/);
  });

  it('reports input cut short inside a record, keeping the records before it', () => {
    const { records, issues } = scanAll('[{"a":1},\n{"b":"cut');
    expect(values(records)).toEqual([{ a: 1 }]);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(/ends in the middle of the record that starts on line 2.*truncated/);
  });

  it('reports an unclosed top-level array', () => {
    expect(scanAll('[{"a":1}').issues[0]?.message).toMatch(/top-level array/);
  });

  it('reports trailing garbage after a document, keeping the document', () => {
    const { records, issues } = scanAll('{"a":1}\n  oops');
    expect(values(records)).toEqual([{ a: 1 }]);
    expect(issues[0]).toMatchObject({ line: 2, offset: 10 });
    expect(issues[0]?.message).toMatch(/unexpected 'o'/);
  });

  it('skips one bad NDJSON line and loads the rest, with the line number', () => {
    const lines = Array.from({ length: 1_000 }, (_, i) => (i === 499 ? '{"i": 499, oops}' : JSON.stringify({ i })));
    const { records, issues } = scanAll(`${lines.join('\n')}\n`, { lines: true, chunk: 4096 });
    expect(records).toHaveLength(999);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.line).toBe(500);
    expect(issues[0]?.message).toMatch(/record that starts on line 500 was skipped/);
  });

  it('treats a line break inside a string as a cut line in NDJSON and resumes on the next line', () => {
    const { records, issues } = scanAll('{"a":"cut\n{"b":1}\n', { lines: true });
    expect(values(records)).toEqual([{ b: 1 }]);
    expect(issues[0]).toMatchObject({ line: 1, offset: 9 });
  });

  it('skips a record nested deeper than the cap without recursion, and keeps its neighbours', () => {
    const deep = `${'['.repeat(100)}${']'.repeat(100)}`;
    const { records, issues } = scanAll(`[{"ok":1}, ${deep}, {"ok":2}]`, { limits: { maxDepth: 64 } });
    expect(values(records)).toEqual([{ ok: 1 }, { ok: 2 }]);
    expect(issues[0]?.message).toMatch(/nests deeper than 64 levels/);
  });

  it('survives a million-deep array quickly and in bounded memory', () => {
    const n = 1_000_000;
    const buf = Buffer.alloc(2 * n);
    buf.fill(0x5b, 0, n);
    buf.fill(0x5d, n);
    const t0 = performance.now();
    const { records, issues } = scanAll(buf, { chunk: 65_536, explode: false });
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(records).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(/deeper than 64/);
  });

  it('flags records whose keys need an exact duplicate check, and __proto__ keys', () => {
    const { records } = scanAll('[{"actor":"alice","actor":"mallory"},{"a":1,"b":2},{"__proto__":{"x":1}},{"\\u0061":1,"a":2}]');
    expect(records.map((r) => r.flags & ScanFlag.CheckKeys)).toEqual([ScanFlag.CheckKeys, 0, 0, ScanFlag.CheckKeys]);
    expect(records[2]?.flags).toBe(ScanFlag.ProtoKey);
  });

  it('does not confuse keys of nested objects with their parent', () => {
    const { records } = scanAll('{"a":{"a":{"a":1}},"b":[{"a":1},{"a":2}]}');
    expect(records[0]?.flags).toBe(0);
  });

  it('checks many-keyed objects with a set instead of a linear scan', () => {
    const keys = Array.from({ length: 5_000 }, (_, i) => `"k${i}":${i}`);
    expect(scanAll(`{${keys.join(',')}}`).records[0]?.flags).toBe(0);
    expect(scanAll(`{${keys.join(',')},"k4321":0}`).records[0]?.flags).toBe(ScanFlag.CheckKeys);
  });

  it('notes lossy numbers but not ordinary ones', () => {
    const { records } = scanAll('[1, -2.5, 1e3, 12345678901234, 9007199254740993, 1e400, -0, 0.1e-400, 123456789012345678901234567890]');
    expect(records.map((r) => (r.flags & ScanFlag.LossyNumber) !== 0)).toEqual([false, false, false, false, true, true, true, true, true]);
  });

  it('reports malformed literals and numbers', () => {
    expect(scanAll('[tru]').issues[0]?.message).toMatch(/expected 'true'/);
    expect(scanAll('[-]').issues[0]?.message).toMatch(/malformed number/);
    expect(scanAll('[1.]').issues[0]?.message).toMatch(/malformed number/);
  });

  it('refuses a record larger than the record cap but reads the next one', () => {
    const big = JSON.stringify({ pad: 'x'.repeat(10_000) });
    const { records, issues } = scanAll(`${big}\n{"ok":true}\n`, { lines: true, chunk: 1_000, limits: { maxRecordBytes: 5_000 } });
    expect(values(records)).toEqual([{ ok: true }]);
    expect(issues[0]?.message).toMatch(/larger than 5000 bytes/);
  });
});
