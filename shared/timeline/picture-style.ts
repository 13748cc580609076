/**
 * How a timeline picture paints: the Timeline mode's status styles (status-style.ts: a hue and a
 * pattern per status, so status reads without colour) as SVG patterns, and the colours and font
 * of everything around the bars.
 */
import type { StatusClass } from '../model/status';
import { STATUS_CLASSES } from '../model/status';
import { STATUS_STYLES } from './status-style';

/** Colours of the picture around the bars. */
export const INK = {
  text: '#1f2328',
  muted: '#59636e',
  faint: '#8c959f',
  grid: '#d8dee4',
  gridMajor: '#afb8c1',
  band: '#f6f8fa',
  group: '#eef1f4',
  critical: '#1f2328',
  slow: '#9a6700',
} as const;

/** The font stack: the platform's UI face first, then faces Linux machines have. */
export const FONT_FAMILY = "'Segoe UI', 'Helvetica Neue', Helvetica, Arial, 'DejaVu Sans', 'Liberation Sans', sans-serif";

/** The pattern drawn over a status's fill, as an SVG paint reference, or null (solid, hollow). */
export function patternFill(status: StatusClass): string | null {
  const p = STATUS_STYLES[status].pattern;
  return p === 'solid' || p === 'hollow' ? null : `url(#al-${status})`;
}

/** A status's own fill: hollow statuses keep only a wash of it, so the outline carries them. */
export function baseFill(status: StatusClass): { readonly fill: string; readonly opacity: number } {
  const s = STATUS_STYLES[status];
  return s.pattern === 'hollow' ? { fill: '#ffffff', opacity: 1 } : { fill: s.fill, opacity: 1 };
}

/** Whether text on the status's bar is dark (light fills) rather than white. */
export function darkText(status: StatusClass): boolean {
  const p = STATUS_STYLES[status].pattern;
  return p === 'hollow' || p === 'dots';
}

/** One status's pattern tile, in its outline colour. */
function patternDef(status: StatusClass): string {
  const s = STATUS_STYLES[status];
  const open = `<pattern id="al-${status}" width="6" height="6" patternUnits="userSpaceOnUse"`;
  switch (s.pattern) {
    case 'cross-hatch':
      return `${open} patternTransform="rotate(45)"><path d="M0 0 L0 6 M0 0 L6 0" stroke="${s.stroke}" stroke-opacity="0.75" stroke-width="1.6"/></pattern>`;
    case 'stripes':
      return `${open} patternTransform="rotate(45)"><path d="M0 0 L0 6" stroke="#ffffff" stroke-opacity="0.5" stroke-width="2.4"/></pattern>`;
    case 'dots':
      return `${open}><circle cx="3" cy="3" r="1.2" fill="${s.stroke}" fill-opacity="0.8"/></pattern>`;
    default:
      return '';
  }
}

/** The SVG `<defs>` the marks refer to: a pattern per patterned status, and the running fade. */
export function styleDefs(): string {
  return [
    '<defs>',
    ...STATUS_CLASSES.map(patternDef).filter((d) => d !== ''),
    '<linearGradient id="al-fade" x1="0" x2="1" y1="0" y2="0">',
    '<stop offset="0" stop-color="#ffffff" stop-opacity="0"/><stop offset="1" stop-color="#ffffff" stop-opacity="0.8"/></linearGradient>',
    '</defs>',
  ].join('');
}
