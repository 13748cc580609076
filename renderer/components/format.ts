import type { RowCount } from '../../shared/model/catalog';

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Formats a whole number with thousands separators: `1234` → `1,234`. */
export function formatInt(n: number): string {
  return GROUPED.format(n);
}

/** A bounded count as text: `1,234` when exact, `≥ 10,000` when the count stopped early. */
export function formatRowCount(count: RowCount): string {
  return count.exact ? formatInt(count.value) : `≥ ${formatInt(count.value)}`;
}

/** A duration in milliseconds, short: `12 ms`, `1.4 s`. */
export function formatMs(ms: number): string {
  if (ms < 1_000) {
    return `${Math.max(0, Math.round(ms))} ms`;
  }
  return `${(ms / 1_000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** "1 row" / "2 rows": the noun after a count. */
export function rowsNoun(count: RowCount): string {
  return count.exact && count.value === 1 ? 'row' : 'rows';
}

const MIB = 1024 * 1024;

/** A byte size in MiB, as precise as it is useful: `0.05 MiB`, `3.2 MiB`, `1,234 MiB`. */
export function formatMiB(bytes: number): string {
  const mib = Math.max(0, bytes) / MIB;
  if (mib === 0) {
    return '0 MiB';
  }
  if (mib < 1) {
    return `${mib < 0.01 ? '< 0.01' : mib.toFixed(2)} MiB`;
  }
  return mib < 10 ? `${mib.toFixed(1)} MiB` : `${formatInt(mib)} MiB`;
}
