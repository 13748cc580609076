import { cutBigValues } from './big-values';
import { findInvalidUtf8 } from './decode-utf8';
import { ExactNumber, markerFor, reviveExact } from './exact-number';
import { findKeyProblems } from './key-check';
import { ScanFlag, type ScanNote, type ScannedRecord } from './scan-types';

/** A problem inside one record, placed in the file. */
export interface RecordNote {
  readonly offset: number;
  readonly line: number;
  readonly message: string;
}

/** A parsed record with the notes worth listing, or why it could not be read. */
export type DecodeResult =
  | { readonly ok: true; readonly value: unknown; readonly exact: boolean; readonly notes: readonly RecordNote[] }
  | { readonly ok: false; readonly note: RecordNote };

const MIB = 1024 * 1024;

function sizeText(bytes: number): string {
  return bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`;
}

/**
 * Turns scanned record bytes into a value: checks UTF-8 (fatally, with the byte offset), swaps
 * lossy numbers for exact ones, parses with the native `JSON.parse`, and explains what the scanner
 * flagged: duplicate keys (the last value wins, as in every JSON parser), `__proto__` keys (kept as
 * plain data: JSON.parse makes an own property, it never touches a prototype), cut strings,
 * numbers kept as text, and lone surrogates (which SQLite would store as U+FFFD).
 */
export function decodeRecord(rec: ScannedRecord, maxStringBytes: number): DecodeResult {
  const bytes = rec.flags & (ScanFlag.LossyNumber | ScanFlag.TruncatedString) ? applyEdits(rec.bytes, rec.notes) : rec.bytes;
  const bad = findInvalidUtf8(bytes);
  if (bad) {
    return { ok: false, note: at(rec, bytes, bad.offset, `invalid UTF-8: ${bad.reason}; the record that starts on line ${rec.line} was skipped`) };
  }
  // A field of more than a cell's worth of JSON is cut before it is parsed (big-values.ts).
  const big = bytes.length > maxStringBytes ? cutBigValues(bytes, maxStringBytes) : null;
  const bigNotes = (big?.cuts ?? []).map((c) => at(rec, bytes, c.rel, `the value of ${JSON.stringify(c.key).slice(0, 200)} is ${c.size.toLocaleString('en-US')} bytes of JSON, more than the ${sizeText(maxStringBytes)} a cell keeps, so it is stored as text holding its first ${sizeText(maxStringBytes)}`));
  const text = (big?.bytes ?? bytes).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const pos = /position (\d+)/.exec(String((e as Error).message));
    const index = pos ? Number(pos[1]) : 0;
    const reason = String((e as Error).message).replace(/ in JSON at position \d+.*$/s, '').replace(/^Unexpected token/, 'unexpected character');
    return { ok: false, note: atIndex(rec, text, index, `${reason}; the record that starts on line ${rec.line} was skipped`) };
  }
  const exact = (rec.flags & ScanFlag.LossyNumber) !== 0;
  if (exact) {
    value = reviveExact(value);
  }
  if (rec.flags === 0) {
    return { ok: true, value, exact, notes: bigNotes };
  }
  const notes: RecordNote[] = [...bigNotes];
  if (rec.flags & ScanFlag.CheckKeys) {
    for (const f of findKeyProblems(text)) {
      const what = f.kind === 'duplicate'
        ? `duplicate key ${JSON.stringify(f.key)} in ${f.path}; the last value was kept`
        : 'a key named "__proto__", kept as plain data';
      notes.push(atIndex(rec, text, f.index, what));
    }
  } else {
    for (const n of rec.notes) {
      if (n.kind === 'proto') {
        notes.push({ offset: n.offset, line: n.line, message: 'a key named "__proto__", kept as plain data' });
      }
    }
  }
  for (const n of rec.notes) {
    if (n.kind === 'truncated') {
      notes.push({ offset: n.offset, line: n.line, message: `a string of ${n.size} bytes was cut to its first ${sizeText(maxStringBytes)}` });
    } else if (n.kind === 'number' && !new ExactNumber(n.text).isInt64) {
      // Integers past 2^53 that fit in 64 bits are stored exactly; anything else becomes text.
      notes.push({ offset: n.offset, line: n.line, message: `the number ${n.text.slice(0, 40)} cannot be stored exactly as a number, so it is kept as text` });
    }
  }
  if (rec.flags & ScanFlag.UnicodeEscape && hasLoneSurrogate(value)) {
    // SQLite text is UTF-8, which cannot hold a lone surrogate (better-sqlite3 would write invalid
    // bytes); the escape is kept as visible text instead, and flagged.
    value = escapeLoneSurrogates(value);
    const m = /\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])|\\u[dD][c-fC-F][0-9a-fA-F]{2}/.exec(text);
    notes.push(atIndex(rec, text, m?.index ?? 0, 'a string holds an unpaired UTF-16 surrogate escape; it is stored as the text \\uXXXX'));
  }
  return { ok: true, value, exact, notes };
}

/** Cuts long strings back to a clean character boundary and wraps lossy numbers in markers. */
function applyEdits(bytes: Buffer, notes: readonly ScanNote[]): Buffer {
  type Edit = { at: number; remove: number; insert: string };
  const edits: Edit[] = [];
  for (const n of notes) {
    if (n.kind === 'number') {
      edits.push({ at: n.relStart, remove: Buffer.byteLength(n.text, 'latin1'), insert: markerFor(n.text) });
    } else if (n.kind === 'cut') {
      const safe = safeCut(bytes, n.relStart, n.relEnd);
      if (safe < n.relEnd) {
        edits.push({ at: safe, remove: n.relEnd - safe, insert: '' });
      }
    }
  }
  if (edits.length === 0) {
    return bytes;
  }
  edits.sort((a, b) => a.at - b.at);
  const parts: Buffer[] = [];
  let pos = 0;
  for (const e of edits) {
    parts.push(bytes.subarray(pos, e.at), Buffer.from(e.insert, 'latin1'));
    pos = e.at + e.remove;
  }
  parts.push(bytes.subarray(pos));
  return Buffer.concat(parts);
}

/** The last index at or before `end` where string content from `start` can stop cleanly. */
function safeCut(bytes: Buffer, start: number, end: number): number {
  let i = start;
  let safe = start;
  while (i < end) {
    const b = bytes[i] as number;
    const len = b === 0x5c ? (bytes[i + 1] === 0x75 ? 6 : 2) : b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    if (i + len > end) {
      break;
    }
    i += len;
    safe = i;
  }
  return safe;
}

/** A UTF-16 surrogate without its partner (String#isWellFormed is ES2024, newer than our lib). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

function escapeText(s: string): string {
  return s.replace(LONE_SURROGATES, (m) => `\\u${m.charCodeAt(0).toString(16)}`);
}

/** A copy of the value with every lone surrogate, in strings and keys, written as its escape text. */
function escapeLoneSurrogates(v: unknown): unknown {
  if (typeof v === 'string') {
    return escapeText(v);
  }
  if (Array.isArray(v)) {
    return v.map(escapeLoneSurrogates);
  }
  if (v !== null && typeof v === 'object' && !(v instanceof ExactNumber)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      Object.defineProperty(out, escapeText(k), { value: escapeLoneSurrogates(x), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return v;
}

function hasLoneSurrogate(v: unknown): boolean {
  if (typeof v === 'string') {
    return LONE_SURROGATE.test(v);
  }
  if (Array.isArray(v)) {
    return v.some(hasLoneSurrogate);
  }
  if (v !== null && typeof v === 'object') {
    return Object.keys(v).some((k) => LONE_SURROGATE.test(k) || hasLoneSurrogate((v as Record<string, unknown>)[k]));
  }
  return false;
}

function at(rec: ScannedRecord, bytes: Buffer, rel: number, message: string): RecordNote {
  let lines = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < rel; i = bytes.indexOf(0x0a, i + 1)) {
    lines++;
  }
  return { offset: rec.offset + rel, line: rec.line + lines, message };
}

function atIndex(rec: ScannedRecord, text: string, index: number, message: string): RecordNote {
  const before = text.slice(0, index);
  let lines = 0;
  for (let i = before.indexOf('\n'); i !== -1; i = before.indexOf('\n', i + 1)) {
    lines++;
  }
  return { offset: rec.offset + Buffer.byteLength(before), line: rec.line + lines, message };
}
