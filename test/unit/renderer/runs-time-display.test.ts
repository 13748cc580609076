import { describe, expect, it } from 'vitest';
import { displayTime, offsetText } from '../../../renderer/features/runs/time-display';

const plus2 = () => 120;
const minus0530 = () => -330;

describe('displayTime', () => {
  it('converts a zoned value to UTC and says what was stored', () => {
    const d = displayTime('2024-01-01T01:00:00+07:00', 'utc');
    expect(d).toMatchObject({ text: '2023-12-31 18:00:00', asStored: false });
    expect(d.title).toContain('UTC');
    expect(d.title).toContain('stored as 2024-01-01T01:00:00+07:00');
  });

  it('converts a zoned value to local time with the local offset', () => {
    expect(displayTime('2026-11-02 04:00:10.517817+00:00', 'local', { offset: plus2 }).text).toBe('2026-11-02 06:00:10.517817');
    const d = displayTime('2024-01-01T01:00:00Z', 'local', { offset: minus0530 });
    expect(d.text).toBe('2023-12-31 19:30:00');
    expect(d.title).toContain('local time (UTC-05:30)');
  });

  it('shows a naive value as stored, in both modes, marked "as stored"', () => {
    for (const zone of ['utc', 'local'] as const) {
      const d = displayTime('2026-10-31 17:28:53', zone, { offset: plus2 });
      expect(d).toMatchObject({ text: '2026-10-31 17:28:53', asStored: true });
      expect(d.title).toContain('as stored');
    }
    expect(displayTime('2024-01-01T01:00:00', 'utc').text).toBe('2024-01-01T01:00:00');
  });

  it('cuts the fraction for a dense grid without rounding, keeping every digit in the tooltip', () => {
    const d = displayTime('2026-10-31 22:37:30.916956', 'utc', { maxFractionDigits: 3 });
    expect(d.text).toBe('2026-10-31 22:37:30.916');
    expect(d.title).toContain('22:37:30.916956');
    expect(displayTime('2026-10-31T22:37:30.999Z', 'utc', { maxFractionDigits: 0 }).text).toBe('2026-10-31 22:37:30');
  });

  it('leaves text that is not a date and time alone', () => {
    expect(displayTime('2026-10-31', 'local')).toMatchObject({ text: '2026-10-31', asStored: true });
    expect(displayTime('<img src=x>', 'utc')).toMatchObject({ text: '<img src=x>', asStored: true });
  });

  it('writes offsets as ISO does', () => {
    expect(offsetText(0)).toBe('+00:00');
    expect(offsetText(345)).toBe('+05:45');
    expect(offsetText(-210)).toBe('-03:30');
  });
});
