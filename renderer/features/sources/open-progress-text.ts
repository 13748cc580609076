/**
 * The progress card's text while a store opens (a JSON folder being read into its cache):
 * "Reading 12 / 1,000 files · 345,678 records · 120 MiB of 386 MiB", then "Building indexes…".
 */
import type { OpenProgress } from '../../../shared/api/contract';
import { formatInt, formatMiB } from '../../components/format';

/** The one-line description of where opening stands. */
export function openProgressText(p: OpenProgress): string {
  if (p.phase === 'indexing') {
    return `Building indexes… · ${formatInt(p.records)} ${p.records === 1 ? 'record' : 'records'} from ${formatInt(p.files)} ${p.files === 1 ? 'file' : 'files'}`;
  }
  const parts = [
    `Reading ${formatInt(p.files)} / ${formatInt(p.filesTotal)} ${p.filesTotal === 1 ? 'file' : 'files'}`,
    `${formatInt(p.records)} ${p.records === 1 ? 'record' : 'records'}`,
  ];
  if (p.bytesTotal > 0) {
    parts.push(`${formatMiB(p.bytes)} of ${formatMiB(p.bytesTotal)}`);
  }
  return parts.join(' · ');
}

/** The bar over bytes read (0 to 1); null (indeterminate) while indexing or when the size is unknown. */
export function openProgressFraction(p: OpenProgress | null): number | null {
  if (p === null || p.phase === 'indexing' || p.bytesTotal <= 0) {
    return null;
  }
  return Math.min(1, Math.max(0, p.bytes / p.bytesTotal));
}

/** What to call a store being opened by path: its last path segment (`/data/audit/` → `audit`). */
export function pathLabel(path: string): string {
  const parts = path.split(/[\\/]+/).filter((p) => p !== '');
  return parts[parts.length - 1] ?? path;
}
