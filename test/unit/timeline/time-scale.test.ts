import { describe, expect, it } from 'vitest';
import { MIN_SPAN_MS, fitScale, msPerPx, panBy, timeOf, timeScale, xOf, zoomAt } from '../../../shared/timeline/time-scale';
import { chooseStep, formatDuration, timeTicks } from '../../../shared/timeline/time-ticks';

const T0 = Date.UTC(2026, 2, 3, 10, 0, 0);

describe('time scale', () => {
  it('maps times to x and back', () => {
    const s = timeScale(T0, T0 + 1_000_000, 1_000);
    expect(msPerPx(s)).toBe(1_000);
    expect(xOf(s, T0 + 250_000)).toBe(250);
    expect(timeOf(s, 750)).toBe(T0 + 750_000);
  });

  it('zooms around the pointer, keeping the time under it in place', () => {
    const s = timeScale(T0, T0 + 1_000_000, 1_000);
    const z = zoomAt(s, 0.5, 200);
    expect(z.toMs - z.fromMs).toBe(500_000);
    expect(timeOf(z, 200)).toBeCloseTo(timeOf(s, 200), 6);
  });

  it('never zooms below the minimum span, nor pans or zooms out of the bounds', () => {
    const s = timeScale(T0, T0 + 100, 500);
    expect(zoomAt(s, 0.0001, 0).toMs - zoomAt(s, 0.0001, 0).fromMs).toBe(MIN_SPAN_MS);
    const bounds = { minMs: T0, maxMs: T0 + 10_000 };
    const wide = timeScale(T0, T0 + 5_000, 500);
    expect(panBy(wide, -10_000, bounds).fromMs).toBe(T0);
    expect(panBy(wide, 10_000, bounds).toMs).toBe(T0 + 10_000);
    const out = zoomAt(wide, 10, 250, bounds);
    expect([out.fromMs, out.toMs]).toEqual([T0, T0 + 10_000]);
  });

  it('fits a window with a margin on both sides', () => {
    const s = fitScale(T0, T0 + 1_000, 100, 0.1);
    expect([s.fromMs, s.toMs]).toEqual([T0 - 100, T0 + 1_100]);
  });
});

describe('ruler ticks', () => {
  it('adapts the step from milliseconds to years as the window widens', () => {
    const units = [50, 20_000, 3_600_000, 3 * 86_400_000, 400 * 86_400_000, 20 * 365 * 86_400_000].map(
      (span) => chooseStep(timeScale(T0, T0 + span, 1_000), 90).unit,
    );
    expect(units).toEqual(['ms', 'second', 'minute', 'hour', 'month', 'year']);
  });

  it('keeps labels at least the minimum apart and aligns ticks to round times', () => {
    const s = timeScale(T0 + 7_000, T0 + 3_600_000, 1_200);
    const ticks = timeTicks(s, 90);
    expect(ticks.length).toBeGreaterThan(3);
    for (let i = 1; i < ticks.length; i++) {
      expect((ticks[i]?.x ?? 0) - (ticks[i - 1]?.x ?? 0)).toBeGreaterThanOrEqual(90);
    }
    expect(ticks.every((t) => t.ms % 60_000 === 0)).toBe(true);
    expect(ticks.every((t) => t.x >= 0 && t.x <= 1_200)).toBe(true);
  });

  it('puts month ticks on the 1st of each month and marks the new year', () => {
    const s = timeScale(Date.UTC(2025, 9, 10), Date.UTC(2026, 4, 10), 1_000);
    const ticks = timeTicks(s, 90);
    expect(ticks.map((t) => new Date(t.ms).getUTCDate())).toEqual(ticks.map(() => 1));
    expect(ticks.find((t) => t.major)?.label).toBe('2026');
    expect(ticks.map((t) => t.label)).toContain('Nov');
  });

  it('aligns to the wall clock of a local offset, and labels the new day', () => {
    const offset = 120;
    const s = timeScale(Date.UTC(2026, 2, 2, 20), Date.UTC(2026, 2, 3, 4), 800);
    const ticks = timeTicks(s, 90, offset);
    // Local midnight is 22:00 UTC at +02:00.
    const midnight = ticks.find((t) => t.major);
    expect(midnight?.ms).toBe(Date.UTC(2026, 2, 2, 22));
    expect(midnight?.label).toBe('Mar 3');
  });

  it('writes durations as a person reads them', () => {
    expect([850, 12_400, 200_000, 7_500_000, 3 * 86_400_000 + 4 * 3_600_000].map(formatDuration))
      .toEqual(['850 ms', '12.4 s', '3 min 20 s', '2 h 05 min', '3 d 4 h']);
    // Rounding carries into the larger unit instead of writing 60 of the smaller one.
    expect([3_599_700, 86_399_000 - 20_000, 86_400_000 * 2 - 60_000, 119_600].map(formatDuration))
      .toEqual(['1 h 00 min', '1 d 0 h', '2 d 0 h', '2 min 00 s']);
  });
});
