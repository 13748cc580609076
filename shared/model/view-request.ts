import { z } from 'zod';

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

/** What a runs or steps view shows: filters, sort and columns of the view (no table: the format decides). */
export const viewQuerySchema = z.object({
  columns: z.array(z.string().max(20_000)).max(2_000).optional(),
  filters: z.array(columnFilterSchema).max(200).default([]),
  sort: z.array(sortKeySchema).max(16).default([]),
  /** Runs view: only runs with at least one step whose status class is failed. */
  anyStepFailed: z.boolean().optional(),
  /** Runs view: only runs slower than the median duration of runs with the same name (under the other filters). */
  slowerThanMedian: z.boolean().optional(),
  /** Steps view: only steps of runs matching these filters on the runs view (e.g. status = failed). */
  runFilters: z.array(columnFilterSchema).max(200).optional(),
});

/** A runs or steps view request, as validated. */
export type ViewQuery = Readonly<z.infer<typeof viewQuerySchema>>;
