import { z } from 'zod';
import { AuditlensError } from '../api/result';
import type { AuditModel, LineageMapping, StatusVocabulary } from './audit-model';
import type { Catalog, TableInfo } from './catalog';
import { findTable, tableLabel } from './catalog';
import { tableRefSchema } from './view-request';

const name = z.string().min(1).max(20_000);

/**
 * A user's mapping of a schema no profile knows: which table holds runs, which holds steps, how
 * they join and which columns carry time, status and name, and which table (if any) holds lineage
 * edges. Saved, exported and imported as this JSON; `auditlens --mapping FILE` reads the same shape.
 */
export const mappingSchema = z.object({
  version: z.literal(1).default(1),
  title: z.string().min(1).max(200),
  runs: z.object({
    table: tableRefSchema,
    key: z.array(name).min(1).max(8),
    name: name.optional(),
    started: name.optional(),
    ended: name.optional(),
    duration: z.object({ column: name, unit: z.enum(['s', 'ms']) }).optional(),
    status: name.optional(),
    actor: name.optional(),
    message: name.optional(),
  }),
  steps: z
    .object({
      table: tableRefSchema,
      runKey: z.array(name).min(1).max(8),
      order: z.array(z.object({ column: name, desc: z.boolean().optional(), nullsLast: z.boolean().optional() })).max(8).default([]),
      name: name.optional(),
      at: name.optional(),
      status: name.optional(),
      message: name.optional(),
    })
    .nullable()
    .default(null),
  /** A table with one lineage edge per row: a source and a target column, and when it held. */
  lineage: z
    .object({
      table: tableRefSchema,
      source: name,
      target: name,
      relationship: name.optional(),
      validFrom: name.optional(),
      validTo: name.optional(),
      recordedBy: name.optional(),
    })
    .nullable()
    .default(null),
  runStatus: z.record(z.string().max(200), z.enum(['ok', 'failed', 'running', 'skipped', 'unknown'])).optional(),
  stepStatus: z.record(z.string().max(200), z.enum(['ok', 'failed', 'running', 'skipped', 'unknown'])).optional(),
  naiveTime: z.enum(['utc', 'local']).default('utc'),
});

/** A user mapping, as validated. */
export type Mapping = z.infer<typeof mappingSchema>;

/** Status words most audit tables use, for mappings that do not list their own. */
export const GENERIC_STATUS: StatusVocabulary = {
  ok: 'ok', success: 'ok', succeeded: 'ok', successful: 'ok', completed: 'ok', complete: 'ok', done: 'ok', pass: 'ok', passed: 'ok', finished: 'ok',
  error: 'failed', errored: 'failed', failed: 'failed', failure: 'failed', fail: 'failed', fatal: 'failed', aborted: 'failed', abort: 'failed', crashed: 'failed',
  running: 'running', started: 'running', in_progress: 'running', active: 'running', pending: 'running', queued: 'running',
  skipped: 'skipped', skip: 'skipped', cancelled: 'skipped', canceled: 'skipped',
  info: 'ok', debug: 'ok', warning: 'ok', warn: 'ok',
};

function need(t: TableInfo, column: string | undefined, role: string): void {
  if (column !== undefined && !t.columns.some((c) => c.name === column)) {
    throw new AuditlensError('unknown-column', `The mapping's ${role} column "${column}" is not in ${tableLabel(t)}.`);
  }
}

/** Checks a mapping against the store's catalog and turns it into an audit model, or throws a typed error. */
export function modelFromMapping(mapping: Mapping, catalog: Catalog): AuditModel {
  const runs = findTable(catalog, mapping.runs.table);
  if (!runs) {
    throw new AuditlensError('unknown-table', `The mapping's runs table ${tableLabel(mapping.runs.table)} is not in this store.`);
  }
  const r = mapping.runs;
  r.key.forEach((k) => need(runs, k, 'run key'));
  ([['name', r.name], ['started', r.started], ['ended', r.ended], ['status', r.status], ['actor', r.actor], ['message', r.message], ['duration', r.duration?.column]] as const)
    .forEach(([role, c]) => need(runs, c, role));
  const s = mapping.steps;
  if (s) {
    const steps = findTable(catalog, s.table);
    if (!steps) {
      throw new AuditlensError('unknown-table', `The mapping's steps table ${tableLabel(s.table)} is not in this store.`);
    }
    if (s.runKey.length !== r.key.length) {
      throw new AuditlensError('bad-input', `Steps join on ${s.runKey.length} columns but runs are keyed by ${r.key.length}; give one step column per run key column.`);
    }
    s.runKey.forEach((k) => need(steps, k, 'step join'));
    s.order.forEach((o) => need(steps, o.column, 'step order'));
    ([['step name', s.name], ['step time', s.at], ['step status', s.status], ['step message', s.message]] as const).forEach(([role, c]) => need(steps, c, role));
  }
  const lineage = lineageFromMapping(mapping, catalog);
  const lower = (v: Readonly<Record<string, string>> | undefined): StatusVocabulary | undefined =>
    v ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k.trim().toLowerCase(), x])) as StatusVocabulary : undefined;
  return {
    formatId: 'mapped',
    title: mapping.title,
    runs: { ...r, table: { schema: runs.schema, name: runs.name } },
    steps: s ? { ...s, table: { schema: s.table.schema, name: s.table.name } } : null,
    runStatus: lower(mapping.runStatus) ?? GENERIC_STATUS,
    stepStatus: lower(mapping.stepStatus) ?? GENERIC_STATUS,
    naiveTime: mapping.naiveTime,
    timeline: r.started !== undefined,
    lineage,
  };
}

/** The mapping's edge table as a lineage mapping (none when it maps no edges), its columns checked. */
function lineageFromMapping(mapping: Mapping, catalog: Catalog): LineageMapping[] {
  const l = mapping.lineage;
  if (!l) {
    return [];
  }
  const edges = findTable(catalog, l.table);
  if (!edges) {
    throw new AuditlensError('unknown-table', `The mapping's lineage table ${tableLabel(l.table)} is not in this store.`);
  }
  ([['edge source', l.source], ['edge target', l.target], ['relationship', l.relationship], ['edge created', l.validFrom], ['edge invalidated', l.validTo], ['edge run', l.recordedBy]] as const)
    .forEach(([role, c]) => need(edges, c, role));
  const opt = <K extends string>(key: K, v: string | undefined): Partial<Record<K, string>> => (v === undefined ? {} : { [key]: v } as Record<K, string>);
  return [{
    label: tableLabel(edges),
    table: { schema: edges.schema, name: edges.name },
    source: { name: l.source },
    target: { name: l.target },
    ...opt('relationship', l.relationship), ...opt('validFrom', l.validFrom), ...opt('validTo', l.validTo), ...opt('recordedBy', l.recordedBy),
  }];
}
