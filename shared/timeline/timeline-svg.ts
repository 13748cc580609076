/**
 * A timeline as an SVG picture, for an incident note (issue 11 items 7 and 9): a title saying what
 * and when, a time ruler, one row per lane (or, for a run's waterfall, the run, its steps and its
 * nested runs), bars by status with a pattern or shape besides the hue, buckets as density blocks,
 * durations where they fit, and a legend. Pure: the CLI writes it (and rasterises it to PNG) and
 * the renderer saves it, from the same time scale and ticks the Timeline mode draws with.
 */
import type { StatusClass } from '../model/status';
import { STATUS_CLASSES } from '../model/status';
import type { TimelineBar, TimelineLane, TimelineResult } from '../model/timeline';
import { bucketRects, layoutRects, packBars } from './bar-layout';
import { barMark, bucketMark, mergedMark, n, statusIcon } from './picture-marks';
import type { PictureRow } from './picture-rows';
import { isWaterfall, MAX_ROWS, pictureRows } from './picture-rows';
import { darkText, FONT_FAMILY, INK, styleDefs } from './picture-style';
import { fitText, textWidth, xmlText } from './picture-text';
import { offsetAt, wallText, windowText } from './picture-time';
import { legend, pictureNotes } from './picture-legend';
import type { TimeScale } from './time-scale';
import { timeScale } from './time-scale';
import { STATUS_STYLES } from './status-style';
import { formatDuration, timeTicks } from './time-ticks';

/** What the picture needs besides the answer. */
export interface TimelineSvgOptions {
  /** The picture's width in pixels (the CLI's `--width`, 1,600 by default). */
  readonly widthPx?: number;
  /** The wall clock times are written on. */
  readonly zone: 'utc' | 'local';
  /** What is drawn, e.g. the format's title ("dbt audit log (summary + detail)"). */
  readonly title?: string | null;
  /** Where it comes from: the store's name or location. */
  readonly source?: string | null;
  /** "Now", where running bars end (default: the window's end). */
  readonly nowMs?: number;
  /** Most lane rows drawn; the rest are counted in a note. */
  readonly maxRows?: number;
  /** The window to draw when it is not the answer's: what the view shows after a zoom or pan. */
  readonly window?: { readonly fromMs: number; readonly toMs: number };
}

const PAD = 20;

/** The geometry every part of the picture shares. */
interface Frame {
  readonly width: number;
  readonly labelLeft: number;
  readonly labelWidth: number;
  readonly left: number;
  readonly right: number;
  readonly scale: TimeScale;
  readonly offsetMin: number;
  readonly rowH: number;
  readonly barH: number;
}

/** The picture of a timeline answer, as an SVG document. */
export function timelineSvg(r: TimelineResult, o: TimelineSvgOptions): string {
  const width = Math.max(400, Math.round(o.widthPx ?? 1_600));
  const waterfall = isWaterfall(r);
  const { rows, omitted } = pictureRows(r, o.maxRows ?? MAX_ROWS);
  const labelWidth = Math.round(Math.min(340, Math.max(150, width * 0.2)));
  const left = PAD + labelWidth + 14;
  const right = width - PAD - (waterfall ? 8 : 0);
  const win = o.window ?? r.window ?? { fromMs: 0, toMs: 1 };
  // A little air at both ends of a whole run, so bars touching its edges stay visible as bars.
  const pad = waterfall && !o.window ? (win.toMs - win.fromMs) * 0.01 : 0;
  const f: Frame = {
    width, labelLeft: PAD, labelWidth, left, right,
    scale: timeScale(win.fromMs - pad, win.toMs + pad, right - left),
    offsetMin: offsetAt(o.zone, win.fromMs),
    rowH: waterfall ? 24 : 20, barH: waterfall ? 14 : 12,
  };
  const out: string[] = [];
  let y = header(out, r, o, f, waterfall);
  y = legend(out, r, f.labelLeft, y + 4, width - PAD);
  if (r.window === null) {
    out.push(`<text x="${PAD}" y="${y + 30}" font-size="14" fill="${INK.muted}">Nothing in this answer has a time to draw.</text>`);
    y += 50;
  } else {
    y = ruler(out, f, y + 10, rows.length);
    y = body(out, r, o, f, rows, y);
  }
  y = footer(out, pictureNotes(r, omitted), PAD, y + 14, width - PAD);
  const height = Math.ceil(y + PAD);
  const label = xmlText(titleOf(r, o));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${xmlText(FONT_FAMILY)}" role="img" aria-labelledby="al-title">`,
    `<title id="al-title">${label}</title>`,
    styleDefs(),
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...out,
    '</svg>',
    '',
  ].join('\n');
}

/** The first line of the picture. */
function titleOf(r: TimelineResult, o: TimelineSvgOptions): string {
  if (isWaterfall(r)) {
    return `Run ${r.run ? (r.run.name ?? r.run.id) : ''}`.trim();
  }
  return `${o.title ?? 'Runs'}: runs by ${r.laneColumn ?? 'lane'}`;
}

function plural(k: number, one: string, many = `${one}s`): string {
  return `${k.toLocaleString('en-US')} ${k === 1 ? one : many}`;
}

/** Title, where from, when, and how many; returns the y below it. */
function header(out: string[], r: TimelineResult, o: TimelineSvgOptions, f: Frame, waterfall: boolean): number {
  const max = f.width - 2 * PAD;
  const title = titleOf(r, o);
  let x = PAD;
  if (waterfall && r.run) {
    out.push(statusIcon(r.run.status, x + 8, 29, 16));
    x += 24;
  }
  const t = fitText(title, max - (x - PAD) - 120, 20, true);
  out.push(`<text x="${x}" y="36" font-size="20" font-weight="700" fill="${INK.text}">${xmlText(t)}</text>`);
  if (waterfall && r.run) {
    const s = STATUS_STYLES[r.run.status];
    const pillX = x + textWidth(t, 20, true) + 12;
    const word = r.run.running ? 'RUNNING' : s.word.toUpperCase();
    const pw = textWidth(word, 11) + 16;
    out.push(`<rect x="${n(pillX)}" y="20" width="${n(pw)}" height="20" rx="10" fill="${darkText(r.run.status) ? '#ffffff' : s.stroke}" stroke="${s.stroke}"/>`);
    out.push(`<text x="${n(pillX + pw / 2)}" y="34" font-size="11" font-weight="700" text-anchor="middle" fill="${darkText(r.run.status) ? INK.text : '#ffffff'}">${word}</text>`);
  }
  // A run's id goes beside its name when they differ: what an incident note needs to find it again.
  const runId = waterfall && r.run && r.run.id !== r.run.name ? `run ${r.run.id}` : null;
  const where = [o.source, waterfall ? o.title : null, runId].filter((s): s is string => !!s);
  const shown = o.window ?? r.window;
  const when = shown ? windowText(shown.fromMs, shown.toMs, f.offsetMin) : 'no times';
  const line2 = [...where, when].join('  ·  ');
  out.push(`<text x="${PAD}" y="60" font-size="13" fill="${INK.muted}">${xmlText(fitText(line2, max, 13))}</text>`);
  out.push(`<text x="${PAD}" y="80" font-size="13" fill="${INK.text}">${xmlText(fitText(summaryOf(r), max, 13))}</text>`);
  const message = waterfall && r.run?.message ? r.run.message : null;
  if (message) {
    const color = r.run?.status === 'failed' ? STATUS_STYLES.failed.stroke : INK.text;
    out.push(`<text x="${PAD}" y="100" font-size="13" fill="${color}">${xmlText(fitText(message, max, 13))}</text>`);
    return 108;
  }
  return 88;
}

/** The counts line: runs in lanes with their failures, or a run's duration, steps and failures. */
function summaryOf(r: TimelineResult): string {
  const byStatus = countStatuses(r.lanes);
  const failed = byStatus.failed ?? 0;
  const failures = failed > 0 ? `, ${failed.toLocaleString('en-US')} failed` : '';
  if (isWaterfall(r)) {
    const steps = r.lanes.filter((l) => l.kind !== 'child').length;
    const children = r.lanes.length - steps;
    const run = r.run;
    const took = run ? (run.endMs !== null ? `took ${formatDuration(run.endMs - run.startMs)}` : run.running ? 'still running' : 'no end recorded') : '';
    return [took, plural(steps, 'step') + failures, children > 0 ? plural(children, 'nested run') : ''].filter((s) => s !== '').join('  ·  ');
  }
  return `${plural(r.total, r.items === 'steps' ? 'step' : 'run')} in ${plural(r.lanes.length, 'lane')}${failures}`;
}

/** Items per status over the lanes' bars and buckets. */
function countStatuses(lanes: readonly TimelineLane[]): Partial<Record<StatusClass, number>> {
  const c: Partial<Record<StatusClass, number>> = {};
  for (const l of lanes) {
    for (const b of l.bars) {
      c[b.status] = (c[b.status] ?? 0) + 1;
    }
    for (const b of l.buckets) {
      for (const s of STATUS_CLASSES) {
        c[s] = (c[s] ?? 0) + (b.byStatus[s] ?? 0);
      }
    }
  }
  return c;
}

/** The ruler: tick labels above the chart, grid lines through every row; returns the first row's y. */
function ruler(out: string[], f: Frame, top: number, rowCount: number): number {
  const bottom = top + 22 + rowCount * f.rowH;
  out.push(`<line x1="${f.left}" x2="${f.right}" y1="${top + 22}" y2="${top + 22}" stroke="${INK.gridMajor}"/>`);
  for (const t of timeTicks(f.scale, 110, f.offsetMin)) {
    const x = f.left + t.x;
    if (x < f.left - 0.5 || x > f.right + 0.5) {
      continue;
    }
    out.push(`<line x1="${n(x)}" x2="${n(x)}" y1="${top + 14}" y2="${bottom}" stroke="${t.major ? INK.gridMajor : INK.grid}" stroke-width="1"/>`);
    if (x + textWidth(t.label, 11) + 4 <= f.right) {
      out.push(`<text data-tick="${t.ms}" x="${n(x + 4)}" y="${top + 12}" font-size="11" fill="${t.major ? INK.text : INK.muted}"${t.major ? ' font-weight="600"' : ''}>${xmlText(t.label)}</text>`);
    }
  }
  return top + 22;
}

/** Every row: its band, its label and its marks; returns the y below the last. */
function body(out: string[], r: TimelineResult, o: TimelineSvgOptions, f: Frame, rows: readonly PictureRow[], top: number): number {
  const waterfall = isWaterfall(r);
  const nowMs = o.nowMs ?? r.window?.toMs ?? 0;
  // The run a waterfall is of is one more lane, so the same layout places it.
  const lanes = r.run ? [...r.lanes, { key: null, label: r.run.name ?? r.run.id, count: 1, bars: [r.run], buckets: [] }] : r.lanes;
  const laneOfRow = rows.map((row) => (row.kind === 'lane' ? row.lane : row.kind === 'run' ? r.lanes.length : -1));
  const packed = packBars({ lanes }, nowMs);
  const rects = layoutRects(packed, f.scale, laneOfRow, 0, undefined, 2, 1);
  const buckets = bucketRects({ lanes }, f.scale, laneOfRow, 0);
  const critical = new Set(r.criticalPath ?? []);
  const box = (i: number): { y: number; h: number; left: number; right: number } => ({ y: top + i * f.rowH + (f.rowH - f.barH) / 2, h: f.barH, left: f.left, right: f.right });
  rows.forEach((row, i) => rowLabel(out, r, f, row, top + i * f.rowH, i, row.kind === 'lane' ? lanes[row.lane] : undefined));
  for (let k = 0; k < rects.count; k++) {
    const rowIndex = rects.lane[k] ?? 0;
    // Bars reaching past the window are cut at the chart's edges.
    const x0 = Math.max(f.left, f.left + (rects.x[k] ?? 0));
    const place = { x: x0, w: Math.min(f.right, f.left + (rects.x[k] ?? 0) + (rects.w[k] ?? 0)) - x0 };
    const bar = rects.bar[k] ?? -1;
    const src = bar >= 0 ? lanes[packed.lane[bar] ?? 0]?.bars[packed.src[bar] ?? 0] : undefined;
    if (!src) {
      out.push(mergedMark(rects.status[k] ?? 0, place, box(rowIndex)));
      continue;
    }
    const next = rects.lane[k + 1] === rowIndex ? f.left + (rects.x[k + 1] ?? 0) : f.right;
    const prevEnd = k > 0 && rects.lane[k - 1] === rowIndex ? f.left + (rects.x[k - 1] ?? 0) + (rects.w[k - 1] ?? 0) : f.left;
    const row = rows[rowIndex];
    const isStep = row?.kind === 'lane' && lanes[row.lane]?.kind === 'step';
    out.push(barMark(src, place, box(rowIndex), {
      tooltip: tooltipOf(src, f.offsetMin), text: barText(src, waterfall), outside: waterfall,
      roomRight: next - (place.x + place.w), roomLeft: place.x - prevEnd,
      critical: isStep && critical.has(src.id), note: slowNote(src),
      message: waterfall && row?.kind === 'lane' && src.status === 'failed' ? src.message : null,
    }));
  }
  // A row whose bars all lie outside the window (a nested run hours later) says where they are.
  rows.forEach((row, i) => {
    const lane = row.kind === 'lane' ? lanes[row.lane] : undefined;
    const note = lane ? offWindowNote(lane, f.scale, nowMs) : null;
    if (note) {
      const y = n(top + i * f.rowH + f.rowH / 2 + 4);
      out.push(note.after
        ? `<text x="${n(f.right)}" y="${y}" font-size="11" text-anchor="end" fill="${INK.muted}" data-marker="off-window">${xmlText(note.text)}</text>`
        : `<text x="${n(f.left + 4)}" y="${y}" font-size="11" fill="${INK.muted}" data-marker="off-window">${xmlText(note.text)}</text>`);
    }
  });
  // The answer's buckets in the order bucketRects places them (row by row, those on the scale).
  const sources = laneOfRow.flatMap((lane) => (lanes[lane]?.buckets ?? []).filter((b) => !(b.toMs < f.scale.fromMs || b.fromMs > f.scale.toMs)).map((b) => ({ b, label: lanes[lane]?.label ?? '' })));
  buckets.forEach((rect, k) => {
    const src = sources[k];
    const failed = src?.b.byStatus.failed ?? 0;
    const tip = src ? `${src.label}: ${plural(rect.count, r.items === 'steps' ? 'step' : 'run')} from ${wallText(src.b.fromMs, f.offsetMin)} to ${wallText(src.b.toMs, f.offsetMin)}${failed > 0 ? `, ${failed.toLocaleString('en-US')} failed` : ''}` : '';
    out.push(bucketMark(rect, box(rect.lane), f.left, failed > 0, tip));
  });
  return top + rows.length * f.rowH;
}

/** Where a lane's bars are when none reaches into the window: `2 d 05 h later →` or `← 3 h 10 min earlier`; null when one does. */
export function offWindowNote(lane: Pick<TimelineLane, 'bars' | 'buckets'>, s: TimeScale, nowMs: number): { readonly after: boolean; readonly text: string } | null {
  if (lane.bars.length === 0 || lane.buckets.length > 0) {
    return null;
  }
  let first = Infinity;
  let last = -Infinity;
  for (const b of lane.bars) {
    const end = b.running ? Math.max(nowMs, b.startMs) : (b.endMs ?? b.startMs);
    if (b.startMs <= s.toMs && end >= s.fromMs) {
      return null;
    }
    first = Math.min(first, b.startMs);
    last = Math.max(last, end);
  }
  return first > s.toMs
    ? { after: true, text: `starts ${formatDuration(first - s.toMs)} later →` }
    : { after: false, text: `← ended ${formatDuration(s.fromMs - last)} earlier` };
}

/** A row's band and label: a group heading, or a lane's name (with its status icon in a waterfall, its count in an overview). */
function rowLabel(out: string[], r: TimelineResult, f: Frame, row: PictureRow, y: number, i: number, lane: TimelineLane | undefined): void {
  if (row.kind === 'group') {
    out.push(`<rect x="0" y="${y}" width="${f.width}" height="${f.rowH}" fill="${INK.group}"/>`);
    out.push(`<path d="M${PAD + 1} ${y + 9} L${PAD + 9} ${y + 9} L${PAD + 5} ${y + 15} Z" fill="${INK.muted}"/>`);
    out.push(`<text x="${PAD + 14}" y="${y + f.rowH / 2 + 4.5}" font-size="12" font-weight="700" fill="${INK.text}">${xmlText(`${row.label} · ${row.count.toLocaleString('en-US')}`)}</text>`);
    return;
  }
  if (i % 2 === 1) {
    out.push(`<rect x="0" y="${y}" width="${f.width}" height="${f.rowH}" fill="${INK.band}"/>`);
  }
  const waterfall = isWaterfall(r);
  // Under the run a waterfall is of, every row sits one level in.
  const indent = row.kind === 'lane' ? (row.depth + (r.run ? 1 : 0)) * 16 : 0;
  const label = row.kind === 'run' ? (row.bar.name ?? row.bar.id) : (lane?.label ?? '');
  const first = row.kind === 'run' ? row.bar : lane?.bars[0];
  const count = row.kind === 'lane' && !waterfall ? (lane?.count ?? 0).toLocaleString('en-US') : '';
  const countW = count ? textWidth(count, 11) + 10 : 0;
  const iconW = waterfall ? 16 : 0;
  if (iconW > 0 && first) {
    out.push(statusIcon(first.status, PAD + indent + 6, y + f.rowH / 2, 10));
  }
  const bold = row.kind === 'run';
  const text = fitText(label, f.labelWidth - indent - iconW - countW, 12, bold);
  out.push(`<text x="${PAD + indent + iconW}" y="${n(y + f.rowH / 2 + 4.2)}" font-size="12" fill="${INK.text}"${bold ? ' font-weight="700"' : ''}>${xmlText(text)}</text>`);
  if (count) {
    out.push(`<text x="${f.left - 12}" y="${n(y + f.rowH / 2 + 4)}" font-size="11" text-anchor="end" fill="${INK.faint}">${count}</text>`);
  }
}

/** What a bar says on itself: its duration (and, in an overview, nothing more). */
function barText(b: TimelineBar, waterfall: boolean): string {
  if (b.endMs === null) {
    return waterfall ? (b.running ? 'running' : 'no end') : '';
  }
  return formatDuration(b.endMs - b.startMs);
}

/** "▲ slower than usual (p90 4.20 s)" for a step above its name's p90. */
function slowNote(b: TimelineBar): string | null {
  return b.slowerThanUsual && b.usualMs !== undefined ? `▲ slower than usual (p90 ${formatDuration(b.usualMs)})` : null;
}

/** A bar's tooltip: name, status, start, end, duration and message. */
function tooltipOf(b: TimelineBar, offsetMin: number): string {
  const end = b.endMs === null ? (b.running ? 'running' : 'no end') : wallText(b.endMs, offsetMin, true);
  const took = b.endMs === null ? '' : ` (${formatDuration(b.endMs - b.startMs)})`;
  const message = b.message ? ` · ${b.message}` : '';
  return `${b.name ?? b.id} · ${b.status} · ${wallText(b.startMs, offsetMin, true)} → ${end}${took}${message}`;
}

/** Notes under the picture; returns the y below them. */
function footer(out: string[], notes: readonly string[], x: number, top: number, right: number): number {
  let y = top;
  for (const note of notes) {
    y += 18;
    out.push(`<text x="${x}" y="${y}" font-size="12" fill="${INK.muted}">${xmlText(fitText(note, right - x, 12))}</text>`);
  }
  y += 20;
  out.push(`<text x="${right}" y="${y}" font-size="11" text-anchor="end" fill="${INK.faint}">Auditlens</text>`);
  return y;
}
