import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCellFormatter } from '../../../electron/csv/csv-format';
import { SafeCsvBytes } from '../../../electron/sources/postgres/copy/safe-csv-bytes';

type Delimiter = ',' | ';' | '\t';

/** A value as COPY (FORMAT csv) writes it: NULL bare and empty, quotes only where COPY needs them. */
function copyCell(v: string | null, delimiter: Delimiter, force: boolean): string {
  if (v === null) {
    return '';
  }
  // `force` stands for FORCE_QUOTE, or any CSV writer that quotes more than it must.
  if (force || v === '' || v === '\\.' || v.includes(delimiter) || /["\r\n]/.test(v)) {
    return `"${v.replaceAll('"', '""')}"`;
  }
  return v;
}

/** PostgreSQL text: any string without NUL. */
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.constantFrom('', '=SUM(A1)', '-3', '+1.5e3', '-x', '@me', '\tx', 'a\tb', '\rx', '\nx', 'a\nb', 'say "hi"', '"q', 'a,b', 'a;b', '\\.', '＝1', '－2', '＋x', '＠a', '-infinity', '.5', '-', '+', '=', '2026-01-01 00:00:00+00', '{"a": 1}'),
).map((s) => s.replaceAll('\u0000', ''));
const value = fc.option(text, { nil: null, freq: 5 });

describe('safe mode on COPY bytes', () => {
  for (const [delimiter, eol] of [[',', '\n'], [';', '\r\n'], ['\t', '\n']] as const) {
    it(`writes what the cell formatter writes for every value, however the bytes are cut (${JSON.stringify(delimiter)}, ${JSON.stringify(eol)})`, () => {
      const format = makeCellFormatter({ safe: true, delimiter, eol });
      fc.assert(fc.property(
        fc.array(fc.array(value, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.array(fc.boolean(), { maxLength: 30 }),
        (rows, cuts, forced) => {
          const width = rows[0]?.length ?? 1;
          const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null));
          const input = Buffer.from(table.map((r, y) => r.map((v, x) => copyCell(v, delimiter, forced[y * width + x] === true)).join(delimiter) + '\n').join(''), 'utf8');
          const expected = table.map((r) => r.map((v) => (v === null ? '' : format(v))).join(delimiter) + eol).join('');
          const rewriter = new SafeCsvBytes(delimiter.charCodeAt(0), eol === '\r\n');
          const out: Buffer[] = [];
          let from = 0;
          for (const to of [...new Set(cuts.map((c) => c % (input.length + 1)))].sort((a, b) => a - b).concat(input.length)) {
            if (to >= from) {
              // A copy, as a socket would hand over fresh bytes.
              out.push(...rewriter.feed(Buffer.from(input.subarray(from, to))));
              from = to;
            }
          }
          expect(rewriter.end().rest).toBeNull();
          expect(Buffer.concat(out).toString('utf8')).toBe(expected);
          expect(rewriter.records).toBe(table.length);
        },
      ), { numRuns: 500 });
    });
  }

  it('keeps an unfinished record for the caller to report', () => {
    const rewriter = new SafeCsvBytes(0x2c, false);
    expect(Buffer.concat(rewriter.feed(Buffer.from('a,"b\nc'))).toString()).toBe('a,');
    expect(rewriter.end().rest?.toString()).toBe('"b\nc');
  });
});
