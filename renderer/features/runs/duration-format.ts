/**
 * Run and step durations as people read them in a dense grid: `420 ms`, `4.2 s`, `42 s`,
 * `3 min 05 s`, `1 h 02 min`, `2 d 03 h`. Two units at most, the second zero-padded so a
 * column of durations lines up.
 */
import type { CellValue } from '../../../shared/model/values';

/** Seconds held by a duration cell, or null when the cell holds no usable number. */
export function durationSeconds(cell: CellValue | undefined): number | null {
  if (cell === null || cell === undefined || typeof cell === 'boolean') {
    return null;
  }
  const n = typeof cell === 'number' ? cell : typeof cell === 'string' ? Number(cell) : cell.t === 'int' ? Number(cell.v) : Number.NaN;
  // An empty string would read as 0 seconds: it is no duration at all.
  return Number.isFinite(n) && !(typeof cell === 'string' && cell.trim() === '') ? n : null;
}

/** Formats seconds; empty for null. A negative duration (clock skew in the store) keeps its sign. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) {
    return '';
  }
  if (seconds < 0) {
    return `−${formatDuration(-seconds)}`;
  }
  if (seconds === 0) {
    return '0 s';
  }
  if (seconds < 1) {
    // Below a millisecond still reads as a duration, not as zero.
    return `${Math.max(1, Math.round(seconds * 1_000))} ms`;
  }
  if (seconds < 9.95) {
    return `${seconds.toFixed(1)} s`;
  }
  const total = Math.round(seconds);
  if (total < 60) {
    return `${total} s`;
  }
  if (total < 3_600) {
    return `${Math.floor(total / 60)} min ${pad2(total % 60)} s`;
  }
  const minutes = Math.round(total / 60);
  if (minutes < 24 * 60) {
    return `${Math.floor(minutes / 60)} h ${pad2(minutes % 60)} min`;
  }
  const hours = Math.round(total / 3_600);
  return `${Math.floor(hours / 24)} d ${pad2(hours % 24)} h`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Where a format has a start, an end and its own duration figure, the shown duration is end − start;
 * the figure contradicts it when they differ by more than a second and a tenth (ddeutil's
 * exec_latency of 0.587 s on a run from 21:00:00 to 21:03:09). Null when they agree or one is missing.
 */
export function durationContradiction(endMinusStart: CellValue | undefined, own: CellValue | undefined, unit: 's' | 'ms'): number | null {
  const a = durationSeconds(endMinusStart);
  const raw = durationSeconds(own);
  if (a === null || raw === null) {
    return null;
  }
  const b = unit === 'ms' ? raw / 1000 : raw;
  return Math.abs(a - b) > Math.max(1, 0.1 * Math.abs(a)) ? b : null;
}
