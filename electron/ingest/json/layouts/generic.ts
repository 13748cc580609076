import type { TableSpec } from '../record-shaper';
import { isObject, tableSpec, type Layout, type RecordContext, type EmitRow } from './layout-kit';

/**
 * The table a record of no known format goes to, named after its file: `jobs.json` gives `jobs`,
 * `events-0001.json` and `events-0002.json` both give `events`, and a file named only by digits
 * (`SchemaDatasetFacet/1.json`) takes its folder's name.
 */
export function genericTableName(rel: string, reserved: ReadonlySet<string>): string {
  const parts = rel.split('/');
  const file = parts[parts.length - 1] ?? '';
  const stem = file.replace(/\.(json|jsonl|ndjson|log)$/i, '');
  let kind = normalise(stem);
  for (let i = parts.length - 2; kind === '' && i >= 0; i--) {
    kind = normalise(parts[i] ?? '');
  }
  if (kind === '') {
    kind = 'records';
  }
  // Names of layout tables and internal tables are never reused for plain records.
  return reserved.has(kind) || kind.startsWith('_') || /^sqlite_/i.test(kind) ? `json_${kind}` : kind;
}

/** Drops trailing numbering and separators and keeps letters, digits and underscores. */
function normalise(name: string): string {
  return name
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/[_\d]+$/, '')
    .replace(/^[_\d]+/, '')
    .replace(/_+/g, '_');
}

/** The fallback layout: each record becomes a row of its file kind's table, keys as columns. */
export function genericLayout(reserved: ReadonlySet<string>): Layout {
  const specs = new Map<string, TableSpec>();
  const specFor = (name: string): TableSpec => {
    let spec = specs.get(name);
    if (!spec) {
      spec = tableSpec(name, []);
      specs.set(name, spec);
    }
    return spec;
  };
  // Every record of a file asks for the same name: computing it once per file saved 0.8 s per 1M records (bench).
  const names = new Map<string, string>();
  const nameFor = (rel: string): string => {
    let name = names.get(rel);
    if (name === undefined) {
      name = genericTableName(rel, reserved);
      names.set(rel, name);
    }
    return name;
  };
  return {
    name: 'generic',
    accept(value: unknown, ctx: RecordContext, emit: EmitRow): boolean {
      const spec = specFor(nameFor(ctx.rel));
      // A record that is not an object (a number, a string, a list) keeps its value in one column.
      emit(spec, isObject(value) ? value : ({ value }));
      return true;
    },
  };
}
