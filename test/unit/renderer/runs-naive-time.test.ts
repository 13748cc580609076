/**
 * Issue 13 item 12: one convention for times without a zone per format. A ddeutil-workflow audit
 * mixes naive `release` times (`2026-10-31 17:28:53`, the writer's datetime without tzinfo) with
 * offset exec times (`… +00:00`); the format says naive means UTC (audit model `naiveTime`), so
 * Local moves every value, not only the ones with an offset.
 */
import { describe, expect, it } from 'vitest';
import { displayTime, naiveLabel } from '../../../renderer/features/runs/time-display';

const plus2 = () => 120;

describe('times without a zone, by the format convention', () => {
  it('Local moves the naive and the offset value of one instant alike under the UTC convention', () => {
    const naive = displayTime('2026-10-31 17:28:53', 'local', { offset: plus2, naive: 'utc' });
    const zoned = displayTime('2026-10-31 17:28:53+00:00', 'local', { offset: plus2, naive: 'utc' });
    expect(naive.text).toBe('2026-10-31 19:28:53');
    expect(naive.text).toBe(zoned.text);
    expect(naive.asStored).toBe(false);
    expect(naive.title).toContain("no zone: read as UTC, this format's convention");
    expect(displayTime('2026-10-31 17:28:53', 'utc', { naive: 'utc' }).text).toBe('2026-10-31 17:28:53');
  });

  it('under the local convention a naive value is this machine\'s wall time, shown in UTC when asked', () => {
    const stored = '2026-10-31 17:28:53';
    const local = new Date(2026, 9, 31, 17, 28, 53);
    const utc = displayTime(stored, 'utc', { naive: 'local' });
    expect(utc.text).toBe(local.toISOString().slice(0, 19).replace('T', ' '));
    expect(utc.title).toContain(naiveLabel('local'));
  });

  it('without a convention, naive values still show as stored', () => {
    expect(displayTime('2026-10-31 17:28:53', 'local', { offset: plus2 })).toMatchObject({ text: '2026-10-31 17:28:53', asStored: true });
  });
});
