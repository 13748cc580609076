/**
 * The lineage part of the mapping form: any table with a source and a target column can be the
 * format's lineage edges, with an optional relationship, the times an edge held, and the run that
 * recorded it. Its guesses read column names only; a user picks the table.
 */
import type { TableInfo } from '../../../../shared/model/catalog';
import { tableLabel } from '../../../../shared/model/catalog';
import type { Mapping } from '../../../../shared/model/mapping';

/** Edge roles the form offers, in form order. */
export const EDGE_ROLES = ['source', 'target', 'relationship', 'validFrom', 'validTo', 'recordedBy'] as const;
/** One edge role. */
export type EdgeRole = (typeof EDGE_ROLES)[number];

/** The lineage card's state: '' stands for "no table" / "no column". */
export interface LineageDraft {
  readonly withLineage: boolean;
  readonly edgesTable: string;
  readonly edgeRoles: Readonly<Record<EdgeRole, string>>;
}

/** No lineage mapped. */
export const NO_LINEAGE: LineageDraft = {
  withLineage: false,
  edgesTable: '',
  edgeRoles: { source: '', target: '', relationship: '', validFrom: '', validTo: '', recordedBy: '' },
};

/** Column-name patterns per role, best first. */
const PATTERNS: Readonly<Record<EdgeRole, readonly RegExp[]>> = {
  source: [/^(source|src|upstream|from|parent|input)(_(table|node|name|id|dataset|object))?$/i, /^(source|src|upstream|from|parent|input)_/i, /_(source|src)$/i],
  target: [/^(target|tgt|dst|dest|destination|downstream|to|child|output)(_(table|node|name|id|dataset|object))?$/i, /^(target|tgt|dst|dest|destination|downstream|to|child|output)_/i, /_(target|dst|dest)$/i],
  relationship: [/^(relationship|relation|rel|edge|dependency|dep|link)(_?(type|kind))?$/i, /(^|_)(relationship|relation)(_|$)/i],
  validFrom: [/^(valid_from|created_at|created|recorded_at|effective_from|start(ed)?_at)$/i],
  validTo: [/^(valid_to|invalidated_at|invalidated|deleted_at|retired_at|expired_at|effective_to|end(ed)?_at)$/i],
  recordedBy: [/^(session_id|run_id|job_run_id|run_uuid|recorded_by|session)$/i],
};

/** The column of a table that a role's names suggest, or ''. */
export function guessEdgeRole(table: TableInfo, role: EdgeRole, taken: readonly string[] = []): string {
  for (const p of PATTERNS[role]) {
    const hit = table.columns.find((c) => p.test(c.name) && !taken.includes(c.name));
    if (hit) {
      return hit.name;
    }
  }
  return '';
}

/** The lineage card for one edges table, its roles guessed from column names. */
export function lineageForTable(tables: readonly TableInfo[], label: string): LineageDraft {
  const t = tables.find((x) => tableLabel(x) === label);
  if (!t) {
    return { ...NO_LINEAGE, withLineage: label !== '' };
  }
  const roles: Record<EdgeRole, string> = { ...NO_LINEAGE.edgeRoles };
  for (const role of EDGE_ROLES) {
    roles[role] = guessEdgeRole(t, role, Object.values(roles).filter((v) => v !== ''));
  }
  return { withLineage: true, edgesTable: label, edgeRoles: roles };
}

/** The first table that looks like an edge table (a source and a target column), best guess for the card. */
export function likelyEdgesTable(tables: readonly TableInfo[], exclude: readonly string[]): string {
  const hit = tables.find((t) => !exclude.includes(tableLabel(t)) && guessEdgeRole(t, 'source') !== '' && guessEdgeRole(t, 'target', [guessEdgeRole(t, 'source')]) !== '');
  return hit ? tableLabel(hit) : '';
}

/** The mapping's `lineage`, or the sentences that say what is missing. */
export function lineageFromDraft(d: LineageDraft, tables: readonly TableInfo[]): { readonly lineage: Mapping['lineage']; readonly problems: string[] } {
  if (!d.withLineage) {
    return { lineage: null, problems: [] };
  }
  const t = tables.find((x) => tableLabel(x) === d.edgesTable);
  if (!t) {
    return { lineage: null, problems: ['Pick the table that holds the lineage edges, or map no lineage.'] };
  }
  const r = d.edgeRoles;
  if (r.source === '' || r.target === '') {
    return { lineage: null, problems: ['Say which columns hold the source and the target of an edge.'] };
  }
  if (r.source === r.target) {
    return { lineage: null, problems: ['An edge needs two different columns for its source and its target.'] };
  }
  const opt = (k: 'relationship' | 'validFrom' | 'validTo' | 'recordedBy'): Partial<Record<typeof k, string>> => (r[k] === '' ? {} : { [k]: r[k] });
  return {
    lineage: {
      table: { schema: t.schema, name: t.name }, source: r.source, target: r.target,
      ...opt('relationship'), ...opt('validFrom'), ...opt('validTo'), ...opt('recordedBy'),
    },
    problems: [],
  };
}
