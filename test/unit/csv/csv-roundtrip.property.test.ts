import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RowFormatOptions } from '../../../electron/csv/csv-format';
import { UTF8_BOM, formatRecord, makeCellFormatter, makeRowFormatter } from '../../../electron/csv/csv-format';
import { isFormulaLike } from '../../../electron/csv/safe-mode';

/** What survives UTF-8: lone surrogates become U+FFFD (ES2024 `toWellFormed`, typed here for ES2023). */
function wellFormed(s: string): string {
  return (s as unknown as { toWellFormed(): string }).toWellFormed();
}

/** Strings that stress CSV: separators, quotes, CR, LF, NUL, formula starts, lone surrogates, emoji. */
const nasty = fc.oneof(
  fc.string({ unit: fc.constantFrom(',', ';', '\t', '"', '\r', '\n', '\0', '=', '+', '-', '@', ' ', 'a', '1', '.', 'é', '🙂', '＝', '\ud800', '\udfff') }),
  fc.string({ unit: 'binary' }),
  fc.string(),
);

const cellArb = fc.oneof(
  nasty,
  fc.constant(null),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
);

const optionsArb = fc.record({
  safe: fc.boolean(),
  delimiter: fc.constantFrom(',' as const, ';' as const, '\t' as const),
  eol: fc.constantFrom('\n' as const, '\r\n' as const),
  bom: fc.boolean(),
});

/** The text a parser should give back for a cell. */
function expected(cell: unknown, safe: boolean): string {
  if (cell === null) {
    return '';
  }
  if (typeof cell === 'string') {
    return (safe && isFormulaLike(cell) ? "'" : '') + wellFormed(cell);
  }
  // The generated cells are strings, numbers and bigints.
  return typeof cell === 'number' || typeof cell === 'bigint' ? String(cell) : JSON.stringify(cell);
}

/**
 * Counts record ends, failing on any CR or LF outside quotes that is not the chosen line ending:
 * parsers that split on a lone CR (Excel does) must not see one inside a record.
 */
function recordEnds(text: string, eol: string): number {
  let quoted = false;
  let ends = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && (c === '\r' || c === '\n')) {
      expect(text.startsWith(eol, i)).toBe(true);
      i += eol.length - 1;
      ends++;
    }
  }
  expect(quoted).toBe(false);
  return ends;
}

describe('CSV round trip (property)', () => {
  it('parsing our CSV gives back the header and rows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((width) =>
          fc.tuple(fc.array(nasty, { minLength: width, maxLength: width }), fc.array(fc.array(cellArb, { minLength: width, maxLength: width }), { maxLength: 8 })),
        ),
        optionsArb,
        ([header, rows], o) => {
          const options: RowFormatOptions = { safe: o.safe, delimiter: o.delimiter, eol: o.eol, time: 'stored' };
          const format = makeRowFormatter(header.map(() => ({ temporal: false })), options);
          const text = (o.bom ? UTF8_BOM : '')
            + formatRecord(header, makeCellFormatter(options), options)
            + rows.map((r) => format([...r]) + o.eol).join('');
          expect(recordEnds(text, o.eol)).toBe(rows.length + 1);
          // Bytes as the worker writes them: UTF-8, where lone surrogates cannot survive.
          const bytes = Buffer.from(text, 'utf8');
          const parsed = parse(bytes, { delimiter: o.delimiter, record_delimiter: o.eol, bom: true, relax_quotes: false });
          expect(parsed).toEqual([header, ...rows].map((r) => r.map((c) => expected(c, o.safe))));
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('safe mode never lets a text cell start a formula, under any of the usual separators', () => {
    fc.assert(
      fc.property(nasty, fc.constantFrom(',' as const, ';' as const, '\t' as const), (s, delimiter) => {
        const out = makeCellFormatter({ safe: true, delimiter, eol: '\n' })(s);
        for (const sep of [',', ';', '\t']) {
          // A spreadsheet splitting on a separator we did not write must still see one cell.
          const cells = parse(`${out}\n`, { delimiter: sep, record_delimiter: '\n', relax_column_count: true, relax_quotes: true });
          for (const c of cells.flat()) {
            expect(isFormulaLike(c) && !c.startsWith("'")).toBe(false);
          }
        }
      }),
      { numRuns: 1_000 },
    );
  });
});
