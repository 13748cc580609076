import { describe, expect, it } from 'vitest';
import { tokenFromHash } from '../../../renderer/app/auth-token';

describe('tokenFromHash', () => {
  it('takes the token and keeps the rest of the hash', () => {
    expect(tokenFromHash('#token=abc123')).toEqual({ token: 'abc123', rest: '' });
    expect(tokenFromHash('#view=x&token=a%2Fb&y=1')).toEqual({ token: 'a/b', rest: '#view=x&y=1' });
  });

  it('finds nothing in an empty or token-less hash', () => {
    expect(tokenFromHash('')).toEqual({ token: null, rest: '' });
    expect(tokenFromHash('#')).toEqual({ token: null, rest: '' });
    expect(tokenFromHash('#token=')).toEqual({ token: null, rest: '' });
    expect(tokenFromHash('#other=1')).toEqual({ token: null, rest: '#other=1' });
  });

  it('survives a malformed escape', () => {
    expect(tokenFromHash('#token=%E0%A4%A')).toEqual({ token: '%E0%A4%A', rest: '' });
  });
});
