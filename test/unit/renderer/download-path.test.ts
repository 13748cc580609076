import { describe, expect, it } from 'vitest';
import { tokenedDownloadPath } from '../../../renderer/app/auth-token';

describe('download links', () => {
  it('carries the token in the query, and the provenance part when asked', () => {
    expect(tokenedDownloadPath('/download/abc', 'tok_-1')).toBe('/download/abc?token=tok_-1');
    expect(tokenedDownloadPath('/download/abc', 'tok', 'provenance')).toBe('/download/abc?token=tok&part=provenance');
  });

  it('encodes the token and keeps an existing query', () => {
    expect(tokenedDownloadPath('/download/abc', 'a+b/c=')).toBe('/download/abc?token=a%2Bb%2Fc%3D');
    expect(tokenedDownloadPath('/download/abc?x=1', 't')).toBe('/download/abc?x=1&token=t');
  });

  it('leaves the path alone without a token (Electron never downloads this way)', () => {
    expect(tokenedDownloadPath('/download/abc', null)).toBe('/download/abc');
    expect(tokenedDownloadPath('/download/abc', null, 'provenance')).toBe('/download/abc?part=provenance');
  });
});
