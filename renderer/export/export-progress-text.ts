/**
 * The words and numbers of the export dialog: how many rows it will write, and how far a
 * running job has come (rows, MiB, rows/s, time left, the bar's fraction).
 */
import type { ExportJobStatus } from '../../shared/api/contract';
import type { RowCount } from '../../shared/model/catalog';
import { formatInt, formatMiB } from '../components/format';

/** The rows an export will write: "1 row", "1,234 rows", or "at least 10,000 rows" when the count stopped early. */
export function countText(count: RowCount): string {
  if (!count.exact) {
    return `at least ${formatInt(count.value)} rows`;
  }
  return `${formatInt(count.value)} ${count.value === 1 ? 'row' : 'rows'}`;
}

/** Rows written so far, against the total when it is known: "12,345 / 20,000 rows". */
export function rowsWrittenText(rows: number, totalRows: number | null): string {
  return totalRows === null ? `${formatInt(rows)} rows written` : `${formatInt(rows)} / ${formatInt(totalRows)} rows`;
}

/** Throughput: "45,678 rows/s"; an em dash before the first rows arrive. */
export function rateText(rowsPerSecond: number): string {
  return Number.isFinite(rowsPerSecond) && rowsPerSecond > 0 ? `${formatInt(rowsPerSecond)} rows/s` : '— rows/s';
}

/** Time left, rounded the way people say it: "12 s left", "3 min 20 s left", "1 h 5 min left". */
export function etaText(etaMs: number | null): string {
  if (etaMs === null || !Number.isFinite(etaMs) || etaMs < 0) {
    return 'time left unknown';
  }
  const s = Math.round(etaMs / 1_000);
  if (s < 1) {
    return 'less than a second left';
  }
  if (s < 60) {
    return `${s} s left`;
  }
  if (s < 3_600) {
    const rest = s % 60;
    return `${Math.floor(s / 60)} min${rest > 0 ? ` ${rest} s` : ''} left`;
  }
  const min = Math.floor((s % 3_600) / 60);
  return `${Math.floor(s / 3_600)} h${min > 0 ? ` ${min} min` : ''} left`;
}

/** How full the bar is (0 to 1), or null for an indeterminate bar when the total is unknown. */
export function progressFraction(status: Pick<ExportJobStatus, 'state' | 'rows' | 'totalRows'>): number | null {
  if (status.state === 'done') {
    return 1;
  }
  if (status.totalRows === null || status.totalRows <= 0) {
    return null;
  }
  return Math.min(1, Math.max(0, status.rows / status.totalRows));
}

/** The progress figures shown under the bar, in reading order. */
export function progressParts(status: ExportJobStatus): { readonly rows: string; readonly size: string; readonly rate: string; readonly eta: string } {
  return {
    rows: rowsWrittenText(status.rows, status.totalRows),
    size: formatMiB(status.bytes),
    rate: rateText(status.rate),
    eta: status.state === 'running' ? etaText(status.etaMs) : '',
  };
}

/**
 * The status with the dialog's exact count as its total until the server reports one, so the
 * bar is determinate from the first frame (the server's own count may still be running).
 */
export function withKnownTotal(status: ExportJobStatus, count: RowCount | null): ExportJobStatus {
  if (status.totalRows !== null || count === null || !count.exact) {
    return status;
  }
  return { ...status, totalRows: count.value };
}
