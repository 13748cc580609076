import { describe, expect, it } from 'vitest';
import { DOWNLOAD_TICKET_MS, DownloadTickets, cookieValue, fromOwnPage, parseTicketRequest, sameSecret } from '../../../electron/serving/browser-session';

const JOB = '0b7e6f0e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

describe('one-time download ids', () => {
  it('redeems an id once, then never again', () => {
    const tickets = new DownloadTickets();
    const id = tickets.mint({ jobId: JOB, part: 'csv' });
    expect(tickets.redeem(id)).toEqual({ jobId: JOB, part: 'csv' });
    expect(tickets.redeem(id)).toBeNull();
  });

  it('refuses an id after its expiry, and ids are random', () => {
    let now = 1_000;
    const tickets = new DownloadTickets(() => now);
    const a = tickets.mint({ jobId: JOB, part: 'provenance' });
    const b = tickets.mint({ jobId: JOB, part: 'provenance' });
    expect(a).not.toBe(b);
    now += DOWNLOAD_TICKET_MS;
    expect(tickets.redeem(a)).toBeNull();
    expect(tickets.redeem('')).toBeNull();
  });
});

describe('session cookie helpers', () => {
  it('reads one cookie among others, and nothing from a missing or odd header', () => {
    expect(cookieValue('a=1; auditlens_session_80=xyz; b=2', 'auditlens_session_80')).toBe('xyz');
    expect(cookieValue('auditlens_session_800=xyz', 'auditlens_session_80')).toBe('');
    expect(cookieValue(undefined, 'x')).toBe('');
    expect(cookieValue(';;=;x', 'x')).toBe('');
  });

  it('compares secrets in constant time and never accepts an empty one', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abd', 'abc')).toBe(false);
    expect(sameSecret('', '')).toBe(false);
  });

  it('accepts requests from our own page or a typed address only', () => {
    expect(fromOwnPage('same-origin')).toBe(true);
    expect(fromOwnPage('none')).toBe(true);
    expect(fromOwnPage(undefined)).toBe(true);
    expect(fromOwnPage('same-site')).toBe(false);
    expect(fromOwnPage('cross-site')).toBe(false);
  });

  it('parses a download-id request strictly', () => {
    expect(parseTicketRequest(JSON.stringify({ jobId: JOB }))).toEqual({ jobId: JOB, part: 'csv' });
    expect(parseTicketRequest(JSON.stringify({ jobId: JOB, part: 'provenance' }))).toEqual({ jobId: JOB, part: 'provenance' });
    for (const bad of ['', 'null', '"x"', '{}', '{"jobId":1}', `{"jobId":"${JOB}","part":"exe"}`]) {
      expect(parseTicketRequest(bad)).toBeNull();
    }
  });
});
