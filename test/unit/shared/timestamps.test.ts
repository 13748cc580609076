import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatIso, parseTimestamp } from '../../../shared/model/timestamps';

describe('parseTimestamp', () => {
  it.each([
    // [text, epochMs, fractionDigits, offsetMinutes] — every value seen in the real fixtures.
    ['2021-12-09 14:26:44', Date.UTC(2021, 11, 9, 14, 26, 44), 0, null],
    ['2021-02-13 13:34:03.343', Date.UTC(2021, 1, 13, 13, 34, 3, 343), 3, null],
    ['2023-11-09 11:31:31.579000', Date.UTC(2023, 10, 9, 11, 31, 31, 579), 6, null],
    ['2022-09-01 6:12:13', Date.UTC(2022, 8, 1, 6, 12, 13), 0, null],
    ['2022-03-30T10:46:11.937Z', Date.UTC(2022, 2, 30, 10, 46, 11, 937), 3, 0],
    ['2025-01-18T00:00:00+07:00', Date.UTC(2025, 0, 17, 17), 0, 420],
    ['2024-01-01 01:00:00+07:00', Date.UTC(2023, 11, 31, 18), 0, 420],
    ['2024-01-01T01:00:00', Date.UTC(2024, 0, 1, 1), 0, null],
    ['2024-01-01T01:00:00+0530', Date.UTC(2023, 11, 31, 19, 30), 0, 330],
    ['2024-01-01 01:00:00-03', Date.UTC(2024, 0, 1, 4), 0, -180],
    ['2024-01-01 01:00:00 UTC', Date.UTC(2024, 0, 1, 1), 0, 0],
    ['2024-01-01T01:00Z', Date.UTC(2024, 0, 1, 1), 0, 0],
    ['2024-02-29T23:59:59.123456789Z', Date.UTC(2024, 1, 29, 23, 59, 59, 123), 9, 0],
    ['20240101081330', Date.UTC(2024, 0, 1, 8, 13, 30), 0, null],
    ['20240101081330000000T1354680202', Date.UTC(2024, 0, 1, 8, 13, 30), 6, 0],
    ['20240101081330123456T1354680202', Date.UTC(2024, 0, 1, 8, 13, 30, 123), 6, 0],
  ] as const)('%s', (text, epochMs, fractionDigits, offsetMinutes) => {
    const p = parseTimestamp(text);
    expect(p).toMatchObject({ epochMs, fractionDigits, offsetMinutes });
  });

  it('keeps two-digit years as written (Date.UTC would read 99 as 1999)', () => {
    expect(formatIso(parseTimestamp('0099-06-15 12:00:00')!, 'utc')).toBe('0099-06-15T12:00:00Z');
  });

  it('keeps sub-millisecond digits for formatting', () => {
    expect(parseTimestamp('2024-01-01 00:00:00.000000123')?.fractionNanos).toBe(123);
    expect(parseTimestamp('2024-01-01 00:00:00.5')?.fractionNanos).toBe(500_000_000);
  });

  it.each([
    '', '2024-01-01', '2024-13-01 00:00:00', '2023-02-29 00:00:00', '2024-04-31 00:00:00', '2024-01-01 24:00:00',
    '2024-01-01 00:60:00', '2024-01-01 00:00:60', '2024-01-01 00:00:00+19:00', ' 2024-01-01 00:00:00', '2024-01-01 00:00:00 ',
    '2024-01-01 00:00:00.1234567890', 'not a date at all', '2024/01/01 00:00:00', '1704067200', '12345678901234567890123',
    '2024-01-01 00:00:00+07:61', '20241301081330',
  ])('rejects %j', (text) => {
    expect(parseTimestamp(text)).toBeNull();
  });
});

describe('formatIso', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    process.env.TZ = saved;
  });

  it('writes UTC with the original precision', () => {
    const iso = (t: string): string => formatIso(parseTimestamp(t)!, 'utc');
    expect(iso('2021-02-13 13:34:03.343')).toBe('2021-02-13T13:34:03.343Z');
    expect(iso('2023-11-09 11:31:31.579000')).toBe('2023-11-09T11:31:31.579000Z');
    expect(iso('2022-09-01 6:12:13')).toBe('2022-09-01T06:12:13Z');
    expect(iso('2025-01-18T00:00:00+07:00')).toBe('2025-01-17T17:00:00Z');
    expect(iso('2024-01-01 01:00:00+07:00')).toBe('2023-12-31T18:00:00Z');
    expect(iso('20240101081330000000T1354680202')).toBe('2024-01-01T08:13:30.000000Z');
    expect(iso('1969-12-31 23:59:59.999999999')).toBe('1969-12-31T23:59:59.999999999Z');
  });

  describe('in a +07:00 zone', () => {
    beforeEach(() => {
      process.env.TZ = 'Asia/Bangkok';
    });

    it('writes local time with its offset', () => {
      expect(formatIso(parseTimestamp('2024-01-01 01:00:00+07:00')!, 'local')).toBe('2024-01-01T01:00:00+07:00');
      expect(formatIso(parseTimestamp('2021-02-13 13:34:03.343')!, 'local')).toBe('2021-02-13T20:34:03.343+07:00');
    });

    it('can read naive values as local time', () => {
      const p = parseTimestamp('2024-01-01 01:00:00', { naive: 'local' })!;
      expect(p.offsetMinutes).toBeNull();
      expect(p.epochMs).toBe(Date.UTC(2023, 11, 31, 18));
      expect(formatIso(p, 'utc')).toBe('2023-12-31T18:00:00Z');
    });
  });

  it('follows daylight saving time for local output', () => {
    process.env.TZ = 'America/New_York';
    expect(formatIso(parseTimestamp('2024-01-15T12:00:00Z')!, 'local')).toBe('2024-01-15T07:00:00-05:00');
    expect(formatIso(parseTimestamp('2024-07-15T12:00:00Z')!, 'local')).toBe('2024-07-15T08:00:00-04:00');
  });

  it('round-trips its own output', () => {
    for (const t of ['2021-02-13 13:34:03.343', '2025-01-18T00:00:00+07:00', '2000-02-29 00:00:00.000001']) {
      const p = parseTimestamp(t)!;
      const again = parseTimestamp(formatIso(p, 'utc'))!;
      expect(again).toMatchObject({ epochMs: p.epochMs, fractionNanos: p.fractionNanos, fractionDigits: p.fractionDigits });
    }
  });
});
