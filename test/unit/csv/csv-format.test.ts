import { describe, expect, it } from 'vitest';
import type { CsvOptions, RowFormatOptions } from '../../../electron/csv/csv-format';
import { formatRecord, makeCellFormatter, makeRowFormatter } from '../../../electron/csv/csv-format';
import { isFormulaLike } from '../../../electron/csv/safe-mode';

const SAFE: CsvOptions = { safe: true, delimiter: ',', eol: '\n' };
const RAW: CsvOptions = { safe: false, delimiter: ',', eol: '\n' };

/** Formats one text cell through both paths (header formatter and row formatter) and checks they agree. */
function cell(value: unknown, options: CsvOptions): string {
  const viaCell = makeCellFormatter(options)(value);
  const viaRow = makeRowFormatter([{ temporal: false }], { ...options, time: 'stored' })([value]);
  expect(viaRow).toBe(viaCell);
  return viaCell;
}

describe('formula triggers', () => {
  // [input, safe output, raw output]
  const cases: readonly (readonly [string, string, string])[] = [
    ['=1+1', "'=1+1", '=1+1'],
    ['+1+1', "'+1+1", '+1+1'],
    ['-2+3', "'-2+3", '-2+3'],
    ['@SUM(A1)', "'@SUM(A1)", '@SUM(A1)'],
    ['\t=1', `"'\t=1"`, '\t=1'],
    ['\r=1', `"'\r=1"`, '"\r=1"'],
    ['\n=1', `"'\n=1"`, '"\n=1"'],
    ['\0=1', "'\0=1", '\0=1'],
    ['＝1+1', "'＝1+1", '＝1+1'],
    ['＋1', "'＋1", '＋1'],
    ['－1', "'－1", '－1'],
    ['＠A1', "'＠A1", '＠A1'],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`, `"=HYPERLINK(""http://x"",""y"")"`],
    // OWASP's example: quoting keeps the second formula inside the first cell.
    ['=1+2";=1+2', `"'=1+2"";=1+2"`, `"=1+2"";=1+2"`],
  ];

  it.each(cases)('%j: safe and raw', (input, safe, raw) => {
    expect(cell(input, SAFE)).toBe(safe);
    expect(cell(input, RAW)).toBe(raw);
  });

  it.each(['-3', '+3', '-3.25', '-.5', '-1e5', '+2E-3', '3', 'abc', '', 'a=b', ' =1'])('leaves %j alone in safe mode', (input) => {
    expect(isFormulaLike(input)).toBe(false);
    expect(cell(input, SAFE)).toBe(input === '' ? '""' : input);
  });

  it('never touches real numbers, however negative', () => {
    expect(cell(-3, SAFE)).toBe('-3');
    expect(cell(-2.5, SAFE)).toBe('-2.5');
    expect(cell(-9007199254740993n, SAFE)).toBe('-9007199254740993');
  });

  it('neutralises headers too', () => {
    const header = formatRecord(['=cmd|\' /C calc\'!A0', 'id', '-2+3', '-3'], makeCellFormatter(SAFE), SAFE);
    expect(header).toBe("'=cmd|' /C calc'!A0,id,'-2+3,-3\n");
    expect(formatRecord(['=cmd', 'id'], makeCellFormatter(RAW), RAW)).toBe('=cmd,id\n');
  });
});

describe('RFC 4180 quoting', () => {
  it('quotes delimiters, quotes and line breaks, doubling inner quotes', () => {
    expect(cell('a,b', RAW)).toBe('"a,b"');
    expect(cell('say "hi"', RAW)).toBe('"say ""hi"""');
    expect(cell('line1\r\nline2', RAW)).toBe('"line1\r\nline2"');
    expect(cell('plain text', RAW)).toBe('plain text');
    expect(cell(' padded ', RAW)).toBe(' padded ');
  });

  it('quotes only the chosen delimiter in raw mode', () => {
    const semi: CsvOptions = { ...RAW, delimiter: ';' };
    const tab: CsvOptions = { ...RAW, delimiter: '\t' };
    expect(cell('a;b', semi)).toBe('"a;b"');
    expect(cell('a,b', semi)).toBe('a,b');
    expect(cell('a\tb', tab)).toBe('"a\tb"');
    expect(cell('a,b', tab)).toBe('a,b');
  });

  it('quotes every usual separator in safe mode, so another locale cannot split the cell', () => {
    for (const delimiter of [',', ';', '\t'] as const) {
      const o: CsvOptions = { ...SAFE, delimiter };
      expect(cell('x;=1+1', o)).toBe('"x;=1+1"');
      expect(cell('x,=1+1', o)).toBe('"x,=1+1"');
      expect(cell('x\t=1+1', o)).toBe('"x\t=1+1"');
    }
  });

  it('writes NULL as an empty field and the empty string as ""', () => {
    expect(cell(null, RAW)).toBe('');
    expect(cell('', RAW)).toBe('""');
    const row = makeRowFormatter([{ temporal: false }, { temporal: false }, { temporal: false }], { ...RAW, time: 'stored' });
    expect(row([null, '', 'x'])).toBe(',"",x');
  });

  it('writes blobs as \\x-prefixed hex and keeps NUL and non-ASCII text as is', () => {
    expect(cell(Buffer.from([0, 255, 16]), RAW)).toBe('\\x00ff10');
    expect(cell('a\0b', RAW)).toBe('a\0b');
    expect(cell('héllo 🙂', RAW)).toBe('héllo 🙂');
  });

  it('ends records with the chosen line ending', () => {
    const crlf: CsvOptions = { ...RAW, eol: '\r\n' };
    expect(formatRecord(['a', 'b c', 1], makeCellFormatter(crlf), crlf)).toBe('a,b c,1\r\n');
    expect(formatRecord(['a', 'b'], makeCellFormatter({ ...RAW, delimiter: '\t' }), { ...RAW, delimiter: '\t' })).toBe('a\tb\n');
  });
});

describe('makeRowFormatter', () => {
  const columns = [{ temporal: true }, { temporal: false }, { temporal: true }];
  const row = (values: unknown[], o: Partial<RowFormatOptions> = {}): string =>
    makeRowFormatter(columns, { ...SAFE, time: 'stored', ...o })([...values]);

  it('rewrites temporal text only, leaving what does not parse as stored', () => {
    const values = ['2024-01-01 01:00:00+07:00', '2024-01-01 01:00:00', 'soon'];
    expect(row(values)).toBe('2024-01-01 01:00:00+07:00,2024-01-01 01:00:00,soon');
    expect(row(values, { time: 'utc' })).toBe('2023-12-31T18:00:00Z,2024-01-01 01:00:00,soon');
    expect(row(['2022-09-01 6:12:13', null, 1_700_000_000], { time: 'utc' })).toBe('2022-09-01T06:12:13Z,,1700000000');
  });

  it('still neutralises temporal text that is not a timestamp', () => {
    expect(row(['=1+1', 'x', '-2+3'], { time: 'utc' })).toBe("'=1+1,x,'-2+3");
  });

  it('writes integers beyond 2^53 exactly', () => {
    expect(row([null, 12345678901234567890n, -(2n ** 63n)])).toBe(',12345678901234567890,-9223372036854775808');
  });
});
