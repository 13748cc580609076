/**
 * The marks of a timeline picture as SVG snippets, placed where the view's layout puts them
 * (bar-layout.ts): a bar (or a tick for a run with no end), bars merged below a pixel, a bucket's
 * density block, and the small status icons of labels. Each mark carries `data-status` and
 * `data-marker`, so the picture's meaning can be checked without looking at it.
 */
import type { StatusClass } from '../model/status';
import type { TimelineBar } from '../model/timeline';
import type { BucketRect } from './bar-layout';
import { baseFill, INK, patternFill } from './picture-style';
import { fitText, textWidth, xmlText } from './picture-text';
import { STATUS_BY_INDEX, STATUS_STYLES } from './status-style';

/** Where a mark goes: the row's top and the bar's height, and the chart's left and right edges. */
export interface MarkBox {
  readonly y: number;
  readonly h: number;
  readonly left: number;
  readonly right: number;
}

/** A number for an attribute: at most two decimals, so the file stays small. */
export function n(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** A status icon (check, cross, play, ring, question ring) centred at (cx, cy), `size` px across. */
export function statusIcon(status: StatusClass, cx: number, cy: number, size = 10): string {
  const s = STATUS_STYLES[status];
  const r = size / 2;
  const at = `data-icon="${status}"`;
  switch (status) {
    case 'ok':
      return `<path ${at} d="M${n(cx - r * 0.8)} ${n(cy)} L${n(cx - r * 0.2)} ${n(cy + r * 0.6)} L${n(cx + r * 0.85)} ${n(cy - r * 0.6)}" fill="none" stroke="${s.stroke}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`;
    case 'failed':
      return `<path ${at} d="M${n(cx - r * 0.7)} ${n(cy - r * 0.7)} L${n(cx + r * 0.7)} ${n(cy + r * 0.7)} M${n(cx + r * 0.7)} ${n(cy - r * 0.7)} L${n(cx - r * 0.7)} ${n(cy + r * 0.7)}" stroke="${s.stroke}" stroke-width="2.2" stroke-linecap="round"/>`;
    case 'running':
      return `<path ${at} d="M${n(cx - r * 0.6)} ${n(cy - r * 0.8)} L${n(cx + r * 0.8)} ${n(cy)} L${n(cx - r * 0.6)} ${n(cy + r * 0.8)} Z" fill="${s.stroke}"/>`;
    case 'skipped':
      return `<circle ${at} cx="${n(cx)}" cy="${n(cy)}" r="${n(r * 0.75)}" fill="none" stroke="${s.stroke}" stroke-width="1.5" stroke-dasharray="2 1.5"/>`;
    case 'unknown':
      return `<g ${at}><circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r * 0.8)}" fill="${s.fill}" stroke="${s.stroke}"/><circle cx="${n(cx)}" cy="${n(cy)}" r="1.2" fill="${s.stroke}"/></g>`;
  }
}

/** Where the layout put a bar: x and width in picture pixels. */
export interface BarPlace {
  readonly x: number;
  readonly w: number;
}

/** What a bar needs besides itself and its place: its tooltip and texts, and the room around it. */
export interface BarContext {
  readonly tooltip: string;
  /** Text drawn in the bar when it fits, else (when `outside`) beside it when there is room. */
  readonly text: string;
  /** Whether text that does not fit in the bar may go beside it (a waterfall's rows; not a lane of many runs). */
  readonly outside: boolean;
  /** Free pixels after the bar's end (before the next bar or the chart's edge). */
  readonly roomRight: number;
  /** Free pixels before the bar's start (after the previous bar or from the chart's edge). */
  readonly roomLeft: number;
  readonly critical: boolean;
  /** A note drawn after the text ("slower than usual"). */
  readonly note: string | null;
  /** A message shown beside the bar where there is room (a failed step's error). */
  readonly message: string | null;
}

const FONT_PX = 11;
/** The height of a run still going (bar-layout's RUNNING_H in the view). */
const RUNNING_H = 5;

/** A status's rectangle: its fill, its pattern over it, its outline (dashed when hollow). */
export function statusRect(status: StatusClass, x: number, y: number, w: number, h: number, rx = 2, outline = true): string {
  const s = STATUS_STYLES[status];
  const base = baseFill(status);
  const dash = s.pattern === 'hollow' ? ' stroke-dasharray="3 2" stroke-width="1.2"' : ' stroke-width="0.8"';
  // Blocks too narrow for an outline get none: outlines side by side would stripe the lane.
  const edge = outline || s.pattern === 'hollow' ? ` stroke="${s.stroke}"${dash}` : '';
  const fill = `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="${rx}" fill="${base.fill}"${edge}/>`;
  const pattern = patternFill(status);
  return pattern && w >= 6 ? `${fill}<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="${rx}" fill="${pattern}"/>` : fill;
}

/** Bars the layout merged (closer than a pixel): one plain rectangle in the status a reader must not miss. */
export function mergedMark(statusIndex: number, place: BarPlace, box: MarkBox): string {
  const status = STATUS_BY_INDEX[statusIndex] ?? 'unknown';
  return `<g data-status="${status}" data-marker="${STATUS_STYLES[status].pattern}" data-merged="true">${statusRect(status, place.x, box.y, Math.max(1, place.w), box.h, 0, place.w >= 8)}</g>`;
}

/** One bar, or a tick when it has no end. */
export function barMark(b: TimelineBar, place: BarPlace, box: MarkBox, c: BarContext): string {
  const s = STATUS_STYLES[b.status];
  const title = `<title>${xmlText(c.tooltip)}</title>`;
  const x0 = place.x;
  if (b.endMs === null && !b.running) {
    const y1 = box.y - 2;
    const y2 = box.y + box.h + 2;
    const d = `M${n(x0)} ${n(y1)} L${n(x0)} ${n(y2)} M${n(x0 - 3.5)} ${n(y1)} L${n(x0)} ${n(y1 + 3.5)} L${n(x0 + 3.5)} ${n(y1)} Z`;
    const label = c.text && c.roomRight > textWidth(c.text, FONT_PX) + 10
      ? `<text x="${n(x0 + 6)}" y="${n(box.y + box.h / 2 + 4)}" font-size="${FONT_PX}" fill="${INK.muted}">${xmlText(c.text)}</text>` : '';
    return `<g data-status="${b.status}" data-marker="tick">${title}<path d="${d}" stroke="${s.stroke}" stroke-width="2" fill="${s.stroke}"/>${label}</g>`;
  }
  const w = Math.max(2, place.w);
  // A run still going is a thin band to "now", as the view draws it: a stale run never hides the bars it spans.
  const band = b.running;
  const y = band ? box.y + box.h - RUNNING_H : box.y;
  const h = band ? RUNNING_H : box.h;
  const parts = [statusRect(b.status, x0, y, w, h, band ? 1 : 2)];
  const open = b.running && b.endMs === null;
  if (open) {
    // Open-ended: an arrow points on past "now".
    parts.push(`<path d="M${n(x0 + w - 1)} ${n(y - 4)} L${n(x0 + w + 6)} ${n(y + h / 2)} L${n(x0 + w - 1)} ${n(y + h + 4)} Z" fill="${s.stroke}" data-marker="open-end"/>`);
  }
  if (c.critical) {
    parts.push(`<line x1="${n(x0)}" x2="${n(x0 + w)}" y1="${n(box.y + box.h + 2.5)}" y2="${n(box.y + box.h + 2.5)}" stroke="${INK.critical}" stroke-width="2.5" data-critical="true"/>`);
  }
  parts.push(barText(b, x0, w, box, c, open ? 8 : 0, !band));
  return `<g data-status="${b.status}" data-marker="${open ? 'open-end' : s.pattern}">${title}${parts.join('')}</g>`;
}

/** The bar's text: the duration inside on a halo when it fits; what does not fit, the note and the message after the bar, or before it when there is more room there. */
function barText(b: TimelineBar, x0: number, w: number, box: MarkBox, c: BarContext, open: number, insideOk: boolean): string {
  const y = n(box.y + box.h / 2 + FONT_PX * 0.36);
  const parts: string[] = [];
  let inside = '';
  if (insideOk && c.text !== '' && textWidth(c.text, FONT_PX, true) + 10 <= w) {
    // The status's ink on a plate of its own plain fill, so the pattern under the bar never crosses a letter.
    const st = STATUS_STYLES[b.status];
    const plate = `<rect x="${n(x0 + 2)}" y="${n(box.y + 1)}" width="${n(Math.min(w - 3, textWidth(c.text, FONT_PX, true) + 6))}" height="${n(Math.max(0, box.h - 2))}" fill="${baseFill(b.status).fill}"/>`;
    inside = `${plate}<text x="${n(x0 + 5)}" y="${y}" font-size="${FONT_PX}" font-weight="600" fill="${st.ink}">${xmlText(c.text)}</text>`;
  } else if (c.text !== '' && c.outside) {
    parts.push(`<tspan fill="${INK.muted}">${xmlText(c.text)}</tspan>`);
  }
  let plain = inside === '' && c.outside ? c.text : '';
  if (c.note) {
    parts.push(`<tspan fill="${INK.slow}" font-weight="600">${xmlText(c.note)}</tspan>`);
    plain += `   ${c.note}`;
  }
  const after = Math.min(c.roomRight, box.right - (x0 + w)) - open - 10;
  const before = c.roomLeft - 10;
  const messageRoom = Math.max(after, before) - textWidth(plain, FONT_PX) - 16;
  if (c.message && messageRoom > 60) {
    const m = fitText(c.message, messageRoom, FONT_PX);
    parts.push(`<tspan fill="${STATUS_STYLES.failed.stroke}">${xmlText(m)}</tspan>`);
    plain += `   ${m}`;
  }
  const tw = textWidth(plain.trim(), FONT_PX);
  if (parts.length === 0 || tw > Math.max(after, before)) {
    return inside;
  }
  const body = parts.join('<tspan>   </tspan>');
  return after >= tw || after >= before
    ? `${inside}<text x="${n(x0 + w + open + 6)}" y="${y}" font-size="${FONT_PX}" xml:space="preserve">${body}</text>`
    : `${inside}<text x="${n(x0 - 6)}" y="${y}" font-size="${FONT_PX}" text-anchor="end" xml:space="preserve">${body}</text>`;
}

/** A bucket as the view draws it (bar-layout.ts): a block in the status a reader must not miss, darker for more items; its count when it fits. */
export function bucketMark(b: BucketRect, box: MarkBox, left: number, failed: boolean, tooltip: string): string {
  const status = STATUS_BY_INDEX[b.status] ?? 'unknown';
  const x0 = Math.max(box.left, left + b.x);
  const full = Math.min(box.right, left + b.x + b.w) - x0;
  // Narrow blocks touch (a gap would stripe the lane like a barcode); wide ones keep a hairline apart.
  const w = Math.max(1, full - (full >= 8 ? 1 : 0));
  const opacity = 0.25 + 0.75 * b.level;
  const block = statusRect(status, x0, box.y, w, box.h, 0, w >= 8);
  // Failures also get a notch under the block, at full strength: visible however narrow or pale the block is.
  const notch = failed
    ? `<rect x="${n(x0)}" y="${n(box.y + box.h + 1)}" width="${n(Math.max(1.5, w))}" height="2.5" fill="${STATUS_STYLES.failed.stroke}" data-marker="failed-notch"/>` : '';
  const label = String(b.count);
  const count = textWidth(label, 10) + 6 <= w
    ? `<text x="${n(x0 + w / 2)}" y="${n(box.y + box.h / 2 + 3.6)}" font-size="10" text-anchor="middle" fill="${INK.text}" stroke="#ffffff" stroke-width="2.5" paint-order="stroke">${label}</text>` : '';
  return `<g data-bucket="${b.count}" data-status="${status}" opacity="${n(opacity)}"><title>${xmlText(tooltip)}</title>${block}</g>${notch}${count}`;
}
