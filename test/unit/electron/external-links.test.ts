import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXTERNAL_DOC_HOSTS, isSafeExternalUrl, openExternal } from '../../../electron/shell/external-links';
import { HELP_LINKS } from '../../../electron/menu';
import { createFakeElectron } from './fake-electron';

describe('isSafeExternalUrl', () => {
  it('accepts https links to the documentation hosts', () => {
    for (const url of [
      'https://github.com/',
      'https://github.com/OpenLineage/OpenLineage/blob/main/spec/OpenLineage.json',
      'https://docs.getdbt.com/reference/artifacts/dbt-artifacts',
      'https://openlineage.io/docs/',
      'https://openlineage.io/docs/?q=run#facets',
      'https://github.com:443/',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(true);
    }
  });

  it('rejects dangerous schemes and forms', () => {
    for (const url of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'file:///etc/passwd',
      'file://github.com/x',
      'smb://attacker/share',
      'ms-msdt:/id PCWDiagnostic /skip force',
      'search-ms:query=x',
      '\\\\attacker\\share\\x.exe',
      '\\\\github.com\\share',
      'https:\\\\github.com\\',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'http://github.com/',
      'HTTPS://github.com/',
      'ftp://github.com/',
      '//github.com/',
      'github.com',
      '',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });

  it('rejects hosts that only look allowed', () => {
    for (const url of [
      'https://github.com.evil.example/',
      'https://evilgithub.com/',
      'https://gist.github.com/',
      'https://github.com@evil.example/',
      'https://user:pass@github.com/',
      'https://github.com:8443/',
      'https://github.com./',
      'https://gіthub.com/', // Cyrillic і
      'https://xn--gthub-n4a.com/',
      'https://openlineage.xn--io-/',
      'https://docs.getdbt.com\u0000.evil.example/',
      ' https://github.com/',
      'https://github.com/\n',
      'https://git\thub.com/',
      'https://evil.example/#https://github.com/',
      'https://evil.example/?u=https://github.com/',
      'https://1.2.3.4/',
      'https://[::1]/',
    ]) {
      expect(isSafeExternalUrl(url), JSON.stringify(url)).toBe(false);
    }
  });

  it('rejects non-strings and oversized URLs', () => {
    for (const v of [null, undefined, 42, {}, ['https://github.com/'], new URL('https://github.com/')]) {
      expect(isSafeExternalUrl(v)).toBe(false);
    }
    expect(isSafeExternalUrl(`https://github.com/${'a'.repeat(3000)}`)).toBe(false);
  });

  // Allowed prefixes followed by anything: the boundary where look-alike tricks live.
  const nearMisses = fc
    .tuple(fc.constantFrom('https://github.com', 'https://openlineage.io', 'https://docs.getdbt.com', 'https://'), fc.string({ unit: 'binary' }))
    .map(([prefix, rest]) => prefix + rest);

  it('accepts nothing outside the allow-list, whatever the string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl(), fc.string({ unit: 'binary' }), nearMisses), (url) => {
        if (isSafeExternalUrl(url)) {
          const u = new URL(url);
          expect(u.protocol).toBe('https:');
          expect(EXTERNAL_DOC_HOSTS.has(u.hostname)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('openExternal', () => {
  it('opens allow-listed links (in parsed form) and nothing else', async () => {
    const fake = createFakeElectron();
    expect(await openExternal(fake.surface, 'https://openlineage.io/docs/')).toBe(true);
    expect(await openExternal(fake.surface, 'https://github.com:443/x')).toBe(true);
    expect(await openExternal(fake.surface, 'file:///etc/passwd')).toBe(false);
    expect(await openExternal(fake.surface, 'https://evil.example/')).toBe(false);
    expect(fake.openedExternal).toEqual(['https://openlineage.io/docs/', 'https://github.com/x']);
  });

  it('covers every link the Help menu offers', () => {
    for (const link of HELP_LINKS) {
      expect(isSafeExternalUrl(link.url), link.url).toBe(true);
    }
  });
});
