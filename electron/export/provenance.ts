/**
 * The provenance record written beside an export (`x.csv` → `x.csv.json`): which store (and the
 * SHA-256 of its file, or the connection without its password), which view and filters, the exact
 * SQL and parameters, how many rows, with which options, by which version, when. With it a reader
 * can check that the CSV is complete and reproduce it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AuditlensError } from '../../shared/api/result';
import type { SourceInfo } from '../../shared/model/catalog';
import type { TableQuery, TimeWindow } from '../../shared/model/view-request';
import type { TimeMode } from '../csv/csv-format';
import { sameFile, tempPathFor } from './export-file';

/** Format tag of the record; bump the number when fields change meaning. */
export const PROVENANCE_FORMAT = 'auditlens-export-provenance/1';

/** The store an export read, without secrets. */
export type ProvenanceSource =
  | { readonly kind: 'sqlite' | 'json'; readonly path: string; readonly sha256: string | null; readonly bytes: number | null }
  | { readonly kind: 'postgres'; readonly url: string };

/** The provenance record, as written to JSON. */
export interface ProvenanceRecord {
  readonly format: typeof PROVENANCE_FORMAT;
  /** The CSV this record describes (a name in the same folder). */
  readonly file: string;
  readonly createdAt: string;
  readonly appVersion: string;
  readonly source: ProvenanceSource;
  readonly view: {
    readonly kind: 'table' | 'runs' | 'steps' | 'lineage' | 'console';
    readonly table: TableQuery['table'];
    readonly columns: readonly string[];
    /** The audit format of a runs or steps view (e.g. `dbt-audit`). */
    readonly format?: string;
    /** A steps export of the runs matching these filters (on run columns); `filters` are on step columns. */
    readonly runFilters?: TableQuery['filters'];
    /** A steps export of one run: its key. */
    readonly runKey?: readonly unknown[];
    /** Only runs overlapping this time window (a steps export: the steps of those runs). */
    readonly window?: TimeWindow;
    /** A lineage export: the walk asked for (its edges are the rows). */
    readonly lineage?: LineageWalkRecord;
  };
  readonly filters: TableQuery['filters'];
  readonly sort: TableQuery['sort'];
  readonly sql: string;
  /** Bound parameters in placeholder order; bigints as decimal strings. */
  readonly params: readonly unknown[];
  readonly rowCount: number;
  readonly bytes: number;
  readonly options: {
    readonly mode: 'safe' | 'raw';
    readonly bom: boolean;
    readonly delimiter: string;
    readonly eol: 'LF' | 'CRLF';
    readonly time: TimeMode;
  };
}

/** The lineage walk behind a lineage export, as its provenance records it. */
export interface LineageWalkRecord {
  readonly node: string;
  readonly direction: string;
  readonly depth: number | null;
  readonly columns: boolean;
  readonly asOf: string | null;
  readonly run: string | null;
  readonly budget: number;
  readonly nodes: number;
  readonly truncated: boolean;
}

/** A runs, steps or lineage view of an audit format, as an export names it. */
export interface ExportView {
  readonly kind: 'runs' | 'steps' | 'lineage' | 'console';
  readonly format: string;
  /** Steps of the runs matching these run-column filters. */
  readonly runFilters?: TableQuery['filters'] | undefined;
  /** Steps of the run with this key. */
  readonly runKey?: readonly unknown[] | undefined;
  /** Runs overlapping this time window (or the steps of those runs). */
  readonly window?: TimeWindow | undefined;
  /** A lineage export's walk. */
  readonly lineage?: LineageWalkRecord | undefined;
}

/** Everything the record is built from. */
export interface ProvenanceInput {
  readonly csvPath: string;
  readonly createdAt: Date;
  readonly appVersion: string;
  readonly source: SourceInfo;
  /** SHA-256 and size of the store's file, when it is a file. */
  readonly fileHash: { readonly sha256: string; readonly bytes: number } | null;
  readonly query: TableQuery;
  /** A runs or steps view of an audit format, when the export is not a plain table. */
  readonly view?: ExportView | undefined;
  /** The exported columns, in order. */
  readonly columns: readonly string[];
  readonly sql: string;
  readonly params: readonly unknown[];
  readonly rowCount: number;
  readonly bytes: number;
  readonly options: { readonly safe: boolean; readonly bom: boolean; readonly delimiter: string; readonly eol: string; readonly time: TimeMode };
}

/** Builds the record (pure). */
export function buildProvenance(input: ProvenanceInput): ProvenanceRecord {
  const source: ProvenanceSource = input.source.kind === 'postgres'
    ? { kind: 'postgres', url: withoutPassword(input.source.location) }
    : { kind: input.source.kind, path: input.source.location, sha256: input.fileHash?.sha256 ?? null, bytes: input.fileHash?.bytes ?? null };
  return {
    format: PROVENANCE_FORMAT,
    file: path.basename(input.csvPath),
    createdAt: input.createdAt.toISOString(),
    appVersion: input.appVersion,
    source,
    view: input.view
      ? {
        kind: input.view.kind, format: input.view.format, table: input.query.table, columns: input.columns,
        ...(input.view.runFilters && input.view.runFilters.length > 0 ? { runFilters: input.view.runFilters } : {}),
        ...(input.view.runKey ? { runKey: input.view.runKey.map(jsonSafe) } : {}),
        ...(input.view.window ? { window: { from: input.view.window.from, to: input.view.window.to } } : {}),
        ...(input.view.lineage ? { lineage: input.view.lineage } : {}),
      }
      : { kind: 'table', table: input.query.table, columns: input.columns },
    filters: input.query.filters,
    sort: input.query.sort,
    sql: input.sql,
    params: input.params.map(jsonSafe),
    rowCount: input.rowCount,
    bytes: input.bytes,
    options: {
      mode: input.options.safe ? 'safe' : 'raw',
      bom: input.options.bom,
      delimiter: input.options.delimiter,
      eol: input.options.eol === '\r\n' ? 'CRLF' : 'LF',
      time: input.options.time,
    },
  };
}

/** Where the record of `csvPath` goes. */
export function provenancePathFor(csvPath: string): string {
  return `${csvPath}.json`;
}

/** Writes the record atomically beside the CSV; `onTempFile` sees the temporary name before it exists. */
export function writeProvenance(csvPath: string, record: ProvenanceRecord, onTempFile?: (tmp: string) => void): string {
  const target = provenancePathFor(csvPath);
  const tmp = tempPathFor(target);
  onTempFile?.(tmp);
  try {
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.writeFileSync(fd, `${JSON.stringify(record, null, 2)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    // Checked again just before the rename: a file that appeared meanwhile is still not ours to replace.
    if (fs.existsSync(target) && !isOwnProvenance(target)) {
      throw new AuditlensError('bad-input', `${target} appeared during the export and is not a provenance record Auditlens wrote; it was left alone.`);
    }
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  return target;
}

/** True when `file` is a regular file holding a provenance record Auditlens wrote (the only kind we replace). */
export function isOwnProvenance(file: string): boolean {
  try {
    const stat = fs.lstatSync(file);
    if (!stat.isFile() || stat.size > 16 << 20) {
      return false;
    }
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { format?: unknown } | null;
    return parsed !== null && typeof parsed === 'object' && typeof parsed.format === 'string' && parsed.format.startsWith('auditlens-export-provenance/');
  } catch {
    return false;
  }
}

/**
 * Refuses, before anything is written, a provenance target that is not ours to replace: the
 * store being exported (a JSON store named like the sidecar), or any existing file that is not a
 * record Auditlens wrote (`package.json`, the user's own `x.csv.json`).
 */
export function checkProvenanceTarget(csvPath: string, storeLocation: string | null): string {
  const target = provenancePathFor(path.resolve(csvPath));
  if (storeLocation !== null && sameFile(target, storeLocation)) {
    throw new AuditlensError('bad-input', `The provenance file ${target} would overwrite the store being exported; choose another --out name or use --no-provenance.`);
  }
  let exists = true;
  try {
    fs.lstatSync(target);
  } catch {
    exists = false;
  }
  if (exists && !isOwnProvenance(target)) {
    throw new AuditlensError('bad-input', `${target} already exists and is not a provenance record Auditlens wrote; nothing was written. Choose another --out name, move that file, or use --no-provenance.`);
  }
  return target;
}

/**
 * Removes a provenance file left beside `csvPath` by an earlier export, so it never describes the
 * new CSV. Only files that are our records are removed.
 */
export function removeStaleProvenance(csvPath: string): void {
  const file = provenancePathFor(csvPath);
  if (isOwnProvenance(file)) {
    fs.rmSync(file, { force: true });
  }
}

/** SHA-256 and size of a file, read as a stream (the store can be gigabytes); stops early on abort. */
export async function sha256File(file: string, signal?: AbortSignal): Promise<{ sha256: string; bytes: number }> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  const stream = fs.createReadStream(file, { highWaterMark: 1 << 20, signal });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** A connection URL with any password removed (the source should not carry one, but never trust that). */
export function withoutPassword(location: string): string {
  try {
    const url = new URL(location);
    if (url.password !== '') {
      url.password = '';
    }
    for (const key of [...url.searchParams.keys()]) {
      if (/pass|secret|token/i.test(key)) {
        url.searchParams.delete(key);
      }
    }
    return url.toString();
  } catch {
    // Not a URL (a libpq keyword string): drop `password=…`.
    return location.replace(/password\s*=\s*('[^']*'|\S+)/gi, '');
  }
}

function jsonSafe(v: unknown): unknown {
  if (typeof v === 'bigint') {
    return v.toString();
  }
  if (v instanceof Uint8Array) {
    return `\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`;
  }
  return v;
}
