import { AuditlensError } from '../../shared/api/result';
import type { ConsoleExportResult } from '../export/console-export';
import { runConsoleExport } from '../export/console-export';
import type { ExportOptions } from '../export/export-service';
import type { StoreManager } from '../sources/store-manager';

/** What `auditlens query` was asked for. */
export interface QueryArgs {
  readonly store: string;
  readonly sql: string;
  /** A file, or '-' for standard output. */
  readonly out: string;
  readonly options: ExportOptions;
  /** Stop the statement after this long; null: no limit (Ctrl-C still stops it). */
  readonly timeoutMs: number | null;
}

/** Where the command runs: the app's data folder (temp-file journal), version, and cancel. */
export interface QueryCommandContext {
  readonly dataDir: string;
  readonly appVersion: string;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Runs one read-only statement, as the app's SQL console does, and writes all its rows as CSV
 * through the console export (provenance beside a file names the statement).
 */
export async function queryCommand(stores: StoreManager, a: QueryArgs, ctx: QueryCommandContext): Promise<ConsoleExportResult> {
  const { storeId, source } = await stores.openLocation(a.store, {}, { warmExport: true });
  const limit = a.timeoutMs === null ? null : AbortSignal.timeout(a.timeoutMs);
  const signals = [ctx.signal, limit].filter((s): s is AbortSignal => s !== undefined && s !== null);
  try {
    return await runConsoleExport({
      source, sql: a.sql, target: a.out, options: a.options, appVersion: ctx.appVersion, dataDir: ctx.dataDir,
      signal: signals.length > 0 ? AbortSignal.any(signals) : undefined,
    });
  } catch (e) {
    if (limit?.aborted === true && e instanceof AuditlensError && e.code === 'cancelled') {
      throw new AuditlensError('timeout', `The query took longer than ${formatSeconds(a.timeoutMs ?? 0)} s and was stopped; nothing was written.`);
    }
    throw e;
  } finally {
    await stores.close(storeId);
  }
}

/** Seconds for a message: whole when whole, else one decimal. */
function formatSeconds(ms: number): string {
  const s = ms / 1_000;
  return Number.isInteger(s) ? String(s) : s.toFixed(1);
}

/** Parses `--timeout SECONDS` (a positive number), or null when absent. */
export function parseTimeout(v: string | undefined): number | null | 'bad' {
  if (v === undefined) {
    return null;
  }
  const s = Number(v);
  return Number.isFinite(s) && s > 0 && s <= 86_400 ? Math.round(s * 1_000) : 'bad';
}
