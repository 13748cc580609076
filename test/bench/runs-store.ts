/**
 * The generated dbt-audit store of the runs and timeline benches: 1M runs (BENCH_RUNS) of 30
 * models, 7 s apart (about 81 days), and 10 steps each, built once into `.bench/`. Failed steps
 * say "Lock wait timeout on step_N"; every 7,919th step says "Vacuum 50%_done" (a search word
 * with LIKE wildcards in it).
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

const STEPS_PER_RUN = 10;

/** Where the store lives and how many runs and steps it holds. */
export function runsStore(root: string): { readonly file: string; readonly runs: number; readonly steps: number } {
  const runs = Number(process.env.BENCH_RUNS ?? 1_000_000);
  return { file: path.join(root, '.bench', `runs-${runs}.db`), runs, steps: runs * STEPS_PER_RUN };
}

/** Builds the store unless it is there already; returns its path. */
export function ensureRunsStore(root: string): string {
  const { file, runs: RUNS, steps } = runsStore(root);
  if (fs.existsSync(file)) {
    return file;
  }
  process.stderr.write(`Preparing ${RUNS.toLocaleString('en-US')} runs and ${steps.toLocaleString('en-US')} steps in ${file}…\n`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  buildRunsStore(tmp, RUNS);
  fs.renameSync(tmp, file);
  return file;
}

/**
 * Writes the store to `file` (replacing it): `runs` runs and ten steps each; every 25th run has a
 * failed step. `indexes: false` leaves out the indexes on the start time and the steps' run key
 * (the runs view then warns about both).
 */
export function buildRunsStore(file: string, runs: number, indexes = true): void {
  const RUNS = runs;
  const steps = runs * STEPS_PER_RUN;
  fs.rmSync(file, { force: true });
  const db = new Database(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(`
    CREATE TABLE dbt_audit_summary (invocation_id VARCHAR(255), model_name VARCHAR(255), run_started_at TIMESTAMP, run_ended_at TIMESTAMP,
      execution_time_seconds INTEGER, rows_processed INTEGER, status VARCHAR(50), run_by_user VARCHAR(255), custom_message VARCHAR(1000),
      PRIMARY KEY (invocation_id, model_name));
    CREATE TABLE dbt_audit_detail (detail_log_id VARCHAR(255) PRIMARY KEY, invocation_id VARCHAR(255), model_name VARCHAR(255), step_name VARCHAR(255),
      step_sequence_num INTEGER NULL, event_timestamp TIMESTAMP, status VARCHAR(50), message VARCHAR(1000));
    WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < ${RUNS - 1})
    INSERT INTO dbt_audit_summary SELECT printf('inv-%07d', i / 30), 'model_' || (i % 30),
      strftime('%Y-%m-%d %H:%M:%S', 1760000000 + i * 7, 'unixepoch'), strftime('%Y-%m-%d %H:%M:%S', 1760000000 + i * 7 + (i % 90), 'unixepoch'),
      i % 90, NULL, CASE WHEN i % 25 = 0 THEN 'failed' WHEN i % 41 = 0 THEN 'error' WHEN i % 97 = 0 THEN 'started' ELSE 'completed' END,
      'user_' || (i % 12), CASE WHEN i % 25 = 0 THEN 'Database Error in model_' || (i % 30) ELSE NULL END FROM c;
    WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < ${steps - 1})
    INSERT INTO dbt_audit_detail SELECT 'd' || i, printf('inv-%07d', (i / ${STEPS_PER_RUN}) / 30), 'model_' || ((i / ${STEPS_PER_RUN}) % 30),
      'step_' || (i % ${STEPS_PER_RUN}), CASE WHEN i % 53 = 0 THEN NULL ELSE i % ${STEPS_PER_RUN} END,
      strftime('%Y-%m-%d %H:%M:%S', 1760000000 + (i / ${STEPS_PER_RUN}) * 7 + (i % ${STEPS_PER_RUN}), 'unixepoch'),
      CASE WHEN i % 250 = 0 THEN 'error' ELSE 'info' END,
      CASE WHEN i % 250 = 0 THEN 'Lock wait timeout on step_' || (i % ${STEPS_PER_RUN}) WHEN i % 7919 = 3 THEN 'Vacuum 50%_done' ELSE NULL END FROM c;
  `);
  if (indexes) {
    db.exec(`
    CREATE INDEX dbt_audit_summary_started ON dbt_audit_summary (run_started_at);
    CREATE INDEX dbt_audit_detail_run ON dbt_audit_detail (invocation_id, model_name);
    `);
  }
  db.close();
}
