import type { TableRef } from './catalog';
import type { DerivedRelation } from './relation';
import type { StatusVocabulary } from './status';

export type { StatusClass, StatusVocabulary } from './status';
export { STATUS_CLASSES, normaliseStatus } from './status';

/** How naive timestamps (no offset) of a format are meant: UTC by convention, or the writer's local time. */
export type NaiveTimePolicy = 'utc' | 'local';

/** The unit of a duration column. */
export type DurationUnit = 's' | 'ms';

/**
 * Where a format's runs live: a table (or a relation derived from it) whose columns map onto the
 * normalised run columns. Every field names a column of `relation` when set, else of `table`.
 */
export interface RunsMapping {
  readonly table: TableRef;
  /** For formats whose runs are pairs or sequences of rows: the relation that makes one row per run. */
  readonly relation?: DerivedRelation;
  /** Columns that identify one run; several for composite keys (e.g. invocation_id + model_name). */
  readonly key: readonly string[];
  /** The key is unique though no constraint says so (tables Auditlens built itself, grouped by the key). */
  readonly unique?: boolean;
  readonly name?: string;
  readonly started?: string;
  readonly ended?: string;
  readonly duration?: { readonly column: string; readonly unit: DurationUnit };
  readonly status?: string;
  readonly actor?: string;
  readonly message?: string;
  /**
   * Nested runs: `column` holds the parent's value of its key column `key` (ddeutil parent_run_id
   * → run_id, parent_session_id → id, the OpenLineage parent run facet → run_id).
   */
  readonly parent?: { readonly column: string; readonly key: string };
  /** A column that gathers runs into one invocation or session (dbt's invocation_id over its models). */
  readonly group?: string;
}

/**
 * Where a step ends: at an explicit end column, after a duration, at the next step's start (the
 * last step at its run's end), or never (a point event, drawn as a tick). A duration counts from
 * `at` unless `anchor` is 'end': then `at` is when the step was logged, after it ran (transformation
 * logging's created_at), and the step started `duration` before it.
 */
export type StepInterval =
  | { readonly kind: 'end'; readonly column: string }
  | { readonly kind: 'duration'; readonly column: string; readonly unit: DurationUnit; readonly anchor?: 'start' | 'end' }
  | { readonly kind: 'next' }
  | { readonly kind: 'point' };

/** Where a format's steps live and how they join and order under their run. */
export interface StepsMapping {
  readonly table: TableRef;
  /** Computed step columns (e.g. the run key of a hook log row), when the table alone lacks them. */
  readonly relation?: DerivedRelation;
  /** Step columns equal to the run key columns, in the same order. */
  readonly runKey: readonly string[];
  /** Order of steps within a run; NULLs of a `nullsLast` term sort after the others. */
  readonly order: readonly { readonly column: string; readonly desc?: boolean; readonly nullsLast?: boolean }[];
  readonly name?: string;
  /** When the step started (or happened, for point events). */
  readonly at?: string;
  /** Where the step ends; absent means `next` when `at` is set. */
  readonly interval?: StepInterval;
  readonly status?: string;
  readonly message?: string;
  /**
   * The lineage node the step produces (a dbt node's unique_id, an operation's output table): a
   * step depends on another when the format's lineage has an edge from that one's node to its own.
   */
  readonly node?: string;
  /**
   * Rows of the steps table that belong to no run as the format defines runs (Fivetran log rows
   * before a connection's first sync or after a sync_end; OpenLineage dataset and job events):
   * never steps, but counted so `inspect` can say how many there are.
   */
  readonly outside?: DerivedRelation;
  /**
   * Own columns the steps pane shows by default rather than in the chooser: where a format keeps
   * what a step did or what went wrong (an operation's logic, row counts and warnings).
   */
  readonly shown?: readonly string[];
}

/** One end of a lineage edge: the columns that name a node (a table, a dataset, a job, a column). */
export interface LineageEnd {
  /** The node's kind as the store writes it (TABLE, VIEW, COLUMN, DATASET, JOB…). */
  readonly type?: string;
  /** The schema, or the OpenLineage namespace. */
  readonly namespace?: string;
  readonly name: string;
  /** For column-level edges: the column; NULL on a table-level row. */
  readonly column?: string;
  /**
   * `name` holds a list of names (a Postgres array, or a JSON array in text: an operation's
   * input_tables): one edge per name.
   */
  readonly list?: boolean;
}

/**
 * Where a format's lineage edges live: an edge table, or a relation derived from one (operations'
 * input tables, OpenLineage inputs and outputs). Every field names a column of `relation` when
 * set, else of `table`; the walk reads only these.
 */
export interface LineageMapping {
  /** What the edges are, for the user ("lineage_edge", "operations' input tables"). */
  readonly label: string;
  readonly table: TableRef;
  readonly relation?: DerivedRelation;
  readonly source: LineageEnd;
  readonly target: LineageEnd;
  /** The relationship (DERIVES_FROM, AGGREGATES…), where the store names one. */
  readonly relationship?: string;
  /** Column edges: DIRECT / INDIRECT, its subtype (FILTER, JOIN…) and a description. */
  readonly transformation?: { readonly type?: string; readonly subtype?: string; readonly description?: string };
  /** The job or operation between two datasets, where the store has one. */
  readonly via?: string;
  /** The run or session that recorded the edge, as the runs view shows it in `run_id`. */
  readonly recordedBy?: string;
  /** When the edge started to hold, and when it stopped (NULL: still holds). */
  readonly validFrom?: string;
  readonly validTo?: string;
  /**
   * Node ids are the bare names (OpenLineage dataset names, dbt unique_ids) rather than
   * `namespace.name`; the namespace is still shown.
   */
  readonly bareNames?: boolean;
  /**
   * Column edges only: at table level the mapping adds nothing, because another mapping already
   * joins its tables (OpenLineage's column facet, whose datasets meet through their job).
   */
  readonly columnsOnly?: boolean;
}

/** A recognised (or user-mapped) audit format: what the runs, timeline and lineage views read. */
export interface AuditModel {
  /** Format id used by the CLI and `inspect --json` (e.g. `dbt-audit`). */
  readonly formatId: string;
  readonly title: string;
  /** Tells apart two views of one format over the same table (Fivetran syncs and user activity). */
  readonly variant?: string;
  readonly runs: RunsMapping;
  readonly steps: StepsMapping | null;
  readonly runStatus: StatusVocabulary;
  readonly stepStatus: StatusVocabulary;
  readonly naiveTime: NaiveTimePolicy;
  /** True when runs and steps carry the times a timeline needs. */
  readonly timeline: boolean;
  /** The runs view column the timeline groups lanes by unless the user picks one (default `run_name`). */
  readonly timelineLane?: string;
  /** Where the format's lineage edges live; empty when it has none. */
  readonly lineage: readonly LineageMapping[];
}

/** The interval rule of a steps mapping, with the default spelled out. */
export function stepInterval(steps: StepsMapping): StepInterval | null {
  if (steps.interval) {
    return steps.interval;
  }
  return steps.at !== undefined ? { kind: 'next' } : null;
}
