import { describe, expect, it } from 'vitest';
import { mixedStyles, timeStyle } from '../../../electron/views/time-styles';

// Styles seen in real audit tables (issue 13 item 11): SQL text from current_timestamp, ISO with Z
// from a Python loader, str() of an aware datetime from dbt's run_started_at.
describe('time styles', () => {
  it('writes digits as 9 and keeps the offset as written', () => {
    expect(timeStyle('2027-03-20 18:09:04')).toBe('9999-99-99 99:99:99');
    expect(timeStyle('2027-03-20T06:09:55.000000Z')).toBe('9999-99-99T99:99:99.999999Z');
    expect(timeStyle('2027-03-20 06:09:55.123456+00:00')).toBe('9999-99-99 99:99:99.999999+00:00');
    expect(timeStyle(1_805_566_195)).toBe('number');
    expect(timeStyle(null)).toBeNull();
  });

  it('calls a sample mixed when it holds two styles, or one shape at two offsets', () => {
    expect(mixedStyles(['2027-03-20 18:09:04', '2027-03-21 01:00:00', null])).toBe(false);
    expect(mixedStyles(['2027-03-20 18:09:04', '2027-03-20T06:09:55.000000Z'])).toBe(true);
    // Python's isoformat drops the fraction when it is zero: text order breaks at '.' against 'Z'.
    expect(mixedStyles(['2027-03-20T06:09:55Z', '2027-03-20T06:09:55.5Z'])).toBe(true);
    expect(mixedStyles(['2027-03-20T06:09:55+02:00', '2027-03-20T06:09:55+00:00'])).toBe(true);
  });
});
