/**
 * A `dbt build --log-format json` log of dbt 1.8 with a failing model and two failing tests, in
 * dbt-core 1.8's event shapes (core/dbt/events/types.py: LogTestResult Q007, NodeFinished Q025,
 * RunResultFailure Z022, RunResultError Z024): ../shared/fixtures/real holds no dbt JSON log. The
 * real messages sit in other events of each node than its NodeFinished.
 */
import fs from 'node:fs';

/** The invocation of the log. */
export const INV = '5b1b3c1e-8f7a-4a43-9b53-2c1c0e6f8d21';
const START = Date.parse('2024-06-01T10:00:00.000Z');
let clock = START;
const tick = (): string => new Date((clock += 250)).toISOString();

/** A node of the build and how it ended. */
export interface NodeRef { readonly id: string; readonly type: string; readonly status: string }
const nodeInfo = (n: NodeRef, status: string) => ({
  materialized: n.type === 'test' ? 'test' : 'table', meta: {}, node_finished_at: status === 'started' ? '' : '2024-06-01T10:00:05.000000',
  node_name: n.id.split('.')[2], node_path: `${n.id.split('.')[2]}.sql`, node_started_at: '2024-06-01T10:00:01.000000',
  node_status: status, resource_type: n.type, unique_id: n.id,
});
const line = (name: string, code: string, level: string, msg: string, data: Record<string, unknown> = {}): string => JSON.stringify({
  data, info: { category: '', code, extra: {}, invocation_id: INV, level, msg, name, pid: 4242, thread: 'Thread-1 (worker)', ts: tick() },
});

/** The build's nodes: a model that ran, one that failed, two failing tests. */
export const orders: NodeRef = { id: 'model.jaffle.orders', type: 'model', status: 'success' };
export const payments: NodeRef = { id: 'model.jaffle.payments', type: 'model', status: 'error' };
export const notNull: NodeRef = { id: 'test.jaffle.not_null_orders_order_id.c5d2f1', type: 'test', status: 'fail' };
export const unique: NodeRef = { id: 'test.jaffle.unique_orders_order_id.fd6e2a', type: 'test', status: 'fail' };
/** The failing model's database error, as dbt reports it. */
export const DB_ERROR = 'Database Error in model payments (models/payments.sql)\n  relation "raw.payments" does not exist\n  LINE 3: from raw.payments\n               ^';

function logLines(): string[] {
  clock = START;
  const finished = (n: NodeRef, runResult: Record<string, unknown>) =>
    line('NodeFinished', 'Q025', 'debug', `Finished running node ${n.id}`, { node_info: nodeInfo(n, n.status), run_result: { adapter_response: {}, execution_time: 0.05, status: n.status, thread: 'Thread-1 (worker)', timing_info: [], ...runResult } });
  return [
    line('MainReportVersion', 'A001', 'info', 'Running with dbt=1.8.2', { log_version: 3, version: '=1.8.2' }),
    line('NodeStart', 'Q024', 'debug', `Began running node ${orders.id}`, { node_info: nodeInfo(orders, 'started') }),
    line('LogModelResult', 'Q012', 'info', '1 of 4 OK created sql table model main.orders ... [OK in 0.05s]', { node_info: nodeInfo(orders, 'success'), status: 'OK' }),
    finished(orders, { message: 'OK', failures: null }),
    line('NodeStart', 'Q024', 'debug', `Began running node ${payments.id}`, { node_info: nodeInfo(payments, 'started') }),
    line('LogModelResult', 'Q012', 'error', '2 of 4 ERROR creating sql table model main.payments ... [ERROR in 0.04s]', { node_info: nodeInfo(payments, 'error'), status: 'ERROR' }),
    // This node's run_result carries no message: only the RunResultError below says what went wrong.
    finished(payments, { message: null, failures: null }),
    line('NodeStart', 'Q024', 'debug', `Began running node ${notNull.id}`, { node_info: nodeInfo(notNull, 'started') }),
    line('LogTestResult', 'Q007', 'error', '3 of 4 FAIL 78 not_null_orders_order_id ... [FAIL 78 in 0.05s]', { node_info: nodeInfo(notNull, 'fail'), num_failures: 78, status: 'fail' }),
    finished(notNull, { message: 'Got 78 results, configured to fail if != 0', failures: 78 }),
    line('NodeStart', 'Q024', 'debug', `Began running node ${unique.id}`, { node_info: nodeInfo(unique, 'started') }),
    line('LogTestResult', 'Q007', 'error', '4 of 4 FAIL 3 unique_orders_order_id ... [FAIL 3 in 0.04s]', { node_info: nodeInfo(unique, 'fail'), num_failures: 3, status: 'fail' }),
    finished(unique, { message: 'Got 3 results, configured to fail if != 0', failures: 3 }),
    line('RunResultErrorsHeader', 'Z030', 'info', 'Completed with 3 errors and 0 warnings:', {}),
    line('RunResultError', 'Z024', 'error', `  ${DB_ERROR}`, { msg: DB_ERROR, node_info: nodeInfo(payments, 'error') }),
    line('RunResultFailure', 'Z022', 'error', 'Failure in test not_null_orders_order_id (models/schema.yml)', { node_info: nodeInfo(notNull, 'fail'), node_name: 'not_null_orders_order_id', path: 'models/schema.yml', resource_type: 'test' }),
    line('RunResultError', 'Z024', 'error', '  Got 78 results, configured to fail if != 0', { msg: 'Got 78 results, configured to fail if != 0', node_info: nodeInfo(notNull, 'fail') }),
    // dbt before 1.8 wrote RunResultError without node_info: the node's run_result is all there is.
    line('RunResultError', 'Z024', 'error', '  Got 3 results, configured to fail if != 0', { msg: 'Got 3 results, configured to fail if != 0' }),
    line('CommandCompleted', 'Q039', 'debug', 'Command `dbt build` failed at 10:00:05.000000 after 5.00 seconds', { completed_at: '2024-06-01T10:00:05.000000Z', elapsed: 5, success: false }),
  ];
}

type Line = { readonly data: Record<string, unknown>; readonly info: { readonly name: string; readonly msg: string } };
const nodeOf = (l: Line): string | undefined => (l.data.node_info as { unique_id?: string } | undefined)?.unique_id;

/** From the file: per NodeFinished, the node's RunResultError text, else its run_result.message, else its msg. */
export function expectedMessages(file: string): Map<string, string> {
  const lines = fs.readFileSync(file, 'utf8').split('\n').map((l) => JSON.parse(l) as Line);
  const errors = new Map(lines.filter((l) => l.info.name === 'RunResultError' && nodeOf(l)).map((l) => [nodeOf(l), l.data.msg as string]));
  return new Map(lines.filter((l) => l.info.name === 'NodeFinished').map((l) => {
    const id = nodeOf(l) ?? '';
    const result = (l.data.run_result as { message?: string | null }).message;
    return [id, errors.get(id) ?? result ?? l.info.msg];
  }));
}

/** Writes the log to `file`. */
export function writeDbtBuildLog(file: string): void {
  fs.writeFileSync(file, logLines().join('\n'));
}
