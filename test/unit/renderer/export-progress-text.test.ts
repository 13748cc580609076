import { describe, expect, it } from 'vitest';
import type { ExportJobStatus } from '../../../shared/api/contract';
import { formatMiB } from '../../../renderer/components/format';
import {
  countText, etaText, progressFraction, progressParts, rateText, rowsWrittenText, withKnownTotal,
} from '../../../renderer/export/export-progress-text';

const running: ExportJobStatus = {
  state: 'running', rows: 12_345, bytes: 3.25 * 1024 * 1024, rate: 45_678.4, etaMs: 2_100, totalRows: 20_000, path: null, error: null, download: null,
};

describe('export progress text', () => {
  it('says how many rows the export will write', () => {
    expect(countText({ value: 1_234, exact: true })).toBe('1,234 rows');
    expect(countText({ value: 1, exact: true })).toBe('1 row');
    expect(countText({ value: 0, exact: true })).toBe('0 rows');
    expect(countText({ value: 10_000, exact: false })).toBe('at least 10,000 rows');
  });

  it('formats rows against the total, when known', () => {
    expect(rowsWrittenText(12_345, 20_000)).toBe('12,345 / 20,000 rows');
    expect(rowsWrittenText(12_345, null)).toBe('12,345 rows written');
  });

  it('formats sizes in MiB, as precise as useful', () => {
    expect(formatMiB(0)).toBe('0 MiB');
    expect(formatMiB(100)).toBe('< 0.01 MiB');
    expect(formatMiB(0.38 * 1024 * 1024)).toBe('0.38 MiB');
    expect(formatMiB(3.25 * 1024 * 1024)).toBe('3.3 MiB');
    expect(formatMiB(120.4 * 1024 * 1024)).toBe('120 MiB');
    expect(formatMiB(1_234 * 1024 * 1024)).toBe('1,234 MiB');
  });

  it('formats the rate and the time left', () => {
    expect(rateText(45_678.4)).toBe('45,678 rows/s');
    expect(rateText(0)).toBe('— rows/s');
    expect(rateText(Number.NaN)).toBe('— rows/s');
    expect(etaText(null)).toBe('time left unknown');
    expect(etaText(300)).toBe('less than a second left');
    expect(etaText(12_400)).toBe('12 s left');
    expect(etaText(60_000)).toBe('1 min left');
    expect(etaText(200_000)).toBe('3 min 20 s left');
    expect(etaText(3_900_000)).toBe('1 h 5 min left');
    expect(etaText(7_200_000)).toBe('2 h left');
  });

  it('fills the bar by rows over the total, indeterminate without a total, full when done', () => {
    expect(progressFraction(running)).toBeCloseTo(0.61725);
    expect(progressFraction({ ...running, totalRows: null })).toBeNull();
    expect(progressFraction({ ...running, totalRows: 0 })).toBeNull();
    expect(progressFraction({ ...running, rows: 30_000 })).toBe(1);
    expect(progressFraction({ ...running, state: 'done', totalRows: null })).toBe(1);
  });

  it('lists the figures under the bar, with no time left once finished', () => {
    expect(progressParts(running)).toEqual({ rows: '12,345 / 20,000 rows', size: '3.3 MiB', rate: '45,678 rows/s', eta: '2 s left' });
    expect(progressParts({ ...running, state: 'done' }).eta).toBe('');
  });

  it('uses the dialog\'s exact count as the total until the server has one', () => {
    const unknown = { ...running, totalRows: null };
    expect(withKnownTotal(unknown, { value: 20_000, exact: true }).totalRows).toBe(20_000);
    expect(withKnownTotal(unknown, { value: 10_000, exact: false }).totalRows).toBeNull();
    expect(withKnownTotal(unknown, null).totalRows).toBeNull();
    expect(withKnownTotal(running, { value: 5, exact: true }).totalRows).toBe(20_000);
  });
});
