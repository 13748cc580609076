import type { ColumnInfo, TableInfo } from '../../shared/model/catalog';

/** A join between a candidate runs table and steps table, with why it was suggested. */
export interface JoinSuggestion {
  readonly runs: TableInfo;
  readonly steps: TableInfo;
  /** Pairs of (runs column, steps column). */
  readonly pairs: readonly { readonly runs: string; readonly steps: string }[];
  readonly reason: 'foreign-key' | 'same-name';
}

/** Column roles guessed from names and types, for pre-filling the mapping form. */
export interface RoleGuess {
  readonly name?: string;
  readonly started?: string;
  readonly ended?: string;
  readonly status?: string;
  readonly actor?: string;
  readonly message?: string;
  readonly at?: string;
}

const ROLE_PATTERNS: readonly (readonly [keyof RoleGuess, RegExp, readonly ColumnInfo['family'][] | null])[] = [
  ['started', /(^|_)(start(ed)?|began|begin|run_started)(_at|_time|_ts)?$|^started$|^start_time$|^created_at$/i, ['temporal', 'text', 'other']],
  ['ended', /(^|_)(end(ed)?|finish(ed)?|complet(ed|ion)|stop(ped)?)(_at|_time|_ts)?$/i, ['temporal', 'text', 'other']],
  ['at', /(^|_)(event_)?(time_?stamp|ts|at|time|logged_at|event_time)$/i, ['temporal', 'text', 'other']],
  ['status', /(^|_)(status|state|result|outcome)$/i, null],
  ['name', /(^|_)(name|model(_name)?|job(_name)?|task(_name)?|step(_name)?|workflow)$/i, ['text', 'other']],
  ['actor', /(^|_)(user|actor|owner|run_by(_user)?|agent(_id)?|triggered_by)$/i, ['text', 'other']],
  ['message', /(^|_)(message|msg|error(_message)?|detail|reason|custom_message)$/i, ['text', 'other', 'json']],
];

/** Guesses which columns carry a run's or step's name, times, status, actor and message. */
export function guessRoles(t: TableInfo): RoleGuess {
  const out: Record<string, string> = {};
  for (const [role, pattern, families] of ROLE_PATTERNS) {
    const hit = t.columns.find((c) => pattern.test(c.name) && (families === null || families.includes(c.family)) && !Object.values(out).includes(c.name));
    if (hit) {
      out[role] = hit.name;
    }
  }
  return out;
}

function sameType(a: ColumnInfo, b: ColumnInfo): boolean {
  return a.family === b.family || (['text', 'other'].includes(a.family) && ['text', 'other'].includes(b.family));
}

/**
 * Candidate runs/steps joins: declared foreign keys first, then columns with the same name and
 * type family where the runs side is its table's key (or part of it) or an id-like column.
 * Value overlap is measured separately, against the data, for the form to show.
 */
export function suggestJoins(tables: readonly TableInfo[]): JoinSuggestion[] {
  const out: JoinSuggestion[] = [];
  for (const steps of tables) {
    for (const fk of steps.foreignKeys) {
      const runs = tables.find((t) => t.name === fk.refTable && (fk.refSchema === null || t.schema === fk.refSchema));
      if (runs && runs !== steps) {
        const refCols = fk.refColumns.every((c) => c !== '') ? fk.refColumns : runs.primaryKey;
        out.push({ runs, steps, pairs: fk.columns.map((c, i) => ({ runs: refCols[i] ?? c, steps: c })), reason: 'foreign-key' });
      }
    }
  }
  for (const runs of tables) {
    const keyish = runs.columns.filter((c) => runs.primaryKey.includes(c.name) || /(^|_)id$/i.test(c.name));
    for (const steps of tables) {
      if (steps === runs || out.some((s) => s.runs === runs && s.steps === steps)) {
        continue;
      }
      const pairs = keyish.flatMap((rc) => {
        const sc = steps.columns.find((c) => c.name.toLowerCase() === rc.name.toLowerCase() && sameType(rc, c));
        return sc ? [{ runs: rc.name, steps: sc.name }] : [];
      });
      const onlyRowId = pairs.length === 1 && pairs[0]?.runs.toLowerCase() === 'id';
      if (pairs.length > 0 && !onlyRowId) {
        out.push({ runs, steps, pairs, reason: 'same-name' });
      }
    }
  }
  return out;
}
