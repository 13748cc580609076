/**
 * The export dialog's options and how they are remembered between exports. What comes back from
 * localStorage is untrusted (an older version, a hand edit), so every field is checked on its
 * own and a bad one falls back to its default without losing the others.
 */
import type { ExportOptionsInput } from '../../shared/api/contract';

/** The CSV options the dialog edits; the same shape `export.start` takes. */
export type ExportOptions = ExportOptionsInput;

/** One CSV field separator. */
export type Delimiter = ExportOptions['delimiter'];
/** One line ending. */
export type LineEnding = ExportOptions['eol'];
/** How temporal columns are written. */
export type TimeMode = ExportOptions['time'];

/** The localStorage key the options live under. */
export const OPTIONS_STORAGE_KEY = 'auditlens.export.options';

/** The contract's defaults: safe for spreadsheets, no BOM, comma, LF, times as stored, provenance on. */
export const DEFAULT_EXPORT_OPTIONS: ExportOptions = Object.freeze({
  safe: true,
  bom: false,
  delimiter: ',',
  eol: '\n',
  time: 'stored',
  provenance: true,
});

const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];
const LINE_ENDINGS: readonly LineEnding[] = ['\n', '\r\n'];
const TIME_MODES: readonly TimeMode[] = ['stored', 'utc', 'local'];

/** Reads stored options: anything missing, of the wrong type or unknown takes its default. */
export function parseStoredOptions(text: string | null): ExportOptions {
  if (text === null || text === '') {
    return { ...DEFAULT_EXPORT_OPTIONS };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ...DEFAULT_EXPORT_OPTIONS };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ...DEFAULT_EXPORT_OPTIONS };
  }
  const o = raw as Record<string, unknown>;
  const d = DEFAULT_EXPORT_OPTIONS;
  return {
    safe: typeof o.safe === 'boolean' ? o.safe : d.safe,
    bom: typeof o.bom === 'boolean' ? o.bom : d.bom,
    delimiter: oneOf(DELIMITERS, o.delimiter) ?? d.delimiter,
    eol: oneOf(LINE_ENDINGS, o.eol) ?? d.eol,
    time: oneOf(TIME_MODES, o.time) ?? d.time,
    provenance: typeof o.provenance === 'boolean' ? o.provenance : d.provenance,
  };
}

/** The options as stored: only the known fields, so nothing else is ever persisted. */
export function serializeOptions(options: ExportOptions): string {
  const { safe, bom, delimiter, eol, time, provenance } = options;
  return JSON.stringify({ safe, bom, delimiter, eol, time, provenance });
}

/** The remembered options; the defaults when storage is unavailable (private mode, blocked). */
export function loadExportOptions(storage: Pick<Storage, 'getItem'> | null): ExportOptions {
  try {
    return parseStoredOptions(storage?.getItem(OPTIONS_STORAGE_KEY) ?? null);
  } catch {
    return { ...DEFAULT_EXPORT_OPTIONS };
  }
}

/** Remembers the options; a full or blocked storage only means they are not remembered. */
export function saveExportOptions(storage: Pick<Storage, 'setItem'> | null, options: ExportOptions): void {
  try {
    storage?.setItem(OPTIONS_STORAGE_KEY, serializeOptions(options));
  } catch {
    // Remembering is a convenience; the export itself does not depend on it.
  }
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown): T | null {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}
