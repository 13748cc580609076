/**
 * Runs as timeline bars: the runs-view columns a bar needs, decoded from the timeline SQL's rows,
 * with the run each one nests under (a parent run, or the group that gathers it).
 */
import type { StatusClass } from '../../shared/model/status';
import { STATUS_CLASSES } from '../../shared/model/status';
import type { TimelineBar, TimelineResult } from '../../shared/model/timeline';
import type { CellValue } from '../../shared/model/values';
import { cellToText, isEmptyCell } from '../../shared/model/values';
import { MESSAGE_CHARS } from '../../shared/timeline/budget';
import type { Source } from '../sources/source';
import type { StoreFormat } from './store-formats';
import { bindable, msOf } from './timeline-plan';
import { viewPlan } from './view-plans';

/** A bar with its lane, and the values that link it to a parent run. */
export interface DecodedBar {
  readonly lane: CellValue;
  readonly bar: TimelineBar;
  /** The run's value of the column its children point at (parent-run nesting). */
  readonly ownRef: CellValue;
}

/** How a format's runs become bars: the extra view columns the bars query reads and how rows decode. */
export interface RunBarShape {
  readonly extra: readonly string[];
  readonly nesting: NonNullable<TimelineResult['nesting']> | null;
  decode(row: readonly CellValue[]): DecodedBar;
}

/** A status class from a result cell (anything else is unknown). */
export function statusOf(v: CellValue | undefined): StatusClass {
  return typeof v === 'string' && (STATUS_CLASSES as readonly string[]).includes(v) ? (v as StatusClass) : 'unknown';
}

/** A message cut to what a bar carries; null when empty. */
export function messageOf(v: CellValue | undefined): string | null {
  if (v === undefined || isEmptyCell(v)) {
    return null;
  }
  const text = cellToText(v);
  return text.length > MESSAGE_CHARS ? `${text.slice(0, MESSAGE_CHARS)}…` : text;
}

/** Text of a cell, or null when empty. */
function textOrNull(v: CellValue | undefined): string | null {
  return v === undefined || isEmptyCell(v) ? null : cellToText(v);
}

/**
 * The bar shape of a format's runs. Rows are `(l, s, e, st, run_id, key…, run_name, message[, parent,
 * ownRef | group])` as `compileRunBars` returns them for `extra`.
 */
export function runBarShape(f: StoreFormat): RunBarShape {
  const r = f.model.runs;
  const own = (column: string): string => `${r.table.name}.${column}`;
  const keys = f.runs.keyColumns;
  const nesting = r.parent ? 'parent-run' : r.group ? 'group' : null;
  const links = r.parent ? [own(r.parent.column), own(r.parent.key)] : r.group ? [own(r.group)] : [];
  const extra = ['run_id', ...keys, 'run_name', 'message', ...links];
  const at = (name: number): number => 4 + name;
  return {
    extra,
    nesting,
    decode(row) {
      const start = msOf(row[1]) ?? 0;
      const status = statusOf(row[3]);
      const linkAt = at(3 + keys.length);
      const link = row[linkAt] ?? null;
      const ownRef = nesting === 'parent-run' ? (row[linkAt + 1] ?? null) : null;
      const id = cellToText(row[at(0)] ?? null);
      // A top-level ddeutil run names itself as its parent: that is no nesting.
      const parent = isEmptyCell(link) || (nesting === 'parent-run' && JSON.stringify(link) === JSON.stringify(ownRef)) ? null : cellToText(link);
      return {
        lane: row[0] ?? null,
        ownRef,
        bar: {
          id,
          runKey: keys.map((_, i) => row[at(1 + i)] ?? null),
          name: textOrNull(row[at(1 + keys.length)]),
          startMs: start,
          endMs: msOf(row[2]),
          running: status === 'running',
          status,
          parent,
          message: messageOf(row[at(2 + keys.length)]),
        },
      };
    },
  };
}

/** Most parent values looked up in one query. */
const LOOKUP_CHUNK = 500;

/**
 * Turns parent references into parent bar ids where the run key has more columns than the one
 * children point at (ddeutil audits: workflow and run_id, parents named by run_id alone): each
 * parent run is looked up in the runs view. References with no run in the store stay as written.
 */
export async function resolveParents(source: Source, f: StoreFormat, bars: readonly DecodedBar[], signal?: AbortSignal): Promise<DecodedBar[]> {
  const parent = f.model.runs.parent;
  if (!parent || (f.model.runs.key.length === 1 && f.model.runs.key[0] === parent.key)) {
    return [...bars];
  }
  const refColumn = `${f.model.runs.table.name}.${parent.key}`;
  const wanted = [...new Set(bars.map((b) => b.bar.parent).filter((p): p is string => p !== null))];
  const ids = new Map<string, string>();
  for (let i = 0; i < wanted.length; i += LOOKUP_CHUNK) {
    const values = wanted.slice(i, i + LOOKUP_CHUNK);
    const plan = viewPlan(f.runs, { columns: ['run_id', refColumn], filters: [{ column: refColumn, op: 'in', values }], sort: [] });
    const page = await source.page(plan, 0, values.length * 2, signal);
    for (const row of page.rows) {
      const ref = bindable(row[1] ?? null);
      if (ref !== undefined && ref !== null && !ids.has(String(ref))) {
        ids.set(String(ref), cellToText(row[0] ?? null));
      }
    }
  }
  return bars.map((b) => (b.bar.parent !== null && ids.has(b.bar.parent) ? { ...b, bar: { ...b.bar, parent: ids.get(b.bar.parent) ?? b.bar.parent } } : b));
}
