import { describe, expect, it } from 'vitest';
import { STATUS_CLASSES } from '../../../shared/model/status';
import { contrastRatio, relativeLuminance } from '../../../shared/timeline/contrast';
import { STATUS_STYLES } from '../../../shared/timeline/status-style';

/** The pages the bars are drawn on: the light theme, the dark theme (draw-timeline's backgrounds). */
const LIGHT_BG = '#ffffff';
const DARK_BG = '#0d1117';

describe('WCAG contrast', () => {
  it('computes luminance and ratios as WCAG 2 defines them', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#ffffff')).toBe(1);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    // #767676 is the lightest grey that passes 4.5:1 on white; #777777 fails.
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
    expect(() => relativeLuminance('red')).toThrow(/not a #rrggbb colour/);
  });
});

describe('status styles on a timeline', () => {
  it.each(STATUS_CLASSES)('%s: the label on the bar is at least 4.5:1 against the bar, in both themes', (s) => {
    const st = STATUS_STYLES[s];
    expect(contrastRatio(st.ink, st.fill)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(st.inkDark, st.fillDark)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(STATUS_CLASSES)('%s: the bar stands out from the page at least 3:1 by its fill or its outline', (s) => {
    const st = STATUS_STYLES[s];
    expect(Math.max(contrastRatio(st.fill, LIGHT_BG), contrastRatio(st.stroke, LIGHT_BG))).toBeGreaterThanOrEqual(3);
    expect(Math.max(contrastRatio(st.fillDark, DARK_BG), contrastRatio(st.stroke, DARK_BG))).toBeGreaterThanOrEqual(3);
  });

  it('tells every status apart without colour: its own pattern and its own glyph', () => {
    const patterns = STATUS_CLASSES.map((s) => STATUS_STYLES[s].pattern);
    const glyphs = STATUS_CLASSES.map((s) => STATUS_STYLES[s].glyph);
    expect(new Set(patterns).size).toBe(STATUS_CLASSES.length);
    expect(new Set(glyphs).size).toBe(STATUS_CLASSES.length);
    // Failed, the one a reader must not miss, carries a pattern, not only a hue.
    expect(STATUS_STYLES.failed.pattern).not.toBe('solid');
  });
});
