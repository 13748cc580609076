/**
 * Text in a timeline picture: escaped for XML whatever a store holds (names are hostile: markup,
 * quotes, control characters, lone surrogates), and cut to the width it has with an ellipsis.
 * Widths are estimated from character classes, since a pure writer has no font to measure with.
 */

/** Characters XML 1.0 cannot carry at all: C0 controls but tab and newlines, lone surrogates, U+FFFE/U+FFFF. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as XML character data or an attribute value: markup escaped, what XML cannot hold shown as U+FFFD, line breaks as spaces. */
export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, '\uFFFD')
    .replace(/[\t\r\n\u2028\u2029]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The estimated width of one character at 1 px font size (a sans-serif like DejaVu Sans or Segoe UI). */
function charWidth(c: string): number {
  const code = c.codePointAt(0) ?? 0;
  if (code >= 0x1100 && (code <= 0x115f || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xff00 && code <= 0xff60) || code >= 0x1f300)) {
    return 1;
  }
  if (/[ilj.,:;'|!()[\]{}\u00b7 ]/.test(c)) {
    return 0.32;
  }
  if (/[MWmw@%]/.test(c)) {
    return 0.88;
  }
  if (/[A-Z#&]/.test(c)) {
    return 0.7;
  }
  if (/[0-9]/.test(c)) {
    return 0.64;
  }
  return 0.59;
}

/** Bold faces run about a tenth wider (measured on DejaVu Sans). */
const BOLD = 1.12;

/** The estimated width of `text` at `fontPx` (a little generous, so estimated text never overlaps). */
export function textWidth(text: string, fontPx: number, bold = false): number {
  let w = 0;
  for (const c of text) {
    w += charWidth(c);
  }
  return w * fontPx * (bold ? BOLD : 1);
}

/** `text` cut (whole code points) to fit `maxPx` at `fontPx`, ending in "…" when cut; empty when not even that fits. */
export function fitText(text: string, maxPx: number, fontPx: number, bold = false): string {
  if (textWidth(text, fontPx, bold) <= maxPx) {
    return text;
  }
  const room = maxPx - textWidth('…', fontPx, bold);
  let w = 0;
  let out = '';
  for (const c of text) {
    w += charWidth(c) * fontPx * (bold ? BOLD : 1);
    if (w > room) {
      break;
    }
    out += c;
  }
  return out === '' ? '' : `${out.trimEnd()}…`;
}
