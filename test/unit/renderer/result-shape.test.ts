import { describe, expect, it } from 'vitest';
import { toResult, unreachable } from '../../../renderer/app/result-shape';

describe('toResult', () => {
  it('passes well-formed results through', () => {
    expect(toResult({ ok: true, value: [1] })).toEqual({ ok: true, value: [1] });
    expect(toResult({ ok: false, error: { code: 'not-a-database', message: 'X is not a SQLite database.' } })).toEqual({
      ok: false,
      error: { code: 'not-a-database', message: 'X is not a SQLite database.' },
    });
  });

  it('turns malformed answers into errors', () => {
    expect(toResult(null)).toMatchObject({ ok: false, error: { code: 'io' } });
    expect(toResult('<html>')).toMatchObject({ ok: false, error: { code: 'io' } });
    expect(toResult({ ok: false })).toMatchObject({ ok: false, error: { code: 'io' } });
    expect(toResult({ ok: false, error: { code: 'weird', message: 'm' } })).toEqual({ ok: false, error: { code: 'internal', message: 'm' } });
  });

  it('words transport failures', () => {
    expect(unreachable(new TypeError('Failed to fetch'))).toEqual({
      ok: false,
      error: { code: 'io', message: 'Auditlens is not reachable: Failed to fetch' },
    });
  });
});
