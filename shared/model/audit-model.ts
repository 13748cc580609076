import type { TableRef } from './catalog';
import type { DerivedRelation } from './relation';

/** Every run and step status normalises to one of these. */
export type StatusClass = 'ok' | 'failed' | 'running' | 'skipped' | 'unknown';

/** The normalised status classes, in display order. */
export const STATUS_CLASSES: readonly StatusClass[] = ['ok', 'failed', 'running', 'skipped', 'unknown'];

/** Maps raw status values (compared case-insensitively, trimmed) to a status class. */
export interface StatusVocabulary {
  readonly [raw: string]: StatusClass;
}

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
}

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
  readonly at?: string;
  readonly status?: string;
  readonly message?: string;
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
  /** The edge table a lineage view reads, where the format has one. */
  readonly lineage: { readonly table: TableRef } | null;
}

/** Normalises a raw status with a vocabulary; unknown values stay `unknown` rather than guessed. */
export function normaliseStatus(raw: unknown, vocabulary: StatusVocabulary): StatusClass {
  if (raw === null || raw === undefined) {
    return 'unknown';
  }
  const key = String(raw).trim().toLowerCase();
  return vocabulary[key] ?? 'unknown';
}
