/**
 * The legend of a timeline picture (every status with its marker, and the marks the answer uses)
 * and the notes under it: what the picture leaves out, in sentences.
 */
import type { StatusClass } from '../model/status';
import { STATUS_CLASSES } from '../model/status';
import type { TimelineResult } from '../model/timeline';
import { n, statusRect } from './picture-marks';
import { INK } from './picture-style';
import { textWidth, xmlText } from './picture-text';
import { STATUS_STYLES } from './status-style';

const SW = 22;
const SH = 11;

/** One swatch of the legend at (x, y): the status's fill, pattern and outline, and (running) its open end. */
function swatch(status: StatusClass, x: number, y: number): string {
  const s = STATUS_STYLES[status];
  if (status === 'running') {
    // As drawn: a thin band to "now" with an arrow past it.
    return `<g data-legend="${status}" data-marker="open-end">${statusRect(status, x, y + SH - 5, SW, 5, 1)}<path d="M${x + SW - 1} ${y + SH - 9} L${x + SW + 6} ${y + SH - 2.5} L${x + SW - 1} ${y + SH + 4} Z" fill="${s.stroke}"/></g>`;
  }
  return `<g data-legend="${status}" data-marker="${s.pattern}">${statusRect(status, x, y, SW, SH)}</g>`;
}

/** Draws the legend in one or more lines from (x, top); returns the y below it. */
export function legend(out: string[], r: TimelineResult, x0: number, top: number, right: number): number {
  const items: { mark: (x: number, y: number) => string; text: string; gap?: number }[] = STATUS_CLASSES.map((status) => ({
    mark: (x, y) => swatch(status, x, y),
    text: STATUS_STYLES[status].word,
    gap: status === 'running' ? 8 : 0,
  }));
  const stroke = INK.muted;
  items.push({
    mark: (x, y) => `<g data-legend="tick"><path d="M${x + 11} ${y - 2} L${x + 11} ${y + SH + 2} M${x + 7.5} ${y - 2} L${x + 11} ${y + 1.5} L${x + 14.5} ${y - 2} Z" stroke="${stroke}" stroke-width="2" fill="${stroke}"/></g>`,
    text: 'no end (a point)',
  });
  const what = r.items === 'steps' ? 'steps' : 'runs';
  if (r.lanes.some((l) => l.buckets.length > 0)) {
    items.push({
      mark: (x, y) => `<g data-legend="bucket"><rect x="${x}" y="${y}" width="6" height="${SH}" fill="${STATUS_STYLES.ok.fill}" opacity="0.4"/><rect x="${x + 8}" y="${y}" width="6" height="${SH}" fill="${STATUS_STYLES.ok.fill}"/><rect x="${x + 16}" y="${y}" width="6" height="${SH}" fill="${STATUS_STYLES.failed.fill}"/><rect x="${x + 16}" y="${y + SH + 1}" width="6" height="2.5" fill="${STATUS_STYLES.failed.stroke}"/></g>`,
      text: `${what} in a time slice: darker is more; red with a notch: some failed`,
    });
  }
  if ((r.criticalPath ?? []).length > 0) {
    items.push({
      mark: (x, y) => `<g data-legend="critical"><line x1="${x}" x2="${x + SW}" y1="${y + SH / 2}" y2="${y + SH / 2}" stroke="${INK.critical}" stroke-width="2.5"/></g>`,
      text: r.criticalPathBasis === 'dependencies' ? 'critical path (dependencies)' : 'critical path (back-to-back steps)',
    });
  }
  if (r.lanes.some((l) => l.bars.some((b) => b.slowerThanUsual))) {
    items.push({ mark: (x, y) => `<text x="${x + 4}" y="${y + SH - 1}" font-size="12" font-weight="700" fill="${INK.slow}">▲</text>`, text: 'slower than its p90 over recent runs', gap: -8 });
  }
  let x = x0;
  let y = top;
  for (const item of items) {
    const gap = item.gap ?? 0;
    const w = SW + 8 + gap + textWidth(item.text, 12) + 22;
    if (x + w > right && x > x0) {
      x = x0;
      y += 20;
    }
    out.push(item.mark(x, y + 3));
    out.push(`<text x="${n(x + SW + 8 + gap)}" y="${y + 12.5}" font-size="12" fill="${INK.muted}">${xmlText(item.text)}</text>`);
    x += w;
  }
  return y + 20;
}

/** Sentences about what the picture does not show: rows cut, lanes beyond the budget, items with no start. */
export function pictureNotes(r: TimelineResult, omittedRows: number): string[] {
  const what = r.items === 'steps' ? 'steps' : 'runs';
  const notes: string[] = [];
  if (omittedRows > 0) {
    notes.push(`${omittedRows.toLocaleString('en-US')} more ${r.items === 'steps' ? 'rows' : 'lanes'} are not drawn here; narrow the window or filter to see them.`);
  }
  if (r.moreLanes > 0) {
    const listed = r.lanes.reduce((a, l) => a + l.count, 0);
    const rest = Math.max(0, r.total - listed);
    notes.push(r.items === 'steps'
      ? `${r.moreLanes.toLocaleString('en-US')} more steps and nested runs are beyond what one answer lists.`
      : `${r.moreLanes.toLocaleString('en-US')} more lanes with ${rest.toLocaleString('en-US')} ${what} are beyond what one answer lists; narrow the window or filter to see them.`);
  }
  if (r.untimed > 0) {
    notes.push(`${r.untimed.toLocaleString('en-US')} ${r.untimed === 1 ? what.slice(0, -1) : what} ${r.untimed === 1 ? 'has' : 'have'} no start time that Auditlens can read, so ${r.untimed === 1 ? 'it is' : 'they are'} not drawn.`);
  }
  return notes;
}
