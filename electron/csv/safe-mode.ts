/**
 * Safe mode's rules (security-checklist §4.2), stated once for every formatter in JS: the cell and
 * row formatters (csv-format.ts) and the byte rewrite of Postgres COPY output
 * (sources/postgres/copy/safe-csv-bytes.ts) read them from here. The native formatter states them
 * in C (native/csv-cells.c: starts_formula, plain_number, byte_classes); the differential test
 * test/unit/csv/csv-native.test.ts holds it to the JS formatter byte for byte.
 */

/**
 * The first characters spreadsheets start formulas with: `=`, `+`, `-`, `@`, tab, CR, LF (OWASP),
 * NUL (ASVS 1.2.10) and the full-width ＝ ＋ － ＠ that Apple Numbers folds to ASCII.
 */
const FORMULA_STARTS = '=+-@\t\r\n\0\uff1d\uff0b\uff0d\uff20';

/** A formula-like cell that is simply a number (`-3`) is left alone: a spreadsheet reads the same number. */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The usual separators, which safe mode quotes in every cell whatever the delimiter, so a
 * spreadsheet that splits on another one (a `;` locale reading a `,` file) cannot cut a cell in
 * two and start a formula in the second half (OWASP).
 */
export const SAFE_MODE_SEPARATORS = ',;\t';

/** What RFC 4180 quotes besides the delimiter: the quote itself and line breaks. */
const RFC4180_QUOTED = '"\r\n';

/** Characters that make safe mode quote a cell, whatever the delimiter. */
const SAFE_MODE_QUOTED = RFC4180_QUOTED + SAFE_MODE_SEPARATORS;

/** A lookup table of `size` entries: 1 at each of `codes`, 0 elsewhere. */
function table(codes: readonly number[], size: number): Uint8Array {
  const t = new Uint8Array(size);
  for (const c of codes) {
    t[c] = 1;
  }
  return t;
}

/** One entry per UTF-16 code unit (64 KiB): a single lookup in the row formatter's hot loop. */
const FORMULA_UNITS = table([...FORMULA_STARTS].map((c) => c.charCodeAt(0)), 0x10000);

/** True for a UTF-16 code unit spreadsheets start formulas with (`FORMULA_STARTS`). */
function startsFormula(c: number): boolean {
  return FORMULA_UNITS[c] === 1;
}

/**
 * Invisible characters a cell may start with that spreadsheets skip or that hide what follows:
 * the BOM / zero-width no-break space, zero-width space, non-joiner and joiner, word joiner and
 * the Mongolian vowel separator. Safe mode judges the text after them (`\uFEFF=HYPERLINK(…)`).
 */
const INVISIBLE_STARTS = '\ufeff\u200b\u200c\u200d\u2060\u180e';

const INVISIBLE_UNITS = table([...INVISIBLE_STARTS].map((c) => c.charCodeAt(0)), 0x10000);

/**
 * True when a spreadsheet would treat this text as a formula: after any leading invisible
 * characters it starts with a formula character and is not simply a number like `-3` (which a
 * spreadsheet reads as the same number anyway).
 */
export function isFormulaLike(text: string): boolean {
  if (text.length === 0) {
    return false;
  }
  if (INVISIBLE_UNITS[text.charCodeAt(0)] === 1) {
    let i = 1;
    while (i < text.length && INVISIBLE_UNITS[text.charCodeAt(i)] === 1) {
      i++;
    }
    return i < text.length && isFormulaLike(text.slice(i));
  }
  return startsFormula(text.charCodeAt(0)) && !PLAIN_NUMBER.test(text);
}

/**
 * The bytes a formula-like UTF-8 cell can start with: each formula or invisible character's first
 * byte (0xEF for the full-width signs and the BOM, 0xE2 and 0xE1 for the zero-width ones). A cheap filter on bytes before `isFormulaLike` judges the cell.
 */
export const FORMULA_LEAD_BYTES: Uint8Array = table([...FORMULA_STARTS + INVISIBLE_STARTS].map((c) => Buffer.from(c, 'utf8')[0] as number), 256);

/** The bytes that make safe mode quote a cell whatever the delimiter (all ASCII, so one byte each). */
export const SAFE_MODE_QUOTED_BYTES: Uint8Array = table([...SAFE_MODE_QUOTED].map((c) => c.charCodeAt(0)), 256);

/**
 * The characters that force quotes around a cell. Raw mode quotes the RFC 4180 minimum (the
 * quote, CR, LF and the delimiter); safe mode also quotes every usual separator.
 */
export function quoteTrigger(safe: boolean, delimiter: string): RegExp {
  const chars = safe ? SAFE_MODE_QUOTED : RFC4180_QUOTED + delimiter;
  return new RegExp(`[${chars.replace(/[\\\]^-]/g, '\\$&')}]`);
}
