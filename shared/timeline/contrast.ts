/**
 * WCAG 2 contrast: the relative luminance of an sRGB colour and the ratio of two, as the success
 * criteria 1.4.3 (text, 4.5:1) and 1.4.11 (graphics, 3:1) define them. Used to choose and test the
 * ink of labels drawn on status-coloured bars.
 */

/** One sRGB channel (0–255) made linear. */
function linear(c: number): number {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** The relative luminance of `#rrggbb` (0 black … 1 white). */
export function relativeLuminance(hex: string): number {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) {
    throw new Error(`${hex} is not a #rrggbb colour.`);
  }
  const v = Number.parseInt(m[1] ?? '0', 16);
  return 0.2126 * linear((v >> 16) & 255) + 0.7152 * linear((v >> 8) & 255) + 0.0722 * linear(v & 255);
}

/** The contrast ratio of two `#rrggbb` colours, from 1 (same) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
