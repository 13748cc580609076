/**
 * The picture's text helpers: XML escaping of anything a store holds, cutting to a width with an
 * ellipsis on whole code points, and times on the chosen wall clock with the zone named.
 */
import fc from 'fast-check';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { fitText, textWidth, xmlText } from '../../../shared/timeline/picture-text';
import { wallText, windowText, zoneText } from '../../../shared/timeline/picture-time';

describe('xmlText', () => {
  it('escapes markup and quotes', () => {
    expect(xmlText(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('turns what XML cannot hold into U+FFFD and line breaks into spaces', () => {
    expect(xmlText('a\u0000b\u001bc\uD800d\uDC00e\uFFFEf')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf');
    expect(xmlText('one\r\ntwo\tthree')).toBe('one two three');
    expect(xmlText('😀 ok')).toBe('😀 ok');
  });

  it('makes any string safe as text and as an attribute of a well-formed document', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      const t = xmlText(s);
      expect(() => new Resvg(`<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><title id="${t}">${t}</title></svg>`, { font: { loadSystemFonts: false } })).not.toThrow();
    }), { numRuns: 150 });
  });
});

describe('fitText', () => {
  it('keeps text that fits and cuts the rest with an ellipsis, within the width', () => {
    expect(fitText('orders', 200, 12)).toBe('orders');
    const cut = fitText('int_sessions_attributed_by_channel_and_day', 120, 12);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut, 12)).toBeLessThanOrEqual(120);
    expect(fitText('abc', 2, 12)).toBe('');
  });

  it('never splits a surrogate pair', () => {
    const cut = fitText('😀😀😀😀😀😀😀😀😀😀', 40, 12);
    expect(cut).toMatch(/^(😀)+…$/u);
  });

  it('counts bold text wider', () => {
    expect(textWidth('Run mart_revenue_daily', 20, true)).toBeGreaterThan(textWidth('Run mart_revenue_daily', 20));
  });
});

describe('picture times', () => {
  const t = Date.UTC(2026, 9, 12, 8, 15, 3, 250);

  it('writes the wall clock of an offset, and names the zone', () => {
    expect(wallText(t, 0)).toBe('2026-10-12 08:15:03');
    expect(wallText(t, 120, true)).toBe('2026-10-12 10:15:03.250');
    expect(zoneText(0)).toBe('UTC');
    expect(zoneText(330)).toBe('UTC+05:30');
    expect(zoneText(-300)).toBe('UTC−05:00');
  });

  it('leaves out the end\'s date on the same day, and shows milliseconds for short windows', () => {
    expect(windowText(t, t + 3_600_000, 0)).toBe('2026-10-12 08:15:03 → 09:15:03 UTC');
    expect(windowText(t, t + 2 * 86_400_000, -300)).toBe('2026-10-12 03:15:03 → 2026-10-14 03:15:03 UTC−05:00');
    expect(windowText(t, t + 1_500, 0)).toBe('2026-10-12 08:15:03.250 → 08:15:04.750 UTC');
  });
});
