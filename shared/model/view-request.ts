import { z } from 'zod';
import type { CellValue } from './values';

/** Operators a column filter can apply; the CLI's `COL~TEXT` is `contains`, `COL=` is `empty`. */
export const FILTER_OPS = [
  'eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'notContains', 'startsWith', 'empty', 'notEmpty', 'in',
] as const;

/** One filter operator. */
export type FilterOp = (typeof FILTER_OPS)[number];

/** A value a filter compares against. Numbers stay numbers so ranges compare numerically. */
export const filterValueSchema = z.union([z.string().max(10_000), z.number(), z.null()]);

/** A filter on one column, checked against the catalog before it reaches SQL. */
export const columnFilterSchema = z.object({
  column: z.string().min(1).max(20_000),
  op: z.enum(FILTER_OPS),
  value: filterValueSchema.optional(),
  values: z.array(filterValueSchema).max(1_000).optional(),
});

/** One filter on one column. */
export type ColumnFilter = Readonly<z.infer<typeof columnFilterSchema>>;

/** A sort key: a column and its direction. */
export const sortKeySchema = z.object({ column: z.string().min(1).max(20_000), desc: z.boolean() });

/** One sort key. */
export type SortKey = Readonly<z.infer<typeof sortKeySchema>>;

/** Names a table; `schema` is null for SQLite and JSON caches. */
export const tableRefSchema = z.object({ schema: z.string().max(20_000).nullable(), name: z.string().min(1).max(20_000) });

/** What the table explorer shows: which table, which columns, filtered and sorted how. */
export const tableQuerySchema = z.object({
  table: tableRefSchema,
  columns: z.array(z.string().max(20_000)).max(2_000).optional(),
  filters: z.array(columnFilterSchema).max(200).default([]),
  sort: z.array(sortKeySchema).max(16).default([]),
});

/** A table view request, as validated. */
export type TableQuery = Readonly<z.infer<typeof tableQuerySchema>>;

/** An instant as ISO 8601 text with an offset (`Z` or `±HH:MM`), as every view request carries times. */
export const isoInstantSchema = z.string().max(64).regex(
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/,
  'A time is ISO 8601 with an offset, e.g. 2026-10-12T08:15:00Z.',
).refine(isRealDate, 'That is not a real date and time.');

/** True when the date part names a day that exists (V8 would read 2026-02-30 as March 2nd). */
function isRealDate(s: string): boolean {
  const [y, m, d] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  return !Number.isNaN(Date.parse(s)) && day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

/** A time window `[from, to)`: what a timeline shows, and a filter on the runs and steps views. */
export const timeWindowSchema = z.object({ from: isoInstantSchema, to: isoInstantSchema })
  .refine((w) => Date.parse(w.from) < Date.parse(w.to), 'A time window starts before it ends.');

/** One time window, as validated. */
export type TimeWindow = Readonly<z.infer<typeof timeWindowSchema>>;

/** What a runs or steps view shows: filters, sort and columns of the view (no table: the format decides). */
export const viewQuerySchema = z.object({
  columns: z.array(z.string().max(20_000)).max(2_000).optional(),
  filters: z.array(columnFilterSchema).max(200).default([]),
  sort: z.array(sortKeySchema).max(16).default([]),
  /** Runs view: only runs with at least one step whose status class is failed. */
  anyStepFailed: z.boolean().optional(),
  /** Runs view: only runs whose message, or any of whose steps' messages, contains this text (case-insensitive). */
  search: z.string().max(10_000).optional(),
  /** Runs view: only runs slower than the median duration of runs with the same name (under the other filters). */
  slowerThanMedian: z.boolean().optional(),
  /** Steps view: only steps of runs matching these filters on the runs view (e.g. status = failed). */
  runFilters: z.array(columnFilterSchema).max(200).optional(),
  /**
   * Only runs that overlap this time window (start < to and end, or start when there is no end,
   * >= from); a steps view keeps the steps of those runs. Timeline requests ignore it: their own
   * `window` says what they show.
   */
  window: timeWindowSchema.optional(),
});

/** A runs or steps view request, as validated. */
export type ViewQuery = Readonly<z.infer<typeof viewQuerySchema>>;

/** A cell value as sent back by the renderer (e.g. a row key for the detail panel, a run key). */
export const cellValueSchema: z.ZodType<CellValue> = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.object({ t: z.literal('int'), v: z.string().regex(/^-?\d{1,40}$/) }),
]);

const formatKey = z.string().min(1).max(2_000);
const runKey = z.array(cellValueSchema).min(1).max(16);

/** The runs of a format, as the runs grid, its facets and its export see them. */
export const runsRequestSchema = z.object({ kind: z.literal('runs'), format: formatKey, query: viewQuerySchema });

/** Steps: one run's (runKey), or those of every run matching `query.runFilters`. */
export const stepsRequestSchema = z.object({ kind: z.literal('steps'), format: formatKey, query: viewQuerySchema, runKey: runKey.nullable() });

/**
 * A timeline: the runs (or one run's steps) in a time window, in lanes by a runs-view column,
 * drawn `widthPx` wide; the answer is bounded by that width, not by the store's size.
 */
export const timelineRequestSchema = z.object({
  kind: z.literal('timeline'),
  format: formatKey,
  query: viewQuerySchema,
  runKey: runKey.nullable().default(null),
  /** Null: the whole filtered range. */
  window: timeWindowSchema.nullable().default(null),
  /** A runs-view column to group lanes by; null: the format's default lane. */
  lanes: z.string().min(1).max(20_000).nullable().default(null),
  widthPx: z.number().int().min(100).max(20_000).default(1_600),
});

/** Which way a lineage walk goes from its node. */
export const LINEAGE_DIRECTIONS = ['upstream', 'downstream', 'both'] as const;

/** The deepest a lineage walk may be asked to go; `null` depth means as far as the edges go. */
export const MAX_LINEAGE_DEPTH = 10;

/**
 * A lineage graph: the neighbourhood of one node, walked up and or down to a depth, at table or
 * column level, as of a time or as recorded by one run; bounded by a node budget.
 */
export const lineageRequestSchema = z.object({
  kind: z.literal('lineage'),
  format: formatKey,
  node: z.string().min(1).max(20_000),
  direction: z.enum(LINEAGE_DIRECTIONS).default('both'),
  depth: z.number().int().min(1).max(MAX_LINEAGE_DEPTH).nullable().default(1),
  columns: z.boolean().default(false),
  asOf: isoInstantSchema.nullable().default(null),
  run: z.string().min(1).max(20_000).nullable().default(null),
  budget: z.number().int().min(10).max(50_000).default(500),
});

/** Every view a store can be asked for, told apart by `kind`. */
export const viewRequestSchema = z.discriminatedUnion('kind', [runsRequestSchema, stepsRequestSchema, timelineRequestSchema, lineageRequestSchema]);

/** A view request, as validated. */
export type ViewRequest = z.output<typeof viewRequestSchema>;
/** A runs request. */
export type RunsRequest = z.output<typeof runsRequestSchema>;
/** A steps request. */
export type StepsRequest = z.output<typeof stepsRequestSchema>;
/** A timeline request. */
export type TimelineRequest = z.output<typeof timelineRequestSchema>;
/** A lineage request. */
export type LineageRequest = z.output<typeof lineageRequestSchema>;
