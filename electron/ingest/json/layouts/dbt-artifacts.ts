import { isObject, pick, tableSpec, text, withExtras, type EmitRow, type Layout, type RecordContext } from './layout-kit';

/** One row per `run_results.json`: the invocation it records. */
export const DBT_INVOCATIONS = tableSpec('dbt_invocations', [
  ['invocation_id', 'TEXT'],
  ['dbt_version', 'TEXT'],
  ['schema_version', 'TEXT'],
  ['generated_at', 'TEXT'],
  ['elapsed_time', 'REAL'],
  ['command', 'TEXT'],
  ['result_count', 'INTEGER'],
  ['args', 'JSON'],
  ['metadata', 'JSON'],
], { open: false });

/** One row per result (model, test, seed, snapshot) of a `run_results.json`. */
export const DBT_RESULTS = tableSpec('dbt_results', [
  ['invocation_id', 'TEXT'],
  ['unique_id', 'TEXT'],
  ['status', 'TEXT'],
  ['thread_id', 'TEXT'],
  ['execution_time', 'REAL'],
  ['started_at', 'TEXT'],
  ['completed_at', 'TEXT'],
  ['rows_affected', 'INTEGER'],
  ['failures', 'INTEGER'],
  ['message', 'TEXT'],
  ['adapter_response', 'JSON'],
  ['timing', 'JSON'],
], { indexes: [['invocation_id'], ['unique_id']] });

/** One row per node, source, exposure or metric of a `manifest.json`. */
export const DBT_NODES = tableSpec('dbt_nodes', [
  ['invocation_id', 'TEXT'],
  ['unique_id', 'TEXT'],
  ['resource_type', 'TEXT'],
  ['package_name', 'TEXT'],
  ['name', 'TEXT'],
  ['database', 'TEXT'],
  ['schema', 'TEXT'],
  ['alias', 'TEXT'],
  ['relation_name', 'TEXT'],
  ['materialized', 'TEXT'],
  ['original_file_path', 'TEXT'],
  ['tags', 'JSON'],
  ['depends_on', 'JSON'],
], { indexes: [['unique_id']] });

/** One row per `depends_on.nodes` edge of a manifest: `unique_id` depends on `depends_on_id`. */
export const DBT_DEPENDENCIES = tableSpec('dbt_dependencies', [
  ['invocation_id', 'TEXT'],
  ['unique_id', 'TEXT'],
  ['depends_on_id', 'TEXT'],
], { open: false, indexes: [['unique_id'], ['depends_on_id']] });

const RESULT_KNOWN = new Set(['unique_id', 'status', 'thread_id', 'execution_time', 'message', 'failures', 'adapter_response', 'timing']);
const NODE_KNOWN = new Set(['unique_id', 'resource_type', 'package_name', 'name', 'database', 'schema', 'alias', 'relation_name', 'original_file_path', 'tags', 'depends_on']);
const NODE_SECTIONS = ['nodes', 'sources', 'exposures', 'metrics', 'semantic_models', 'saved_queries', 'unit_tests'];

/** Which dbt artifact a document is, from `metadata.dbt_schema_version`. */
export function dbtArtifactKind(v: unknown): 'run-results' | 'manifest' | null {
  const version = text(pick(v, 'metadata', 'dbt_schema_version')) ?? '';
  if (version.includes('/run-results/') && Array.isArray(pick(v, 'results'))) {
    return 'run-results';
  }
  if (version.includes('/manifest/') && isObject(pick(v, 'nodes'))) {
    return 'manifest';
  }
  return null;
}

/** dbt `run_results.json` (v1 to v6) and `manifest.json` (v1 to v12). */
export const dbtArtifactsLayout: Layout = {
  name: 'dbt-artifacts',
  accept(v: unknown, _ctx: RecordContext, emit: EmitRow): boolean {
    const kind = dbtArtifactKind(v);
    if (!kind || !isObject(v)) {
      return false;
    }
    if (kind === 'run-results') {
      emitRunResults(v, emit);
    } else {
      emitManifest(v, emit);
    }
    return true;
  },
};

function emitRunResults(doc: Record<string, unknown>, emit: EmitRow): void {
  const meta = doc.metadata;
  const invocation = text(pick(meta, 'invocation_id'));
  const results = doc.results as unknown[];
  emit(DBT_INVOCATIONS, ({
    invocation_id: invocation,
    dbt_version: text(pick(meta, 'dbt_version')),
    schema_version: text(pick(meta, 'dbt_schema_version')),
    generated_at: text(pick(meta, 'generated_at')),
    elapsed_time: doc.elapsed_time,
    command: text(pick(doc, 'args', 'which')),
    result_count: results.length,
    args: doc.args,
    metadata: meta,
  }));
  for (const r of results) {
    if (!isObject(r)) {
      continue;
    }
    const timing = Array.isArray(r.timing) ? r.timing.filter(isObject) : [];
    const execute = timing.find((t) => t.name === 'execute') ?? timing[timing.length - 1];
    const out = ({
      invocation_id: invocation,
      unique_id: r.unique_id,
      status: r.status,
      thread_id: r.thread_id,
      execution_time: r.execution_time,
      started_at: text(pick(timing[0], 'started_at')),
      completed_at: text(pick(execute, 'completed_at')),
      rows_affected: pick(r, 'adapter_response', 'rows_affected'),
      failures: r.failures,
      message: r.message,
      adapter_response: r.adapter_response,
      timing: r.timing,
    });
    emit(DBT_RESULTS, withExtras(out, r, RESULT_KNOWN));
  }
}

function emitManifest(doc: Record<string, unknown>, emit: EmitRow): void {
  const invocation = text(pick(doc, 'metadata', 'invocation_id'));
  for (const section of NODE_SECTIONS) {
    const nodes = doc[section];
    if (!isObject(nodes)) {
      continue;
    }
    for (const id of Object.keys(nodes)) {
      const n = nodes[id];
      if (!isObject(n)) {
        continue;
      }
      const out = ({
        invocation_id: invocation,
        unique_id: text(n.unique_id) ?? id,
        resource_type: n.resource_type,
        package_name: n.package_name,
        name: n.name,
        database: n.database,
        schema: n.schema,
        alias: n.alias,
        relation_name: n.relation_name,
        materialized: text(pick(n, 'config', 'materialized')),
        original_file_path: n.original_file_path,
        tags: n.tags,
        depends_on: n.depends_on,
      });
      emit(DBT_NODES, withExtras(out, n, NODE_KNOWN));
      const parents = pick(n, 'depends_on', 'nodes');
      for (const p of Array.isArray(parents) ? parents : []) {
        emit(DBT_DEPENDENCIES, ({ invocation_id: invocation, unique_id: text(n.unique_id) ?? id, depends_on_id: text(p) }));
      }
    }
  }
}
