/**
 * The mapping form as plain data ("draft"), its pre-fill from `mapping.suggest`, and the
 * mapping JSON it saves. Pure, so a user's path to a mapping in under a minute (every choice
 * pre-filled from keys, names and data overlap) is tested without a browser.
 *
 * Column names come from the store and are hostile: they are only compared and copied, never
 * used as object keys (a column may be called `__proto__`).
 */
import type { MappingSuggestions } from '../../../../shared/api/contract';
import type { TableInfo } from '../../../../shared/model/catalog';
import { tableLabel } from '../../../../shared/model/catalog';
import type { Mapping } from '../../../../shared/model/mapping';
import { guessDuration, guessStepOrder, roleOf, sameNameColumn } from './mapping-guess';
import type { LineageDraft } from './mapping-lineage';
import { NO_LINEAGE, likelyEdgesTable, lineageForTable, lineageFromDraft } from './mapping-lineage';

/** Run roles the form offers, in form order. */
export const RUN_ROLES = ['name', 'started', 'ended', 'status', 'actor', 'message'] as const;
/** Step roles the form offers, in form order. */
export const STEP_ROLES = ['name', 'at', 'status', 'message'] as const;

/** One run role. */
export type RunRole = (typeof RUN_ROLES)[number];
/** One step role. */
export type StepRole = (typeof STEP_ROLES)[number];
/** One suggested runs/steps join. */
export type JoinSuggestion = MappingSuggestions['joins'][number];

/** The form's state. '' stands for "no column" / "no table". */
export interface MappingDraft extends LineageDraft {
  readonly title: string;
  /** The runs table's label (`schema.name` or `name`). */
  readonly runsTable: string;
  readonly runKey: readonly string[];
  readonly runRoles: Readonly<Record<RunRole, string>>;
  readonly duration: string;
  readonly durationUnit: 's' | 'ms';
  readonly withSteps: boolean;
  readonly stepsTable: string;
  /** The steps column joined to each run key column, index for index. */
  readonly stepKey: readonly string[];
  readonly stepOrder: readonly { readonly column: string; readonly desc: boolean }[];
  readonly stepRoles: Readonly<Record<StepRole, string>>;
  readonly naiveTime: 'utc' | 'local';
}

const NO_RUN_ROLES: Record<RunRole, string> = { name: '', started: '', ended: '', status: '', actor: '', message: '' };
const NO_STEP_ROLES: Record<StepRole, string> = { name: '', at: '', status: '', message: '' };

/** The table with this label. */
export function tableByLabel(tables: readonly TableInfo[], label: string): TableInfo | undefined {
  return tables.find((t) => tableLabel(t) === label);
}

/** How well a join holds in the data: `matched/sampled (NN %)`, or a note when not measured. */
export function formatOverlap(overlap: JoinSuggestion['overlap']): string {
  if (overlap === null) {
    return 'overlap not measured';
  }
  if (overlap.sampled === 0) {
    return '0/0 (no step rows)';
  }
  return `${overlap.matched}/${overlap.sampled} (${Math.round((overlap.matched / overlap.sampled) * 100)} %)`;
}

/** Share of sampled step keys found among the runs (0 when unmeasured). */
function overlapShare(j: JoinSuggestion): number {
  return j.overlap && j.overlap.sampled > 0 ? j.overlap.matched / j.overlap.sampled : 0;
}

/** The joins suggested for a runs table, best first: declared keys, then by data overlap. */
export function joinsFor(suggestions: MappingSuggestions | null, runsTable: string): JoinSuggestion[] {
  return (suggestions?.joins ?? [])
    .filter((j) => tableLabel(j.runsTable) === runsTable)
    .sort((x, y) => Number(y.reason === 'foreign-key') - Number(x.reason === 'foreign-key') || overlapShare(y) - overlapShare(x));
}

/** Tables in the order the runs table select lists them: suggested runs tables first, best first. */
export function rankRunsTables(tables: readonly TableInfo[], suggestions: MappingSuggestions | null): { readonly table: TableInfo; readonly suggested: boolean }[] {
  const score = (t: TableInfo): number => {
    const joins = joinsFor(suggestions, tableLabel(t));
    if (joins.length === 0) {
      return 0;
    }
    return 10 + (joins[0]?.reason === 'foreign-key' ? 5 : 0) + overlapShare(joins[0] as JoinSuggestion) + (roleOf(suggestions, t, 'started') !== '' ? 1 : 0);
  };
  return tables
    .map((table) => ({ table, score: score(table) }))
    .sort((a, b) => b.score - a.score || tableLabel(a.table).localeCompare(tableLabel(b.table)))
    .map(({ table, score: s }) => ({ table, suggested: s > 0 }));
}

/** A draft for one runs table: its roles, its key, and its best suggested steps join. */
export function draftForRunsTable(tables: readonly TableInfo[], suggestions: MappingSuggestions | null, label: string, keep?: Pick<MappingDraft, 'title' | 'naiveTime'> & Partial<LineageDraft>): MappingDraft {
  const runs = tableByLabel(tables, label);
  const base: MappingDraft = {
    ...NO_LINEAGE,
    ...(keep?.withLineage !== undefined && keep.edgeRoles !== undefined && keep.edgesTable !== undefined
      ? { withLineage: keep.withLineage, edgesTable: keep.edgesTable, edgeRoles: keep.edgeRoles } : {}),
    title: keep?.title ?? runs?.name ?? '',
    runsTable: runs ? label : '',
    runKey: [],
    runRoles: NO_RUN_ROLES,
    duration: '',
    durationUnit: 's',
    withSteps: false,
    stepsTable: '',
    stepKey: [],
    stepOrder: [],
    stepRoles: NO_STEP_ROLES,
    naiveTime: keep?.naiveTime ?? 'utc',
  };
  if (!runs) {
    return base;
  }
  const roles = Object.fromEntries(RUN_ROLES.map((r) => [r, roleOf(suggestions, runs, r)])) as Record<RunRole, string>;
  const duration = guessDuration(runs);
  const idLike = runs.columns.filter((c) => /(^|_)id$/i.test(c.name)).slice(0, 1).map((c) => c.name);
  const withRoles: MappingDraft = {
    ...base,
    runKey: runs.primaryKey.length > 0 ? [...runs.primaryKey] : idLike,
    runRoles: roles,
    duration: duration?.column ?? '',
    durationUnit: duration?.unit ?? 's',
  };
  const best = joinsFor(suggestions, label)[0];
  return best ? applyJoin(withRoles, best, tables, suggestions) : withRoles;
}

/** The draft the form opens with: the best-ranked runs table, pre-filled. */
export function initialDraft(tables: readonly TableInfo[], suggestions: MappingSuggestions | null): MappingDraft {
  const first = rankRunsTables(tables, suggestions)[0];
  const draft = draftForRunsTable(tables, suggestions, first ? tableLabel(first.table) : '');
  // A table with a source and a target column is offered as the lineage edges, even when it
  // shares the run key (edges recorded by a run), rather than as the runs' steps.
  const edges = likelyEdgesTable(tables, [draft.runsTable]);
  if (edges === '') {
    return draft;
  }
  const steps = edges === draft.stepsTable ? { withSteps: false, stepsTable: '', stepKey: [], stepOrder: [], stepRoles: NO_STEP_ROLES } : {};
  return { ...draft, ...steps, ...lineageForTable(tables, edges) };
}

/** Takes a suggested join: its steps table, its key pairs (which also become the run key), its step roles. */
export function applyJoin(draft: MappingDraft, join: JoinSuggestion, tables: readonly TableInfo[], suggestions: MappingSuggestions | null): MappingDraft {
  const label = tableLabel(join.stepsTable);
  return {
    ...stepsPrefill(draft, tables, suggestions, label),
    runKey: join.pairs.map((p) => p.runs),
    stepKey: join.pairs.map((p) => p.steps),
  };
}

/** Picks a steps table by hand: the suggested join when there is one, else same-named key columns. */
export function setStepsTable(draft: MappingDraft, label: string, tables: readonly TableInfo[], suggestions: MappingSuggestions | null): MappingDraft {
  const join = joinsFor(suggestions, draft.runsTable).find((j) => tableLabel(j.stepsTable) === label);
  if (join) {
    return applyJoin(draft, join, tables, suggestions);
  }
  const steps = tableByLabel(tables, label);
  return { ...stepsPrefill(draft, tables, suggestions, label), stepKey: draft.runKey.map((k) => (steps ? sameNameColumn(steps, k) : '')) };
}

function stepsPrefill(draft: MappingDraft, tables: readonly TableInfo[], suggestions: MappingSuggestions | null, label: string): MappingDraft {
  const steps = tableByLabel(tables, label);
  if (!steps) {
    return { ...draft, withSteps: label !== '', stepsTable: '', stepKey: draft.runKey.map(() => ''), stepOrder: [], stepRoles: NO_STEP_ROLES };
  }
  const at = roleOf(suggestions, steps, 'at') || roleOf(suggestions, steps, 'started');
  const roles: Record<StepRole, string> = {
    name: roleOf(suggestions, steps, 'name'),
    at,
    status: roleOf(suggestions, steps, 'status'),
    message: roleOf(suggestions, steps, 'message'),
  };
  return { ...draft, withSteps: true, stepsTable: label, stepRoles: roles, stepOrder: guessStepOrder(steps, at).map((column) => ({ column, desc: false })) };
}

/** Changes the run key; each kept key column keeps its steps column, a new one gets a same-named guess. */
export function setRunKey(draft: MappingDraft, key: readonly string[], tables: readonly TableInfo[]): MappingDraft {
  const steps = tableByLabel(tables, draft.stepsTable);
  const stepKey = key.map((k) => {
    const was = draft.runKey.indexOf(k);
    return was >= 0 ? draft.stepKey[was] ?? '' : steps ? sameNameColumn(steps, k) : '';
  });
  return { ...draft, runKey: [...key], stepKey };
}

/** The mapping the draft stands for, or the sentences that say what is still missing. */
export function mappingFromDraft(draft: MappingDraft, tables: readonly TableInfo[]): { readonly ok: true; readonly mapping: Mapping } | { readonly ok: false; readonly problems: string[] } {
  const problems: string[] = [];
  const runs = tableByLabel(tables, draft.runsTable);
  const steps = draft.withSteps ? tableByLabel(tables, draft.stepsTable) : undefined;
  if (draft.title.trim() === '') {
    problems.push('Give the mapping a title.');
  }
  if (!runs) {
    problems.push('Pick the table that holds the runs.');
  }
  if (draft.runKey.length === 0) {
    problems.push('Pick the column (or columns) that identify a run.');
  }
  if (draft.withSteps) {
    if (!steps) {
      problems.push('Pick the table that holds the steps, or map runs only.');
    } else if (draft.stepKey.some((k) => k === '')) {
      problems.push('Say which steps column joins each run key column.');
    }
  }
  const lineage = lineageFromDraft(draft, tables);
  problems.push(...lineage.problems);
  if (!runs || problems.length > 0) {
    return { ok: false, problems };
  }
  const set = <T extends string>(roles: Readonly<Record<T, string>>, names: readonly T[]): Partial<Record<T, string>> =>
    Object.fromEntries(names.filter((r) => roles[r] !== '').map((r) => [r, roles[r]])) as Partial<Record<T, string>>;
  const order = draft.stepOrder.filter((o) => o.column !== '');
  return {
    ok: true,
    mapping: {
      version: 1,
      title: draft.title.trim(),
      runs: {
        table: { schema: runs.schema, name: runs.name },
        key: [...draft.runKey],
        ...set(draft.runRoles, RUN_ROLES),
        ...(draft.duration !== '' ? { duration: { column: draft.duration, unit: draft.durationUnit } } : {}),
      },
      steps: steps
        ? {
            table: { schema: steps.schema, name: steps.name },
            runKey: [...draft.stepKey],
            // NULL positions last: audit tables often leave the sequence empty on the final event.
            order: order.map((o) => ({ column: o.column, ...(o.desc ? { desc: true } : {}), nullsLast: true })),
            ...set(draft.stepRoles, STEP_ROLES),
          }
        : null,
      lineage: lineage.lineage,
      naiveTime: draft.naiveTime,
    },
  };
}
