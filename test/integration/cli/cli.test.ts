import Database from 'better-sqlite3';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256, tempDir } from '../../helpers/files';
import type { InspectJson } from '../../../electron/cli/inspect-command';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const { dir, cleanup } = tempDir();
const store = path.join(dir, 'audit.db');
/** Tests that generate the demo store (6-7 s alone) and then run the CLI on it: a hang guard, seen at 17-24 s on a slow machine. */
const DEMO_MS = 90_000;

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'auditlens.js'), ...args], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, AUDITLENS_DATA_DIR: path.join(dir, 'data') } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  const db = new Database(store);
  db.exec(`CREATE TABLE dbt_audit_summary (invocation_id VARCHAR(255), model_name VARCHAR(255), status VARCHAR(50), execution_time_seconds INTEGER, custom_message VARCHAR(1000), PRIMARY KEY (invocation_id, model_name));
    INSERT INTO dbt_audit_summary VALUES
      ('i1','orders','completed',12,NULL), ('i1','payments','failed',3,'=HYPERLINK("http://x")'),
      ('i2','orders','failed',40,'division by zero'), ('i2','payments','completed',-3,'a,b "c"'),
      ('i3','orders','started',NULL,'');
    CREATE VIEW failures AS SELECT * FROM dbt_audit_summary WHERE status = 'failed';`);
  db.close();
});
afterAll(cleanup);

describe('auditlens inspect', () => {
  it('prints the catalog as JSON in the documented shape', () => {
    const r = run('inspect', store, '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as InspectJson;
    expect(doc.source).toEqual({ kind: 'sqlite', location: store });
    expect(doc.problems).toEqual([]);
    const t = doc.tables.find((x: { name: string }) => x.name === 'dbt_audit_summary');
    expect(t).toMatchObject({ schema: null, name: 'dbt_audit_summary', rowCount: 5 });
    expect(t?.columns[0]).toEqual({ name: 'invocation_id', type: 'VARCHAR(255)' });
    expect(doc.tables.find((x: { name: string }) => x.name === 'failures')).toMatchObject({ kind: 'view', rowCount: null });
    expect((JSON.parse(run('inspect', store, '--json', '--count-views').stdout) as InspectJson).tables.find((x) => x.name === 'failures')).toMatchObject({ rowCount: 2 });
    expect(doc.formats).toEqual([]);
  });

  it('lists the audit formats of the demo store with run and step counts', () => {
    const demo = path.join(dir, 'formats-demo.db');
    expect(run('demo', '--out', demo).code).toBe(0);
    const doc = JSON.parse(run('inspect', demo, '--json').stdout) as InspectJson;
    const db = new Database(demo, { readonly: true });
    const steps = (db.prepare('SELECT count(*) AS n FROM dbt_audit_detail').get() as { n: number }).n;
    db.close();
    expect(doc.formats[0]).toEqual({
      id: 'dbt-audit', title: 'dbt audit log (summary + detail)', key: 'dbt-audit::dbt_audit_summary',
      runs: { count: 60_000, exact: true }, steps: { count: steps, exact: true }, timeline: true, lineage: false,
    });
    expect(doc.formats.map((f: { id: string }) => f.id)).toContain('transformation-log');
  }, DEMO_MS);

  it('prints a readable summary without --json', () => {
    const r = run('inspect', store);
    expect(r.stdout).toContain('dbt_audit_summary  5 rows');
    expect(r.stdout).toContain('failures (view)  not counted');
  });
});

describe('auditlens export', () => {
  it('writes a header and rows in table order, NULL as an empty field, RFC 4180 quoting, safe by default', () => {
    const r = run('export', store, '--table', 'dbt_audit_summary', '--out', '-');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'invocation_id,model_name,status,execution_time_seconds,custom_message',
      'i1,orders,completed,12,',
      `i1,payments,failed,3,"'=HYPERLINK(""http://x"")"`,
      'i2,orders,failed,40,division by zero',
      'i2,payments,completed,-3,"a,b ""c"""',
      'i3,orders,started,,""',
      '',
    ].join('\n'));
  });

  it('applies filters, sort and the column list', () => {
    const r = run('export', store, '--table', 'dbt_audit_summary', '--filter', 'status=failed', '--filter', 'execution_time_seconds>=10', '--sort', 'model_name:desc', '--columns', 'model_name,invocation_id');
    expect(r.stdout).toBe('model_name,invocation_id\norders,i2\n');
    const contains = run('export', store, '--table', 'dbt_audit_summary', '--filter', 'custom_message~DIVISION', '--columns', 'invocation_id');
    expect(contains.stdout).toBe('invocation_id\ni2\n');
    const empty = run('export', store, '--table', 'dbt_audit_summary', '--filter', 'custom_message=', '--columns', 'invocation_id');
    expect(empty.stdout).toBe('invocation_id\ni1\ni3\n');
    const ne = run('export', store, '--table', 'dbt_audit_summary', '--filter', 'status!=completed', '--filter', 'execution_time_seconds<40', '--columns', 'invocation_id,model_name');
    expect(ne.stdout).toBe('invocation_id,model_name\ni1,payments\n');
  });

  it('writes a file atomically and leaves the store unchanged', () => {
    const before = sha256(store);
    const out = path.join(dir, 'out.csv');
    const r = run('export', store, '--table', 'failures', '--raw', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Wrote 2 rows/);
    expect(fs.readFileSync(out, 'utf8')).toContain('i1,payments,failed,3,"=HYPERLINK(""http://x"")"');
    expect(fs.readdirSync(dir).filter((f) => f.includes('auditlens-tmp'))).toEqual([]);
    expect(sha256(store)).toBe(before);
  });

  it('refuses to overwrite the store itself', () => {
    const before = sha256(store);
    const r = run('export', store, '--table', 'failures', '--out', store);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/overwrite the store itself/);
    expect(sha256(store)).toBe(before);
  });

  it.each([
    [['export', store], 2, /--table/],
    [['export', store, '--table', 'nope'], 1, /no table named "nope"/],
    [['export', store, '--table', 'dbt_audit_summary', '--filter', 'nope=1'], 1, /no column named "nope"/],
    [['export', store, '--table', 'dbt_audit_summary', '--filter', 'execution_time_seconds>ten'], 1, /not a number/],
    [['export', store, '--table', 'dbt_audit_summary', '--delimiter', 'pipe'], 2, /--delimiter/],
    [['frobnicate'], 2, /not an auditlens command/],
    [['inspect'], 2, /one STORE/],
  ])('%j fails with one human line', (args, code, words) => {
    const r = run(...(args));
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(words);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('ends quietly when the reader closes the pipe early', () => {
    const out = execFileSync('bash', ['-c', `node ${JSON.stringify(path.join(ROOT, 'bin', 'auditlens.js'))} demo --out ${JSON.stringify(path.join(dir, 'demo.db'))} 2>/dev/null && node ${JSON.stringify(path.join(ROOT, 'bin', 'auditlens.js'))} export ${JSON.stringify(path.join(dir, 'demo.db'))} --table dbt_audit_detail | head -n 2; echo "rc=\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(out.split('\n')[0]).toMatch(/^detail_log_id,/);
    expect(out).toContain('rc=0');
  }, DEMO_MS);
});

describe('auditlens export --view', () => {
  it('exports runs and one run\'s steps (with the run\'s columns in front) through the same views as the app, with the view in the provenance', () => {
    const demo = path.join(dir, 'formats-demo.db');
    if (!fs.existsSync(demo)) {
      expect(run('demo', '--out', demo).code).toBe(0);
    }
    const db = new Database(demo, { readonly: true });
    const failed = (db.prepare("SELECT count(*) AS n FROM dbt_audit_summary WHERE lower(status) IN ('error','failed','fail')").get() as { n: number }).n;
    db.close();
    const runs = run('export', demo, '--view', 'runs', '--format', 'dbt-audit', '--filter', 'status=failed', '--columns', 'run_id,status');
    const lines = runs.stdout.trim().split('\n');
    expect(lines[0]).toBe('run_id,status');
    expect(lines).toHaveLength(failed + 1);
    const first = lines[1]?.replace(/,failed$/, '') ?? '';
    const out = path.join(dir, 'steps.csv');
    const steps = run('export', demo, '--view', 'steps', '--format', 'dbt-audit', '--run', first, '--columns', 'step_name,status', '--out', out);
    expect(steps.code).toBe(0);
    const stepLines = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(stepLines[0]).toBe('run_id,run_name,run_started_at,run_ended_at,run_duration_s,run_status,run_actor,step_name,status');
    const [invocation, model] = first.split(' / ');
    const db2 = new Database(demo, { readonly: true });
    const stepCount = (db2.prepare('SELECT count(*) AS n FROM dbt_audit_detail WHERE invocation_id = ? AND model_name = ?').get(invocation, model) as { n: number }).n;
    db2.close();
    expect(stepCount).toBeGreaterThan(0);
    expect(stepLines).toHaveLength(stepCount + 1);
    expect(stepLines.slice(1).every((l) => l.startsWith(`${first},${model},`) && l.split(',')[5] === 'failed')).toBe(true);
    expect((JSON.parse(fs.readFileSync(`${out}.json`, 'utf8')) as { view: unknown }).view).toMatchObject({ kind: 'steps', format: 'dbt-audit', columns: stepLines[0]?.split(',') });
    expect(run('export', demo, '--view', 'runs').stderr).toMatch(/several formats .*--format ID/);
    expect(run('export', demo, '--view', 'steps', '--format', 'dbt-audit', '--run', 'nope').stderr).toMatch(/no run "nope"/);
  });

  it('takes a mapping file for a schema no profile knows', () => {
    const file = path.join(dir, 'jobs.db');
    const db = new Database(file);
    db.exec(`CREATE TABLE job_runs (run_uuid TEXT PRIMARY KEY, job TEXT, began TEXT, state TEXT);
      INSERT INTO job_runs VALUES ('u1', 'nightly', '2026-10-01 01:00:00', 'SUCCEEDED'), ('u2', 'nightly', '2026-10-02 01:00:00', 'Crashed');`);
    db.close();
    const mapping = path.join(dir, 'mapping.json');
    fs.writeFileSync(mapping, JSON.stringify({ version: 1, title: 'Jobs', runs: { table: { schema: null, name: 'job_runs' }, key: ['run_uuid'], name: 'job', started: 'began', status: 'state' } }));
    const r = run('export', file, '--view', 'runs', '--mapping', mapping, '--columns', 'run_id,status', '--sort', 'run_id');
    expect(r.stdout).toBe('run_id,status\nu1,ok\nu2,failed\n');
    fs.writeFileSync(mapping, '{"title": "bad"}');
    expect(run('export', file, '--view', 'runs', '--mapping', mapping).stderr).toMatch(/not an Auditlens mapping/);
  });
});
