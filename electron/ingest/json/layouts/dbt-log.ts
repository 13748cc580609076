import { isObject, pick, tableSpec, text, withExtras, type EmitRow, type Layout, type RecordContext } from './layout-kit';

/**
 * Lines of `dbt --log-format json`. dbt >= 1.5 writes `{"data": {...}, "info": {name, code, level,
 * msg, ts, invocation_id, thread, pid, category, extra}}`; dbt 1.0 to 1.4 wrote the same fields flat
 * with a `log_version`. Both become rows of `dbt_log_events`, with the node fields a timeline needs
 * (`node_info.unique_id`, status, start and finish) lifted into columns.
 */
export const DBT_LOG_EVENTS = tableSpec('dbt_log_events', [
  ['ts', 'TEXT'],
  ['level', 'TEXT'],
  ['name', 'TEXT'],
  ['code', 'TEXT'],
  ['msg', 'TEXT'],
  ['invocation_id', 'TEXT'],
  ['thread', 'TEXT'],
  ['pid', 'INTEGER'],
  ['category', 'TEXT'],
  ['node_unique_id', 'TEXT'],
  ['node_status', 'TEXT'],
  ['node_started_at', 'TEXT'],
  ['node_finished_at', 'TEXT'],
  ['resource_type', 'TEXT'],
  ['execution_time', 'REAL'],
  ['data', 'JSON'],
  ['extra', 'JSON'],
], { indexes: [['invocation_id'], ['node_unique_id']] });

const INFO_KNOWN = new Set(['name', 'code', 'level', 'msg', 'ts', 'invocation_id', 'thread', 'thread_name', 'pid', 'category', 'extra']);
const FLAT_KNOWN = new Set([...INFO_KNOWN, 'data', 'type', 'log_version', 'node_info']);

/** True for a structured dbt log line of either era. */
export function isDbtLogLine(v: unknown): v is Record<string, unknown> {
  if (!isObject(v)) {
    return false;
  }
  const info = v.info;
  if (isObject(info)) {
    return typeof info.name === 'string' && typeof info.ts === 'string' && 'level' in info;
  }
  return 'log_version' in v && typeof v.ts === 'string' && typeof v.code === 'string';
}

/** The dbt JSON log layout. */
export const dbtLogLayout: Layout = {
  name: 'dbt-log',
  accept(v: unknown, _ctx: RecordContext, emit: EmitRow): boolean {
    if (!isDbtLogLine(v)) {
      return false;
    }
    const nested = isObject(v.info);
    const info = (nested ? v.info : v) as Record<string, unknown>;
    const data = v.data;
    // dbt 1.0-1.3 flat lines carry node_info beside data, and no event name: their NodeFinished
    // (code Q024 or Q025 by version) is known by its message, "Finished running node <id>".
    const node = pick(data, 'node_info') ?? (nested ? undefined : v.node_info);
    const finished = !nested && isObject(node) && (text(info.msg) ?? '').startsWith('Finished running node ');
    const out = ({
      ts: text(info.ts),
      level: text(info.level),
      name: text(info.name) ?? (finished ? 'NodeFinished' : text(info.type)),
      code: text(info.code),
      msg: text(info.msg),
      invocation_id: text(info.invocation_id),
      thread: text(info.thread) ?? text(info.thread_name),
      pid: info.pid,
      category: text(info.category),
      node_unique_id: text(pick(node, 'unique_id')),
      node_status: text(pick(node, 'node_status')),
      node_started_at: text(pick(node, 'node_started_at')),
      node_finished_at: text(pick(node, 'node_finished_at')),
      resource_type: text(pick(node, 'resource_type')),
      execution_time: pick(data, 'execution_time'),
      data,
      extra: info.extra,
    });
    if (nested) {
      withExtras(out, info, INFO_KNOWN);
      withExtras(out, v, new Set(['info', 'data']));
    } else {
      withExtras(out, v, FLAT_KNOWN);
    }
    emit(DBT_LOG_EVENTS, out);
    return true;
  },
};
