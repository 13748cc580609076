/**
 * `auditlens timeline STORE …`: the timeline the app would draw, as JSON or as a picture (SVG, PNG),
 * through the same engine (electron/views/timeline-query.ts) and the same drawing code
 * (shared/timeline/timeline-svg.ts). Command-line mistakes are UsageErrors (exit 2); a store or a
 * request the engine refuses is an AuditlensError (exit 1). Files are written whole or not at all.
 */
import path from 'node:path';
import { AuditlensError } from '../../shared/api/result';
import type { TimelineResult } from '../../shared/model/timeline';
import { parseTimestamp } from '../../shared/model/timestamps';
import type { CellValue } from '../../shared/model/values';
import { timelineRequestSchema } from '../../shared/model/view-request';
import { parseFilterExpr } from '../../shared/query/filter-expr';
import { timelineJson, timelineNotes } from '../../shared/timeline/timeline-json';
import type { MappingStore } from '../app-data/mapping-store';
import type { StoreManager } from '../sources/store-manager';
import type { FormatCatalog } from '../views/format-catalog';
import type { StoreFormat } from '../views/store-formats';
import { timeline } from '../views/timeline-query';
import { isoOf } from '../../shared/timeline/timeline-json';
import type { TimelineSvgOptions } from '../../shared/timeline/timeline-svg';
import { runFocus } from '../../shared/timeline/run-focus';
import { timelineSvg } from '../../shared/timeline/timeline-svg';
import { UsageError } from './cli-error';
import { checkOutput, writeOutput } from './output-file';
import { svgToPng } from './timeline-png';
import { cliFormats } from './view-plan';
import { viewPlan } from '../views/view-plans';

/** What `auditlens timeline` was asked for, as typed on the command line. */
export interface TimelineArgs {
  readonly store: string;
  readonly format: string | null;
  readonly run: string | null;
  readonly filters: readonly string[];
  readonly from: string | null;
  readonly to: string | null;
  readonly lanes: string | null;
  readonly width: string | null;
  readonly time: string | null;
  readonly out: string;
  readonly mappingFile: string | null;
}

/** Where the command runs: saved mappings, cancel, and where notes go. */
export interface TimelineContext {
  readonly mappings?: MappingStore | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly note?: ((line: string) => void) | undefined;
  /** Standard output, for `--out -`. */
  readonly stdout: (text: string) => void;
}

/** `--time`: how times are written (UTC by default). */
export function timeZoneOf(v: string | null): 'utc' | 'local' {
  if (v === null || v === 'utc' || v === 'local') {
    return v ?? 'utc';
  }
  throw new UsageError(`--time must be utc or local, not "${v}".`);
}

/**
 * `--from`/`--to`: ISO 8601 (an offset, or none: then in the `--time` zone), or a day
 * (`2026-10-12`, its midnight). Returned as ISO with an offset, as requests carry times.
 */
export function instantArg(name: string, v: string, zone: 'utc' | 'local'): string {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00` : v;
  const parsed = parseTimestamp(text, { naive: zone });
  if (!parsed) {
    throw new UsageError(`--${name} "${v}" is not a time; write it as ISO 8601, e.g. 2026-10-12T08:15:00Z or 2026-10-12.`);
  }
  return isoOf(parsed.epochMs, 'utc');
}

function widthOf(v: string | null): number {
  if (v === null) {
    return 1_600;
  }
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 100 || n > 20_000) {
    throw new UsageError(`--width must be a whole number of pixels from 100 to 20000, not "${v}".`);
  }
  return n;
}

/** What `--out` asks for: JSON to a file or standard output, or a picture. */
export type OutputKind = 'json' | 'stdout' | 'svg' | 'png';

/** Checks `--out` before any work: its extension says what to write. */
export function outputKind(out: string): OutputKind {
  if (out === '-') {
    return 'stdout';
  }
  const ext = path.extname(out).toLowerCase();
  if (ext === '.json' || ext === '.svg' || ext === '.png') {
    return ext.slice(1) as OutputKind;
  }
  throw new UsageError(`--out must name a .json, .svg or .png file, or be - for JSON on standard output (not "${out}").`);
}

/** The key of the run shown as `run` in the run_id column, or a typed error when there is none. */
async function runKeyOf(fc: FormatCatalog, f: StoreFormat, run: string, signal?: AbortSignal): Promise<CellValue[]> {
  const plan = viewPlan(f.runs, { columns: [...f.runs.keyColumns], filters: [{ column: 'run_id', op: 'eq', value: run }], sort: [] });
  const page = await fc.source.page(plan, 0, 1, signal);
  const row = page.rows[0];
  if (!row) {
    throw new AuditlensError('not-found', `There is no run "${run}" in the ${f.model.formatId} runs (see the run_id column of auditlens export --view runs).`);
  }
  return [...row];
}

/** The file's bytes: the JSON document, the SVG picture, or that picture as PNG. */
async function outputBytes(kind: OutputKind, r: TimelineResult, o: TimelineSvgOptions & { readonly widthPx: number }, signal?: AbortSignal): Promise<string | Uint8Array> {
  if (kind === 'json' || kind === 'stdout') {
    return `${JSON.stringify(timelineJson(r, o.zone), null, 2)}\n`;
  }
  const svg = timelineSvg(r, o);
  return kind === 'svg' ? svg : svgToPng(svg, signal);
}

/** Runs the command: opens the store, asks the engine, writes the JSON or the picture; returns the result for the summary line. */
export async function timelineCommand(stores: StoreManager, a: TimelineArgs, ctx: TimelineContext): Promise<TimelineResult> {
  const zone = timeZoneOf(a.time);
  const kind = outputKind(a.out);
  const widthPx = widthOf(a.width);
  if ((a.from === null) !== (a.to === null)) {
    throw new UsageError('Give both --from and --to, or neither for the whole range.');
  }
  const window = a.from !== null && a.to !== null ? { from: instantArg('from', a.from, zone), to: instantArg('to', a.to, zone) } : null;
  if (window && Date.parse(window.from) >= Date.parse(window.to)) {
    throw new UsageError(`--from (${a.from}) must be before --to (${a.to}).`);
  }
  const filters = a.filters.map(parseFilterExpr);
  const { storeId, source } = await stores.openLocation(a.store, {});
  try {
    const fc = await cliFormats(source, a.mappingFile, ctx.mappings ?? null);
    const f = fc.pick(a.format);
    const runKey = a.run === null ? null : await runKeyOf(fc, f, a.run, ctx.signal);
    const parsed = timelineRequestSchema.safeParse({ kind: 'timeline', format: f.key, query: { filters }, runKey, window, lanes: a.lanes, widthPx });
    if (!parsed.success) {
      throw new UsageError(parsed.error.issues[0]?.message ?? 'The timeline request is not valid.');
    }
    const { kind: _timeline, ...request } = parsed.data;
    const target = kind === 'stdout' ? null : checkOutput(source, a.out);
    const result = await timeline(fc, request, ctx.signal);
    if (target === null) {
      ctx.stdout(`${JSON.stringify(timelineJson(result, zone), null, 2)}\n`);
    } else {
      // A run's picture shows the run and its steps; nested runs far away say where they are.
      const focus = window === null ? runFocus(result, Date.now()) : null;
      writeOutput(target, await outputBytes(kind, result, { widthPx, zone, title: f.model.title, source: source.info.title, ...(focus ? { window: focus } : {}) }, ctx.signal));
    }
    for (const line of timelineNotes(result)) {
      ctx.note?.(line);
    }
    return result;
  } finally {
    await stores.close(storeId);
  }
}
