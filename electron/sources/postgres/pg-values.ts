import type pg from 'pg';
import type { CellValue } from '../../../shared/model/values';

/** Bytes of a bytea value shown as hex; the rest is summarised by its size. */
const BLOB_PREVIEW = 32;

function int8Cell(text: string): CellValue {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : { t: 'int', v: text };
}

function floatCell(text: string): CellValue {
  const n = Number(text);
  // NaN and ±Infinity have no JSON form, so they travel as the server wrote them.
  return Number.isFinite(n) ? n : text;
}

function byteaCell(text: string): CellValue {
  if (!text.startsWith('\\x')) {
    return text;
  }
  return { t: 'blob', hex: text.slice(2, 2 + BLOB_PREVIEW * 2), size: (text.length - 2) / 2 };
}

const asText = (text: string): string => text;

/**
 * Type parsers that keep values faithful: booleans and 32-bit integers as JS values, int8 as a
 * number only when exact, and everything else as the server's text. Timestamps keep their offset
 * and precision (no JS Date), numeric keeps every digit, json/jsonb stay text, and arrays stay in
 * Postgres array text (`{a,"b c",NULL}`): the very bytes psql and COPY print, lossless for nested
 * and NULL elements, and what the ILIKE filter (which casts to text) matches against.
 */
export function parserFor(oid: number): (text: string) => unknown {
  switch (oid) {
    case 16:
      return (t) => t === 't';
    case 17:
      return byteaCell;
    case 20:
      return int8Cell;
    case 21:
    case 23:
    case 26:
      return Number;
    case 700:
    case 701:
      return floatCell;
    default:
      return asText;
  }
}

/** `parserFor` in the shape pg's client config takes, so no global pg type parser is ever changed. */
export const TYPE_PARSERS: pg.CustomTypesConfig = { getTypeParser: parserFor };

/** Turns a parsed value into a transport cell, cutting text beyond `maxText` characters. */
export function toCell(v: unknown, maxText: number): CellValue {
  if (v === null || v === undefined) {
    return null;
  }
  if (typeof v === 'string') {
    return v.length > maxText ? { t: 'truncated', v: v.slice(0, maxText), size: v.length } : v;
  }
  if (typeof v === 'number' || typeof v === 'boolean') {
    return v;
  }
  if (typeof v === 'object' && 't' in v) {
    return v as CellValue;
  }
  // Every parser returns a string, number, boolean or cell; anything else is shown as JSON.
  return JSON.stringify(v) ?? '';
}
