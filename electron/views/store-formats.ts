import { AuditlensError } from '../../shared/api/result';
import type { AuditModel } from '../../shared/model/audit-model';
import type { Catalog } from '../../shared/model/catalog';
import { findTable } from '../../shared/model/catalog';
import type { AuditView } from '../../shared/query/runs-view';
import { runsView, stepsView } from '../../shared/query/runs-view';
import { detectFormats } from '../profiles/registry';

/** A format found in a store, with its runs and steps views built over the store's tables. */
export interface StoreFormat {
  readonly key: string;
  readonly model: AuditModel;
  readonly runs: AuditView;
  readonly steps: AuditView | null;
}

/** A stable key for one occurrence of a format: its id, schema and runs table. */
export function formatKey(model: AuditModel): string {
  if (model.formatId === 'mapped') {
    return `mapped:${model.title}`;
  }
  return `${model.formatId}:${model.runs.table.schema ?? ''}:${model.runs.table.name}${model.variant ? `:${model.variant}` : ''}`;
}

/** Every format in the catalog with its views: recognised ones, then the user's mappings. */
export function storeFormats(catalog: Catalog, mapped: readonly AuditModel[] = []): StoreFormat[] {
  const out: StoreFormat[] = [];
  for (const model of [...detectFormats(catalog), ...mapped]) {
    const base = findTable(catalog, model.runs.table);
    if (!base) {
      continue;
    }
    const stepsBase = model.steps ? findTable(catalog, model.steps.table) : undefined;
    out.push({ key: formatKey(model), model, runs: runsView(model, base), steps: stepsBase ? stepsView(model, stepsBase) : null });
  }
  return out;
}

/** Finds a format by key, or by bare id when the store holds it once (the CLI's `--format ID`). */
export function findFormat(catalog: Catalog, keyOrId: string, mapped: readonly AuditModel[] = []): StoreFormat {
  return findIn(storeFormats(catalog, mapped), keyOrId);
}

/** Finds a format among those already resolved, by key or by bare id; a typed error names the choices. */
export function findIn(all: readonly StoreFormat[], keyOrId: string): StoreFormat {
  const exact = all.find((f) => f.key === keyOrId);
  if (exact) {
    return exact;
  }
  // A bare id names the format's main view; variants (e.g. Fivetran user activity) need their key.
  const byId = all.filter((f) => f.model.formatId === keyOrId && f.model.variant === undefined);
  if (byId.length === 1 && byId[0]) {
    return byId[0];
  }
  if (byId.length > 1) {
    throw new AuditlensError('bad-input', `The store holds ${keyOrId} ${byId.length} times; name one of: ${byId.map((f) => f.key).join(', ')}.`);
  }
  const known = all.map((f) => f.model.formatId).join(', ') || 'none';
  throw new AuditlensError('not-found', `The store has no ${keyOrId} audit format (it has: ${known}).`);
}
