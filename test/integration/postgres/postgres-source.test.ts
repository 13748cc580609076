import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditlensError } from '../../../shared/api/result';
import type { TableInfo } from '../../../shared/model/catalog';
import { findTable } from '../../../shared/model/catalog';
import type { CellValue } from '../../../shared/model/values';
import type { ColumnFilter, SortKey } from '../../../shared/model/view-request';
import type { Plan } from '../../../shared/query/plan';
import { compilePlan } from '../../../shared/query/plan';
import { isFormulaLike } from '../../../electron/csv/safe-mode';
import { parseConnectionUrl } from '../../../electron/sources/postgres/connection-url';
import { fromPgError } from '../../../electron/sources/postgres/pg-errors';
import { pgLiteral } from '../../../electron/sources/postgres/pg-literal';
import { PgSession } from '../../../electron/sources/postgres/pg-session';
import { PostgresSource } from '../../../electron/sources/postgres/postgres-source';
import { tempDir } from '../../helpers/files';
import { cellToText } from '../../../shared/model/values';

const HOST = '127.0.0.1';
const suffix = crypto.randomBytes(5).toString('hex');
const DB = `auditlens_test_${suffix}`;
const RO = `al_ro_${suffix}`;
const RW = `al_rw_${suffix}`;
const PW = `al_pw_${suffix}`;
const PG_URL = `postgres://postgres@${HOST}:5432/${DB}`;

const rawTypes = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig;
let admin: pg.Client;
let source: PostgresSource;
const { dir, cleanup } = tempDir('auditlens-pg-');

/** Rows from the admin connection with every value as the server's text. */
async function adminRows(sql: string, params: unknown[] = []): Promise<(string | null)[][]> {
  const r = await admin.query<(string | null)[]>({ text: sql, values: params, rowMode: 'array', types: rawTypes });
  return r.rows;
}

async function adminOne(sql: string, params: unknown[] = []): Promise<string | null> {
  return (await adminRows(sql, params))[0]?.[0] ?? null;
}

/** The uuid Postgres makes of `md5(text)::uuid`, as the generated rows use for their ids. */
function md5uuid(text: string): string {
  const h = crypto.createHash('md5').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A cell written the way the server's `::text` writes it. */
function cellText(c: CellValue): string | null {
  if (c === null) {
    return null;
  }
  if (typeof c === 'boolean') {
    return c ? 'true' : 'false';
  }
  if (typeof c === 'object') {
    return c.t === 'int' ? c.v : c.t === 'truncated' ? c.v : `\\x${c.hex}`;
  }
  return String(c);
}

async function table(schema: string, name: string): Promise<TableInfo> {
  const t = findTable(await source.catalog(), { schema, name });
  if (!t) {
    throw new Error(`${schema}.${name} is not in the catalog`);
  }
  return t;
}

async function planOf(schema: string, name: string, q: { filters?: ColumnFilter[]; sort?: SortKey[]; columns?: string[] } = {}): Promise<Plan> {
  const t = await table(schema, name);
  return compilePlan(t, { table: { schema, name }, filters: q.filters ?? [], sort: q.sort ?? [], columns: q.columns });
}

async function checksums(): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = {};
  for (const t of ['transformation_session', 'transformation_operation', 'output_artifact', 'lineage_edge']) {
    out[t] = await adminOne(`SELECT count(*) || ':' || md5(string_agg(t::text, ',' ORDER BY id)) FROM audit.${t} t`);
  }
  return out;
}

async function activeQueries(pid: number): Promise<number> {
  return Number(await adminOne(`SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND state = 'active'`, [pid]));
}

async function waitFor(cond: () => Promise<boolean>, ms: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await cond()) {
      return Date.now() - started;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`condition not met within ${ms} ms`);
}

const SCHEMA_SQL = `
CREATE SCHEMA audit;
CREATE TABLE audit.transformation_session (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  session_type VARCHAR(50) NOT NULL CHECK (session_type IN ('BRONZE_TO_SILVER','SILVER_AGGREGATE','SILVER_TO_GOLD','GOLD_VISUALIZATION','CROSS_LAYER_ANALYSIS','AD_HOC_QUERY','DATA_EXPORT','DATA_CORRECTION')),
  agent_id VARCHAR(100) NOT NULL, agent_type VARCHAR(50), agent_version VARCHAR(20),
  source_layer VARCHAR(10) NOT NULL CHECK (source_layer IN ('BRONZE','SILVER','GOLD')),
  source_tables TEXT[] NOT NULL, source_filters JSONB, data_start_date DATE, data_end_date DATE,
  status VARCHAR(20) DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE','COMPLETED','FAILED','ABANDONED','ROLLED_BACK')),
  started_at TIMESTAMPTZ DEFAULT NOW(), completed_at TIMESTAMPTZ, purpose TEXT, ticket_id VARCHAR(50),
  parent_session_id UUID REFERENCES audit.transformation_session(id),
  operations_count INT DEFAULT 0, outputs_count INT DEFAULT 0, total_rows_processed BIGINT DEFAULT 0,
  error_message TEXT, error_details JSONB, created_at TIMESTAMPTZ DEFAULT NOW());
CREATE TABLE audit.transformation_operation (
  id BIGSERIAL PRIMARY KEY,
  session_id UUID NOT NULL REFERENCES audit.transformation_session(id) ON DELETE CASCADE,
  operation_type VARCHAR(50) NOT NULL CHECK (operation_type IN ('SELECT','INSERT','UPDATE','DELETE','UPSERT','AGGREGATE','JOIN','FILTER','CALCULATE','PIVOT','UNPIVOT','NORMALIZE','CLEAN','DEDUPLICATE','VALIDATE','TRANSFORM','EXPORT','REFRESH')),
  operation_order INT NOT NULL, input_tables TEXT[], input_columns TEXT[], input_row_count BIGINT,
  transformation_logic TEXT,
  transformation_type VARCHAR(30) CHECK (transformation_type IN ('SQL','PYTHON','PANDAS','FORMULA','SPARK','MANUAL','SYSTEM')),
  parameters JSONB, output_table VARCHAR(200), output_columns TEXT[], output_row_count BIGINT, warnings TEXT[],
  execution_time_ms INT, created_at TIMESTAMPTZ DEFAULT NOW());
CREATE INDEX idx_operation_session ON audit.transformation_operation (session_id, operation_order);
CREATE TABLE audit.output_artifact (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id UUID NOT NULL REFERENCES audit.transformation_session(id) ON DELETE CASCADE,
  artifact_type VARCHAR(50) NOT NULL, artifact_name VARCHAR(200) NOT NULL, artifact_location TEXT,
  source_tables TEXT[], source_columns TEXT[], row_count INT, column_count INT, data_as_of TIMESTAMPTZ,
  data_start_date DATE, data_end_date DATE, is_current BOOLEAN DEFAULT TRUE,
  superseded_by_id UUID REFERENCES audit.output_artifact(id), created_at TIMESTAMPTZ DEFAULT NOW(),
  expires_at TIMESTAMPTZ, description TEXT, metadata JSONB);
CREATE TABLE audit.lineage_edge (
  id BIGSERIAL PRIMARY KEY,
  source_type VARCHAR(20) NOT NULL CHECK (source_type IN ('TABLE','VIEW','MATERIALIZED_VIEW','COLUMN','FILE','API','STREAM')),
  source_schema VARCHAR(50), source_name VARCHAR(200) NOT NULL, source_column VARCHAR(100),
  target_type VARCHAR(20) NOT NULL CHECK (target_type IN ('TABLE','VIEW','MATERIALIZED_VIEW','COLUMN','FILE','API','STREAM','ARTIFACT')),
  target_schema VARCHAR(50), target_name VARCHAR(200) NOT NULL, target_column VARCHAR(100),
  relationship_type VARCHAR(30) NOT NULL CHECK (relationship_type IN ('DERIVES_FROM','COPIES','AGGREGATES','JOINS','FILTERS','TRANSFORMS','ENRICHES','VALIDATES','REFERENCES')),
  session_id UUID REFERENCES audit.transformation_session(id) ON DELETE SET NULL,
  transformation_description TEXT, is_current BOOLEAN DEFAULT TRUE, created_at TIMESTAMPTZ DEFAULT NOW(), invalidated_at TIMESTAMPTZ,
  UNIQUE NULLS NOT DISTINCT (source_type, source_schema, source_name, source_column, target_type, target_schema, target_name, target_column, relationship_type));
CREATE VIEW audit.recent_transformation_activity AS
  SELECT s.id, s.session_type, s.agent_id, s.status, s.started_at, count(o.id) AS operations
    FROM audit.transformation_session s LEFT JOIN audit.transformation_operation o ON o.session_id = s.id GROUP BY s.id;
CREATE VIEW audit.lineage_summary AS
  SELECT source_schema, target_schema, relationship_type, count(*) AS edges FROM audit.lineage_edge GROUP BY 1, 2, 3;

CREATE TABLE public.dbt_audit_summary (
  invocation_id VARCHAR(255), model_name VARCHAR(255), run_started_at TIMESTAMP, run_ended_at TIMESTAMP,
  execution_time_seconds INTEGER, rows_processed INTEGER, status VARCHAR(50), run_by_user VARCHAR(255),
  custom_message VARCHAR(1000) NULL, PRIMARY KEY (invocation_id, model_name));
CREATE TABLE public.dbt_audit_detail (
  detail_log_id VARCHAR(255) PRIMARY KEY, invocation_id VARCHAR(255), model_name VARCHAR(255), step_name VARCHAR(255),
  step_sequence_num INTEGER NULL, event_timestamp TIMESTAMP, status VARCHAR(50), message VARCHAR(1000));
CREATE TABLE public.fidelity (
  id BIGINT PRIMARY KEY, big BIGINT, amount NUMERIC(30,10), ts TIMESTAMPTZ, tsn TIMESTAMP, d DATE, t TIME,
  tags TEXT[], doc JSONB, j JSON, u UUID, b BYTEA, flag BOOLEAN, f DOUBLE PRECISION, note TEXT, iv INTERVAL);
CREATE TABLE public.no_pk (n INT, label TEXT);
CREATE TABLE public."we""ird $1 table" ("$1 col" TEXT PRIMARY KEY, "=HYPERLINK(""http://x/?"")" TEXT);
CREATE FUNCTION public.slow_true() RETURNS boolean LANGUAGE sql VOLATILE AS $$ SELECT true FROM pg_sleep(0.001) $$;
CREATE VIEW public.slow_view AS SELECT x FROM generate_series(1, 100000) x WHERE public.slow_true();
`;

const DATA_SQL = `
INSERT INTO audit.transformation_session (id, session_type, agent_id, agent_type, agent_version, source_layer, source_tables,
  source_filters, data_start_date, data_end_date, status, started_at, completed_at, purpose, ticket_id, parent_session_id,
  operations_count, outputs_count, total_rows_processed, error_message, error_details, created_at)
SELECT md5('s' || g)::uuid,
  (ARRAY['BRONZE_TO_SILVER','SILVER_AGGREGATE','SILVER_TO_GOLD','GOLD_VISUALIZATION','CROSS_LAYER_ANALYSIS','AD_HOC_QUERY','DATA_EXPORT','DATA_CORRECTION'])[1 + g % 8],
  'agent-' || (g % 5), 'TRANSFORMATION', '1.' || (g % 3), (ARRAY['BRONZE','SILVER','GOLD'])[1 + g % 3],
  CASE WHEN g % 10 = 0 THEN ARRAY['bronze.raw_' || g, 'with space', 'quote"d', 'comma,x', NULL] ELSE ARRAY['bronze.raw_' || g] END,
  CASE WHEN g % 3 = 0 THEN NULL ELSE jsonb_build_object('commodity', (ARRAY['corn','wheat','soy'])[1 + g % 3], 'year', 2000 + g % 25, 'nested', jsonb_build_array(1, 'two', NULL, 1.50)) END,
  DATE '2024-01-01' + g % 30, DATE '2024-02-01' + g % 30,
  (ARRAY['ACTIVE','COMPLETED','FAILED','ABANDONED','ROLLED_BACK'])[1 + g % 5],
  TIMESTAMPTZ '2024-01-01 00:00:00+00' + g * INTERVAL '37 minutes 13.123456 seconds',
  CASE WHEN g % 5 = 0 THEN NULL ELSE TIMESTAMPTZ '2024-01-01 00:00:00+00' + g * INTERVAL '37 minutes 13.123456 seconds' + INTERVAL '5 minutes' END,
  CASE g % 7 WHEN 0 THEN '=cmd|'' /C calc''!A0' WHEN 1 THEN 'Überprüfung ☃ 数据 ' || g WHEN 2 THEN NULL WHEN 3 THEN ''
    WHEN 4 THEN '+1+1' WHEN 5 THEN E'line1\\nline2, "quoted"' ELSE 'Plain purpose ' || g END,
  CASE WHEN g % 11 = 0 THEN NULL ELSE 'TCK-' || g END,
  CASE WHEN g > 4 AND g % 4 = 0 THEN md5('s' || (g / 4))::uuid END,
  g % 9, g % 4, CASE WHEN g % 50 = 0 THEN 9007199254740993 + g ELSE g * 1000 END,
  CASE WHEN g % 5 = 2 THEN '@SUM(A1) failed' END,
  CASE WHEN g % 5 = 2 THEN jsonb_build_object('code', g, 'msg', 'tab' || chr(9) || 'x') END,
  TIMESTAMPTZ '2024-01-01 00:00:00+00' + g * INTERVAL '37 minutes'
FROM generate_series(1, 600) g;

INSERT INTO audit.transformation_operation (session_id, operation_type, operation_order, input_tables, input_columns, input_row_count,
  transformation_logic, transformation_type, parameters, output_table, output_columns, output_row_count, warnings, execution_time_ms, created_at)
SELECT md5('s' || (1 + g % 600))::uuid,
  (ARRAY['SELECT','INSERT','UPDATE','DELETE','UPSERT','AGGREGATE','JOIN','FILTER','CALCULATE','PIVOT','UNPIVOT','NORMALIZE','CLEAN','DEDUPLICATE','VALIDATE','TRANSFORM','EXPORT','REFRESH'])[1 + g % 18],
  1 + g / 600, ARRAY['silver.t' || (g % 13)], ARRAY['a', 'b'], g * 10,
  CASE WHEN g % 13 = 0 THEN '-2+3' ELSE 'SELECT * FROM t' || g END,
  (ARRAY['SQL','PYTHON','PANDAS','FORMULA','SPARK','MANUAL','SYSTEM'])[1 + g % 7],
  jsonb_build_object('k', g, 'big', 12345678901234567890),
  'gold.out_' || (g % 17), ARRAY['x'], CASE WHEN g % 100 = 0 THEN 9223372036854775807 - g ELSE g END,
  CASE WHEN g % 9 = 0 THEN ARRAY['warn ' || g, NULL] END,
  CASE WHEN g % 6 = 0 THEN NULL ELSE (g * 7919) % 5000 END,
  TIMESTAMPTZ '2024-01-01 00:00:00+00' + g * INTERVAL '1 minute'
FROM generate_series(1, 3000) g;

INSERT INTO audit.output_artifact (id, session_id, artifact_type, artifact_name, artifact_location, source_tables, row_count, column_count,
  data_as_of, is_current, description, metadata)
SELECT md5('a' || g)::uuid, md5('s' || (1 + g % 600))::uuid, (ARRAY['CHART','DASHBOARD','REPORT','CSV_EXPORT'])[1 + g % 4],
  'artifact ' || g, '/exports/a' || g || '.csv', ARRAY['gold.t' || (g % 9)], g * 3, 1 + g % 12,
  TIMESTAMPTZ '2024-02-01 12:00:00+00' + g * INTERVAL '3 hours', g % 3 <> 0, CASE WHEN g % 6 = 0 THEN '=1+2' END,
  jsonb_build_object('rows', g)
FROM generate_series(1, 300) g;

INSERT INTO audit.lineage_edge (source_type, source_schema, source_name, source_column, target_type, target_schema, target_name, target_column,
  relationship_type, session_id, transformation_description)
SELECT 'TABLE', (ARRAY['bronze','silver'])[1 + g % 2], 'src_' || g, CASE WHEN g % 4 = 0 THEN NULL ELSE 'col_' || (g % 7) END,
  'TABLE', (ARRAY['silver','gold'])[1 + g % 2], 'tgt_' || (g % 40), NULL,
  (ARRAY['DERIVES_FROM','COPIES','AGGREGATES','JOINS','FILTERS','TRANSFORMS','ENRICHES','VALIDATES','REFERENCES'])[1 + g % 9],
  CASE WHEN g % 10 = 0 THEN NULL ELSE md5('s' || (1 + g % 600))::uuid END, 'edge ' || g
FROM generate_series(1, 500) g;

INSERT INTO public.dbt_audit_summary
SELECT 'inv-' || lpad((g / 10)::text, 4, '0'), 'model_' || (g % 10), TIMESTAMP '2024-03-01 08:00:00' + g * INTERVAL '1 minute',
  CASE WHEN g % 8 = 0 THEN NULL ELSE TIMESTAMP '2024-03-01 08:00:30' + g * INTERVAL '1 minute' END,
  CASE WHEN g % 8 = 0 THEN NULL ELSE 30 END, NULL, (ARRAY['started','completed','error'])[1 + g % 3], 'dbt_user',
  CASE g % 4 WHEN 0 THEN '=HYPERLINK("http://x")' WHEN 1 THEN NULL ELSE 'ok ' || g END
FROM generate_series(0, 399) g;

INSERT INTO public.dbt_audit_detail
SELECT to_char(TIMESTAMP '2024-03-01 08:00:00' + g * INTERVAL '1 second', 'YYYY-MM-DD"T"HH24:MI:SS') || '_step' || (g % 5) || '_' || lpad(g::text, 4, '0'),
  'inv-' || lpad((g / 50)::text, 4, '0'), 'model_' || (g % 10), 'step ' || (g % 5),
  CASE WHEN g % 7 = 0 THEN NULL ELSE g % 5 END, TIMESTAMP '2024-03-01 08:00:00' + g * INTERVAL '1 second',
  (ARRAY['info','debug','warning','error'])[1 + g % 4], CASE WHEN g % 9 = 0 THEN '-cmd' ELSE 'message ' || g END
FROM generate_series(0, 1999) g;

INSERT INTO public.fidelity
SELECT CASE WHEN g % 2 = 0 THEN g ELSE 9007199254740000 + g END, g * 1000003, (g * 1234567.0123456789)::numeric(30,10),
  TIMESTAMPTZ '2024-01-01 00:00:00.5+02' + g * INTERVAL '1 hour 1.25 seconds', TIMESTAMP '2024-01-01 00:00:00' + g * INTERVAL '90 seconds',
  DATE '2020-02-28' + g, TIME '00:00:01.5' + g * INTERVAL '1 minute',
  CASE WHEN g % 5 = 0 THEN NULL ELSE ARRAY['t' || g, 'x y'] END, jsonb_build_object('g', g), ('{"g":  ' || g || '}')::json,
  md5('u' || g)::uuid, decode(md5('b' || g), 'hex'), g % 2 = 0, g / 8.0, CASE WHEN g % 10 = 0 THEN NULL ELSE 'note ' || g END,
  g * INTERVAL '61 minutes'
FROM generate_series(1, 1000) g;
INSERT INTO public.fidelity VALUES
  (9223372036854775807, -9223372036854775808, 12345678901234567890.1234567890, '2024-03-01 10:00:00.123456+05:30',
   '2024-03-01 10:00:00.5', '2024-02-29', '23:59:59.999999', '{a,"b c",NULL,"quote\\"d","{}"}', '{"b": 1, "a": [1, 2.50, null]}',
   '{"keep":  "spacing", "dup": 1, "dup": 2}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
   decode(repeat('deadbeef', 20), 'hex'), true, 0.1, 'snow ☃ RTL ‮ formula =1+1', '-1 days +02:03:04');

INSERT INTO public.no_pk SELECT g % 50, 'label ' || g FROM generate_series(1, 500) g;
INSERT INTO public."we""ird $1 table" VALUES ('$1', '=1+1'), ('a''b', '-2+3'), ('x', '@SUM(A1)'), ('$2', NULL);
ANALYZE;
`;

beforeAll(async () => {
  const root = new pg.Client({ host: HOST, user: 'postgres', database: 'postgres' });
  await root.connect();
  await root.query(`CREATE DATABASE ${DB}`);
  // A zone with a half-hour offset: a value parsed into a JS Date would visibly lose it.
  await root.query(`ALTER DATABASE ${DB} SET timezone = 'Asia/Kolkata'`);
  await root.end();
  admin = new pg.Client({ host: HOST, user: 'postgres', database: DB });
  await admin.connect();
  await admin.query(SCHEMA_SQL);
  await admin.query(DATA_SQL);
  await admin.query(`CREATE ROLE ${RO} LOGIN; GRANT USAGE ON SCHEMA audit TO ${RO};
    GRANT SELECT ON audit.transformation_session, audit.transformation_operation, audit.output_artifact TO ${RO};
    CREATE ROLE ${RW} LOGIN; GRANT USAGE ON SCHEMA audit TO ${RW}; GRANT SELECT, INSERT ON audit.lineage_edge TO ${RW};
    CREATE ROLE ${PW} LOGIN PASSWORD 'right-password'`);
  source = await PostgresSource.open(PG_URL);
}, 60_000);

afterAll(async () => {
  await source?.close();
  await admin?.end();
  const root = new pg.Client({ host: HOST, user: 'postgres', database: 'postgres' });
  await root.connect();
  await root.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await root.query(`DROP ROLE IF EXISTS ${RO}; DROP ROLE IF EXISTS ${RW}; DROP ROLE IF EXISTS ${PW}`);
  await root.end();
  cleanup();
}, 60_000);

describe('opening', () => {
  it('shows where it is connected without a password, and names itself to the server', async () => {
    expect(source.info).toEqual({ kind: 'postgres', location: `postgres://postgres@127.0.0.1:5432/${DB}?sslmode=disable`, title: `${DB} on 127.0.0.1` });
    const s = await PgSession.connect(parseConnectionUrl(PG_URL), null);
    try {
      const show = async (name: string): Promise<unknown> => (await s.query(`SELECT current_setting($1)`, [name])).rows[0]?.[0];
      expect(await show('default_transaction_read_only')).toBe('on');
      expect(await show('transaction_read_only')).toBe('on');
      expect(await show('statement_timeout')).toBe('30s');
      expect(await show('idle_in_transaction_session_timeout')).toBe('1min');
      expect(await show('application_name')).toBe('auditlens');
      expect(await show('DateStyle')).toMatch(/^ISO/);
    } finally {
      await s.close();
    }
  });

  it('ignores hostile PG* environment variables', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      PGOPTIONS: '-c default_transaction_read_only=off -c statement_timeout=0', PGAPPNAME: 'evil', PGREPLICATION: 'database',
      PGSSLMODE: 'require', PGDATABASE: 'postgres', PGUSER: 'nobody', PGPORT: '1', PGHOST: '10.255.255.1', PGCLIENTENCODING: 'LATIN1',
    });
    try {
      const s = await PgSession.connect(parseConnectionUrl(PG_URL), null);
      try {
        const res = await s.query(`SELECT current_setting('default_transaction_read_only'), current_setting('statement_timeout'),
          current_setting('application_name'), current_database(), current_user, current_setting('client_encoding')`);
        expect(res.rows[0]).toEqual(['on', '30s', 'auditlens', DB, 'postgres', 'UTF8']);
        expect(await adminOne(`SELECT backend_type FROM pg_stat_activity WHERE pid = $1`, [s.pid])).toBe('client backend');
      } finally {
        await s.close();
      }
    } finally {
      process.env = saved;
    }
  });

  it('never shows the password: not in info, not when the source or its sessions are inspected', async () => {
    const canary = 'canary-Pw-7f3a';
    const src = await PostgresSource.open(`postgres://postgres:${canary}@${HOST}/${DB}`);
    try {
      await src.count(await planOf('public', 'no_pk'), 1_000);
      expect(JSON.stringify(src.info)).not.toContain(canary);
      expect(inspect(src, { depth: 12, showHidden: false })).not.toContain(canary);
    } finally {
      await src.close();
    }
  });

  it('connects through a Unix socket named in the URL', async () => {
    const viaSocket = await PostgresSource.open(`postgresql://postgres@%2Fvar%2Frun%2Fpostgresql:5432/${DB}`);
    try {
      expect(viaSocket.info.title).toBe(`${DB} on local socket`);
      expect((await viaSocket.catalog()).tables.length).toBe((await source.catalog()).tables.length);
    } finally {
      await viaSocket.close();
    }
  });

  it('explains a missing database, a closed port and a missing socket', async () => {
    const fail = async (url: string): Promise<AuditlensError> => {
      try {
        await (await PostgresSource.open(url)).close();
      } catch (e) {
        expect(e).toBeInstanceOf(AuditlensError);
        return e as AuditlensError;
      }
      throw new Error(`${url} opened`);
    };
    expect(await fail(`postgres://postgres@${HOST}/no_such_db_${suffix}`)).toMatchObject({
      code: 'not-found', message: `There is no database named "no_such_db_${suffix}" at 127.0.0.1:5432.`,
    });
    expect(await fail(`postgres://postgres@${HOST}:1/${DB}`)).toMatchObject({ code: 'io', message: 'Nothing is listening at 127.0.0.1:1.' });
    expect((await fail(`postgres://postgres@%2Fnonexistent:5432/${DB}`)).message).toMatch(/Nothing is listening at the socket \/nonexistent/);
  });

  it('maps a wrong password to a sentence naming the user (or, under trust auth, the crafted 28P01)', async () => {
    let error: unknown = null;
    try {
      await (await PostgresSource.open(`postgres://${PW}:wrong-password@${HOST}/${DB}`)).close();
    } catch (e) {
      error = e;
    }
    const method = await adminOne(`SELECT auth_method FROM pg_hba_file_rules WHERE type = 'host' AND address = '127.0.0.1' LIMIT 1`);
    if (method === 'trust') {
      // This server trusts loopback TCP, so any password is accepted: check the mapping on the server's real error shape.
      expect(error).toBeNull();
      const crafted = Object.assign(new Error(`password authentication failed for user "${PW}"`), { code: '28P01', severity: 'FATAL' });
      const mapped = fromPgError(crafted, { host: HOST, port: 5432, user: PW, database: DB });
      expect(mapped).toMatchObject({ code: 'unauthorized', message: `The password for user ${PW} was not accepted by 127.0.0.1:5432.` });
      expect(mapped.message).not.toContain('wrong-password');
    } else {
      expect(error).toMatchObject({ code: 'unauthorized', message: `The password for user ${PW} was not accepted by 127.0.0.1:5432.` });
    }
  });
});

describe('catalog', () => {
  it('lists tables and views of the user schemas and nothing from the system', async () => {
    const cat = await source.catalog();
    const names = cat.tables.map((t) => `${t.schema}.${t.name}:${t.kind}`);
    expect(names).toEqual([
      'audit.lineage_edge:table', 'audit.lineage_summary:view', 'audit.output_artifact:table',
      'audit.recent_transformation_activity:view', 'audit.transformation_operation:table', 'audit.transformation_session:table',
      'public.dbt_audit_detail:table', 'public.dbt_audit_summary:table', 'public.fidelity:table', 'public.no_pk:table',
      'public.slow_view:view', 'public.we"ird $1 table:table',
    ]);
    expect(cat.problems).toEqual([]);
  });

  it('reads columns with format_type names and sensible families', async () => {
    const t = await table('audit', 'transformation_session');
    const col = (n: string): { type: string; family: string; notNull: boolean; pk: number } => {
      const c = t.columns.find((x) => x.name === n);
      if (!c) {
        throw new Error(n);
      }
      return { type: c.type, family: c.family, notNull: c.notNull, pk: c.pk };
    };
    expect(t.columns.map((c) => c.name)).toHaveLength(22);
    expect(col('id')).toEqual({ type: 'uuid', family: 'other', notNull: true, pk: 1 });
    expect(col('session_type')).toEqual({ type: 'character varying(50)', family: 'text', notNull: true, pk: 0 });
    expect(col('source_tables')).toEqual({ type: 'text[]', family: 'other', notNull: true, pk: 0 });
    expect(col('source_filters')).toMatchObject({ type: 'jsonb', family: 'json' });
    expect(col('data_start_date')).toMatchObject({ type: 'date', family: 'temporal' });
    expect(col('started_at')).toMatchObject({ type: 'timestamp with time zone', family: 'temporal' });
    expect(col('total_rows_processed')).toMatchObject({ type: 'bigint', family: 'integer' });
    expect(col('operations_count')).toMatchObject({ type: 'integer', family: 'integer' });
    const f = await table('public', 'fidelity');
    const fam = Object.fromEntries(f.columns.map((c) => [c.name, `${c.type}|${c.family}`]));
    expect(fam).toMatchObject({
      amount: 'numeric(30,10)|real', tsn: 'timestamp without time zone|temporal', t: 'time without time zone|temporal',
      j: 'json|json', b: 'bytea|blob', flag: 'boolean|boolean', f: 'double precision|real', iv: 'interval|other',
    });
  });

  it('reads primary keys, foreign keys, indexes, keyset kinds and row estimates', async () => {
    const op = await table('audit', 'transformation_operation');
    expect(op.primaryKey).toEqual(['id']);
    expect(op.keyset).toBe('pk');
    expect(op.foreignKeys).toEqual([{ columns: ['session_id'], refSchema: 'audit', refTable: 'transformation_session', refColumns: ['id'] }]);
    expect(op.indexes).toEqual(expect.arrayContaining([
      { name: 'idx_operation_session', columns: ['session_id', 'operation_order'], unique: false },
      { name: 'transformation_operation_pkey', columns: ['id'], unique: true },
    ]));
    expect(op.rowCount).toEqual({ value: 3000, exact: false });
    const edge = await table('audit', 'lineage_edge');
    expect(edge.indexes.find((i) => i.unique && i.columns.length === 9)?.columns[0]).toBe('source_type');
    const session = await table('audit', 'transformation_session');
    expect(session.foreignKeys).toEqual([{ columns: ['parent_session_id'], refSchema: 'audit', refTable: 'transformation_session', refColumns: ['id'] }]);
    expect((await table('public', 'dbt_audit_summary')).primaryKey).toEqual(['invocation_id', 'model_name']);
    expect((await table('public', 'no_pk')).keyset).toBe('none');
    const view = await table('audit', 'recent_transformation_activity');
    expect(view).toMatchObject({ keyset: 'none', rowCount: null, primaryKey: [] });
  });

  it('lists what a restricted login may not read as problems', async () => {
    const ro = await PostgresSource.open(`postgres://${RO}@${HOST}/${DB}`);
    try {
      const cat = await ro.catalog();
      expect(cat.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['audit.output_artifact', 'audit.transformation_operation', 'audit.transformation_session']);
      expect(cat.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['audit.lineage_edge', 'public.fidelity']));
      expect(cat.problems[0]?.message).toMatch(/no SELECT privilege/);
    } finally {
      await ro.close();
    }
  });
});

/** Walks every page of a plan with the source (so anchors are learned) and returns the pages' rows. */
async function walk(src: PostgresSource, plan: Plan, size: number): Promise<CellValue[][]> {
  const rows: CellValue[][] = [];
  for (let start = 0; ; start += size) {
    const page = await src.page(plan, start, size);
    rows.push(...page.rows.map((r) => [...r]));
    if (page.lastRow !== null) {
      expect(page.lastRow).toBe(rows.length);
      return rows;
    }
  }
}

describe('paging', () => {
  const opCols = ['id', 'session_id', 'execution_time_ms', 'input_tables', 'parameters', 'created_at', 'output_row_count'];
  const opSelect = `SELECT ${opCols.map((c) => `${c}::text AS "${c}_t"`).join(', ')} FROM audit.transformation_operation`;

  it('first page, every page by anchors and a deep page all match ORDER BY … OFFSET', async () => {
    const plan = await planOf('audit', 'transformation_operation', { columns: opCols });
    const expected = await adminRows(`${opSelect} ORDER BY id`);
    const first = await source.page(plan, 0, 100);
    expect(first.rows.map((r) => r.map(cellText))).toEqual(expected.slice(0, 100));
    expect(first.keys[0]).toEqual([1]);
    const all = await walk(source, plan, 250);
    expect(all.map((r) => r.map(cellText))).toEqual(expected);
    const deep = await source.page(plan, 2_620, 100);
    expect(deep.rows.map((r) => r.map(cellText))).toEqual(await adminRows(`${opSelect} ORDER BY id OFFSET 2620 LIMIT 100`));
  });

  it('sorts NULLs first ascending and last descending, across pages, like the SQL', async () => {
    for (const desc of [false, true]) {
      const plan = await planOf('audit', 'transformation_operation', { columns: opCols, sort: [{ column: 'execution_time_ms', desc }] });
      const all = await walk(source, plan, 333);
      const order = desc ? 'execution_time_ms DESC NULLS LAST, id' : 'execution_time_ms NULLS FIRST, id';
      expect(all.map((r) => r.map(cellText))).toEqual(await adminRows(`${opSelect} ORDER BY ${order}`));
      const deep = await source.page(plan, 1_999, 50);
      expect(deep.rows.map((r) => r.map(cellText))).toEqual(await adminRows(`${opSelect} ORDER BY ${order} OFFSET 1999 LIMIT 50`));
    }
  });

  it('pages by a composite key, by bigint keys beyond 2^53 and by text sorts', async () => {
    const summary = await planOf('public', 'dbt_audit_summary', { sort: [{ column: 'custom_message', desc: true }] });
    const rows = await walk(source, summary, 37);
    const expected = await adminRows(`SELECT * FROM public.dbt_audit_summary ORDER BY custom_message DESC NULLS LAST, invocation_id, model_name`);
    expect(rows.map((r) => r.map(cellText))).toEqual(expected);
    const fid = await planOf('public', 'fidelity', { columns: ['id', 'big', 'amount'], sort: [{ column: 'amount', desc: true }] });
    const fidRows = await walk(source, fid, 64);
    expect(fidRows.map((r) => r.map(cellText))).toEqual(await adminRows(`SELECT id::text AS a, big::text AS b, amount::text AS c FROM public.fidelity ORDER BY amount DESC NULLS LAST, id`));
    const byId = await source.page(await planOf('public', 'fidelity', { columns: ['id'] }), 999, 5);
    expect(byId.keys.map((k) => k[0])).toEqual([{ t: 'int', v: '9007199254740999' }, { t: 'int', v: '9223372036854775807' }]);
  });

  it('pages a table without a primary key and a view by OFFSET', async () => {
    const plan = await planOf('public', 'no_pk', { sort: [{ column: 'label', desc: false }] });
    expect(plan.keyset).toBe(false);
    const page = await source.page(plan, 490, 100);
    expect(page.lastRow).toBe(500);
    expect(page.keys).toEqual(Array.from({ length: 10 }, () => []));
    expect(page.rows.map((r) => r.map(cellText))).toEqual(await adminRows(`SELECT n::text AS n_t, label FROM public.no_pk ORDER BY label NULLS FIRST OFFSET 490`));
    const view = await source.page(await planOf('audit', 'lineage_summary', { sort: [{ column: 'edges', desc: true }, { column: 'relationship_type', desc: false }, { column: 'source_schema', desc: false }, { column: 'target_schema', desc: false }] }), 0, 5);
    expect(view.rows).toHaveLength(5);
  });
});

describe('filters, counts, values and rows', () => {
  const cases: { name: string; filters: ColumnFilter[]; where: string }[] = [
    { name: 'contains (case-insensitive)', filters: [{ column: 'purpose', op: 'contains', value: 'PLAIN purpose 1' }], where: `purpose ILIKE '%plain purpose 1%'` },
    { name: 'contains with LIKE wildcards taken literally', filters: [{ column: 'purpose', op: 'contains', value: '_' }], where: `strpos(purpose, '_') > 0` },
    { name: 'contains inside jsonb', filters: [{ column: 'source_filters', op: 'contains', value: '"wheat"' }], where: `source_filters::text ILIKE '%"wheat"%'` },
    { name: 'eq on a uuid', filters: [{ column: 'id', op: 'eq', value: '5d7b4d9c-98bb-4aa6-b1e8-000000000000' }], where: `false` },
    { name: 'eq on a uuid that exists', filters: [{ column: 'parent_session_id', op: 'eq', value: md5uuid('s25') }], where: `parent_session_id = '${md5uuid('s25')}'` },
    { name: 'timestamptz range with offsets', filters: [{ column: 'started_at', op: 'gte', value: '2024-01-05 00:00:00+05:30' }, { column: 'started_at', op: 'lt', value: '2024-01-10T00:00:00Z' }], where: `started_at >= '2024-01-05 00:00:00+05:30' AND started_at < '2024-01-10T00:00:00Z'` },
    { name: 'bigint range', filters: [{ column: 'total_rows_processed', op: 'gt', value: 500_000 }], where: `total_rows_processed > 500000` },
    { name: 'empty text (NULL or empty string)', filters: [{ column: 'purpose', op: 'empty' }], where: `purpose IS NULL OR purpose = ''` },
    { name: 'empty timestamp', filters: [{ column: 'completed_at', op: 'empty' }], where: `completed_at IS NULL` },
    { name: 'notEmpty text', filters: [{ column: 'ticket_id', op: 'notEmpty' }], where: `NOT (ticket_id IS NULL OR ticket_id = '')` },
    { name: 'in with NULL', filters: [{ column: 'error_message', op: 'in', values: ['@SUM(A1) failed', null] }], where: `error_message = '@SUM(A1) failed' OR error_message IS NULL` },
    { name: 'neq keeps NULLs', filters: [{ column: 'status', op: 'neq', value: 'ACTIVE' }], where: `status <> 'ACTIVE' OR status IS NULL` },
  ];

  for (const c of cases) {
    it(`${c.name}: page and count match the SQL`, async () => {
      const plan = await planOf('audit', 'transformation_session', { filters: c.filters, columns: ['id', 'purpose', 'started_at'] });
      const expected = await adminRows(`SELECT id::text AS id_t, purpose, started_at::text AS started_t FROM audit.transformation_session WHERE ${c.where} ORDER BY id`);
      const rows = await walk(source, plan, 200);
      expect(rows.map((r) => r.map(cellText))).toEqual(expected);
      expect(await source.count(plan, 5_000)).toEqual({ value: expected.length, exact: true });
    });
  }

  it('filters arrays and uuids by eq, empty and contains (on their text form)', async () => {
    const arr = await planOf('audit', 'transformation_session', { filters: [{ column: 'source_tables', op: 'eq', value: '{bronze.raw_7}' }] });
    expect(await source.count(arr, 5_000)).toEqual({ value: 1, exact: true });
    const empty = await planOf('audit', 'transformation_operation', { filters: [{ column: 'warnings', op: 'empty' }] });
    expect(await source.count(empty, 5_000)).toEqual({ value: 2667, exact: true });
    for (const column of ['source_tables', 'id']) {
      const plan = await planOf('audit', 'transformation_session', { filters: [{ column, op: 'contains', value: 'a' }] });
      const [expected] = await adminRows(`SELECT count(*)::text FROM audit.transformation_session WHERE CAST(${column} AS text) ILIKE '%a%'`);
      expect(String((await source.count(plan, 5_000)).value)).toBe(expected?.[0]);
    }
  });

  it('bigint filter values beyond 2^53 keep every digit', async () => {
    const plan = await planOf('public', 'fidelity', { filters: [{ column: 'id', op: 'eq', value: '9223372036854775807' }] });
    expect(plan.filters[0]?.value).toBe('9223372036854775807');
    const [expected] = await adminRows(`SELECT count(*)::text FROM public.fidelity WHERE id = 9223372036854775807`);
    expect(String((await source.count(plan, 5_000)).value)).toBe(expected?.[0]);
  });

  it('turns a bad filter value into a typed error naming the problem', async () => {
    const plan = await planOf('audit', 'transformation_session', { filters: [{ column: 'id', op: 'eq', value: 'not-a-uuid' }] });
    await expect(source.page(plan, 0, 10)).rejects.toMatchObject({ code: 'bad-input', message: expect.stringMatching(/invalid input syntax for type uuid/) });
  });

  it('lists the most frequent values with their counts', async () => {
    const plan = await planOf('audit', 'transformation_operation', { filters: [{ column: 'transformation_type', op: 'eq', value: 'SQL' }] });
    const v = await source.values(plan, 'operation_type', 50);
    const expected = await adminRows(`SELECT operation_type, count(*)::text FROM audit.transformation_operation WHERE transformation_type = 'SQL' GROUP BY 1 ORDER BY count(*) DESC, 1`);
    expect(v.values.map((x) => [x.value, String(x.count)])).toEqual(expected);
    expect(v.complete).toBe(true);
    const few = await source.values(await planOf('audit', 'transformation_operation'), 'warnings', 3);
    expect(few.complete).toBe(false);
    expect(few.values[0]).toEqual({ value: null, count: 2667 });
    await expect(source.values(plan, 'no_such_column', 5)).rejects.toMatchObject({ code: 'unknown-column' });
  });

  it('opens one row by uuid, composite and bigint keys', async () => {
    const id = md5uuid('s42');
    const session = await source.row(await planOf('audit', 'transformation_session'), [id]);
    expect(session.row.map(cellText)).toEqual((await adminRows(`SELECT ${session.columns.map((c) => `"${c}"::text`).join(', ')} FROM audit.transformation_session WHERE id = $1`, [id]))[0]);
    const summary = await source.row(await planOf('public', 'dbt_audit_summary'), ['inv-0003', 'model_7']);
    expect(summary.row.slice(0, 3)).toEqual(['inv-0003', 'model_7', '2024-03-01 08:37:00']);
    const big = await source.row(await planOf('public', 'fidelity'), [{ t: 'int', v: '9223372036854775807' }]);
    expect(big.row[0]).toEqual({ t: 'int', v: '9223372036854775807' });
    await expect(source.row(await planOf('public', 'fidelity'), [12345])).rejects.toMatchObject({ code: 'not-found' });
    await expect(source.row(await planOf('public', 'no_pk'), [1])).rejects.toMatchObject({ code: 'unsupported' });
  });

  it('runs compiled SQL through rows(), reading at most maxRows rows and accepting only a query', async () => {
    expect(source.dialect.name).toBe('postgres');
    const rows = await source.rows({ sql: 'SELECT id, purpose FROM audit.transformation_session WHERE operations_count = $1 ORDER BY id', params: [3] }, 5);
    const expected = await adminRows(`SELECT id::text AS i, purpose FROM audit.transformation_session WHERE operations_count = 3 ORDER BY id LIMIT 5`);
    expect(rows).toEqual(expected);
    // A billion-row query answers at once: the cursor makes the server produce only what is fetched.
    const started = Date.now();
    expect(await source.rows({ sql: 'SELECT generate_series(1, 1000000000) AS x', params: [] }, 3)).toEqual([[1], [2], [3]]);
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect(source.rows({ sql: 'DELETE FROM audit.lineage_edge', params: [] }, 1)).rejects.toMatchObject({ code: 'bad-input' });
  });

  it('counts exactly within the budget, and row counts start from estimates', async () => {
    const counts = await source.rowCounts(5_000);
    expect(counts['audit.transformation_operation']).toEqual({ value: 3000, exact: true });
    expect(counts['public.fidelity']).toEqual({ value: 1001, exact: true });
    // A view is never run unasked (issue 14): it keeps the catalog's estimate, or is not counted.
    expect(counts['audit.lineage_summary']?.exact ?? false).toBe(false);
    expect('audit.lineage_summary' in counts).toBe(true);
    expect((await source.catalog()).tables.find((t) => t.name === 'dbt_audit_detail')?.rowCount).toEqual({ value: 2000, exact: false });
  });

  it('answers "at least the estimate" when a lock makes the exact count run out of time', async () => {
    const locker = new pg.Client({ host: HOST, user: 'postgres', database: DB });
    await locker.connect();
    try {
      await locker.query('BEGIN; LOCK TABLE public.dbt_audit_detail IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const count = await source.count(await planOf('public', 'dbt_audit_detail'), 300);
      expect(count).toEqual({ value: 2000, exact: false });
      const filtered = await source.count(await planOf('public', 'dbt_audit_detail', { filters: [{ column: 'status', op: 'eq', value: 'info' }] }), 300);
      expect(filtered).toEqual({ value: 0, exact: false });
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
  });

  it('bounds a count of a slow view and says "at least"', async () => {
    const started = Date.now();
    const count = await source.count(await planOf('public', 'slow_view'), 300);
    expect(count.exact).toBe(false);
    expect(count.value).toBeLessThan(1_000);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('reports a table dropped after opening as unknown', async () => {
    await admin.query('CREATE TABLE public.doomed (id int PRIMARY KEY)');
    const fresh = await PostgresSource.open(PG_URL);
    try {
      const plan = compilePlan(findTable(await fresh.catalog(), { schema: 'public', name: 'doomed' }) as TableInfo, { table: { schema: 'public', name: 'doomed' }, filters: [], sort: [] });
      await admin.query('DROP TABLE public.doomed');
      await expect(fresh.page(plan, 0, 10)).rejects.toMatchObject({ code: 'unknown-table' });
    } finally {
      await fresh.close();
    }
  });
});

describe('faithful values', () => {
  it('keeps bigint digits, numeric scale, timestamp offsets, json text, arrays, uuids and bytes', async () => {
    const plan = await planOf('public', 'fidelity');
    const row = (await source.row(plan, [{ t: 'int', v: '9223372036854775807' }])).row;
    const byName = Object.fromEntries(plan.table.columns.map((c, i) => [c.name, row[i]]));
    expect(byName).toEqual({
      id: { t: 'int', v: '9223372036854775807' },
      big: { t: 'int', v: '-9223372036854775808' },
      amount: '12345678901234567890.1234567890',
      ts: '2024-03-01 10:00:00.123456+05:30',
      tsn: '2024-03-01 10:00:00.5',
      d: '2024-02-29',
      t: '23:59:59.999999',
      tags: '{a,"b c",NULL,"quote\\"d","{}"}',
      doc: '{"a": [1, 2.50, null], "b": 1}',
      j: '{"keep":  "spacing", "dup": 1, "dup": 2}',
      u: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      b: { t: 'blob', hex: 'deadbeef'.repeat(8), size: 80 },
      flag: true,
      f: 0.1,
      note: 'snow ☃ RTL ‮ formula =1+1',
      iv: '-1 days +02:03:04',
    });
  });

  it('every page cell equals the server’s own text for the same column', async () => {
    const plan = await planOf('public', 'fidelity', { columns: ['id', 'big', 'amount', 'ts', 'tsn', 'd', 't', 'tags', 'doc', 'j', 'u', 'f', 'note', 'iv'] });
    const rows = await walk(source, plan, 400);
    const expected = await adminRows(`SELECT id::text AS c1, big::text AS c2, amount::text AS c3, ts::text AS c4, tsn::text AS c5, d::text AS c6, t::text AS c7, tags::text AS c8, doc::text AS c9, j::text AS c10, u::text AS c11, f::text AS c12, note, iv::text AS c14 FROM public.fidelity ORDER BY id`);
    expect(rows.map((r) => r.map(cellText))).toEqual(expected);
    expect(rows.some((r) => typeof r[0] === 'object' && r[0] !== null)).toBe(true);
    expect(cellToText(rows[0]?.[3] ?? null)).toMatch(/\+05:30$/);
  });

  it('cuts long text on a page and gives all of it in the row', async () => {
    await admin.query(`INSERT INTO public.no_pk VALUES (-1, repeat('x', 5000))`);
    try {
      const page = await source.page(await planOf('public', 'no_pk', { filters: [{ column: 'n', op: 'eq', value: -1 }] }), 0, 5);
      expect(page.rows[0]?.[1]).toEqual({ t: 'truncated', v: 'x'.repeat(2000), size: 5000 });
    } finally {
      await admin.query('DELETE FROM public.no_pk WHERE n = -1');
    }
  });
});

function psqlCopy(select: string, file: string): void {
  execFileSync('psql', ['-X', '-q', '-h', HOST, '-U', 'postgres', '-d', DB, '-v', 'ON_ERROR_STOP=1', '-c', `\\copy (${select}) TO '${file}' CSV HEADER`], { stdio: 'pipe' });
}

describe('CSV export', () => {
  it('raw mode equals psql \\copy byte for byte (filters, sort, arrays, json, NULLs, unicode)', async () => {
    const plan = await planOf('audit', 'transformation_session', {
      filters: [{ column: 'status', op: 'in', values: ['COMPLETED', 'FAILED', 'ACTIVE'] }, { column: 'purpose', op: 'notContains', value: "O'Brien" }],
      sort: [{ column: 'completed_at', desc: true }],
    });
    const ours = path.join(dir, 'ours.csv');
    const theirs = path.join(dir, 'theirs.csv');
    const res = await source.exportCsv({ plan, tmpPath: ours, safe: false, bom: false, delimiter: ',', eol: '\n' });
    psqlCopy(`SELECT * FROM audit.transformation_session WHERE status IN ('COMPLETED', 'FAILED', 'ACTIVE') AND (NOT purpose ILIKE '%O''Brien%' OR purpose IS NULL) ORDER BY completed_at DESC NULLS LAST, id NULLS FIRST`, theirs);
    expect(fs.readFileSync(ours).equals(fs.readFileSync(theirs))).toBe(true);
    expect(res.rows).toBe(360);
    // Some purposes hold a line break, so lines outnumber rows: the count is the server's, not the lines'.
    expect(fs.readFileSync(ours, 'utf8').split('\n').length - 2).toBeGreaterThan(360);
    expect(res.bytes).toBe(fs.statSync(ours).size);
    expect(res.sql).toContain('$1');
    expect(res.params).toEqual(['COMPLETED', 'FAILED', 'ACTIVE', "%O'Brien%"]);
  });

  it('raw mode equals psql for every type and for hostile identifiers and $n-looking values', async () => {
    const fid = path.join(dir, 'fid.csv');
    await source.exportCsv({ plan: await planOf('public', 'fidelity'), tmpPath: fid, safe: false, bom: false, delimiter: ',', eol: '\n' });
    psqlCopy('SELECT * FROM public.fidelity ORDER BY id NULLS FIRST', path.join(dir, 'fid-psql.csv'));
    expect(fs.readFileSync(fid).equals(fs.readFileSync(path.join(dir, 'fid-psql.csv')))).toBe(true);
    const weird = path.join(dir, 'weird.csv');
    const plan = await planOf('public', 'we"ird $1 table', { filters: [{ column: '$1 col', op: 'in', values: ['$1', "a'b", '$2'] }] });
    const res = await source.exportCsv({ plan, tmpPath: weird, safe: false, bom: false, delimiter: ',', eol: '\n' });
    psqlCopy(`SELECT * FROM public."we""ird $1 table" WHERE "$1 col" IN ('$1', 'a''b', '$2') ORDER BY "$1 col"`, path.join(dir, 'weird-psql.csv'));
    expect(fs.readFileSync(weird, 'utf8')).toBe(fs.readFileSync(path.join(dir, 'weird-psql.csv'), 'utf8'));
    expect(res.rows).toBe(3);
  });

  it('safe mode differs from raw only by a quote before formula-like cells, header included', async () => {
    const plan = await planOf('audit', 'transformation_session');
    const raw = path.join(dir, 'raw-s.csv');
    const safe = path.join(dir, 'safe-s.csv');
    await source.exportCsv({ plan, tmpPath: raw, safe: false, bom: false, delimiter: ',', eol: '\n' });
    const res = await source.exportCsv({ plan, tmpPath: safe, safe: true, bom: false, delimiter: ',', eol: '\n' });
    const r = parseCsv(fs.readFileSync(raw, 'utf8'));
    const s = parseCsv(fs.readFileSync(safe, 'utf8'));
    expect(s).toHaveLength(r.length);
    expect(res.rows).toBe(600);
    let prefixed = 0;
    r.forEach((row, i) => row.forEach((cell, j) => {
      const got = s[i]?.[j];
      if (isFormulaLike(cell)) {
        prefixed++;
        expect(got).toBe(`'${cell}`);
      } else {
        expect(got).toBe(cell);
      }
    }));
    expect(prefixed).toBeGreaterThan(200);
    expect(fs.readFileSync(safe, 'utf8')).toContain(`'=cmd|' /C calc'!A0`);
    const weird = path.join(dir, 'weird-safe.csv');
    await source.exportCsv({ plan: await planOf('public', 'we"ird $1 table'), tmpPath: weird, safe: true, bom: false, delimiter: ',', eol: '\n' });
    expect(fs.readFileSync(weird, 'utf8')).toBe(`$1 col,"'=HYPERLINK(""http://x/?"")"\n$1,'=1+1\n$2,\na'b,'-2+3\nx,'@SUM(A1)\n`);
  });

  it('rewrites timestamps to UTC when asked, and keeps them as stored by default', async () => {
    const plan = await planOf('public', 'fidelity', { columns: ['id', 'ts', 'tsn', 'd'], filters: [{ column: 'note', op: 'startsWith', value: 'snow' }] });
    const utc = path.join(dir, 'utc.csv');
    await source.exportCsv({ plan, tmpPath: utc, safe: true, bom: false, delimiter: ',', eol: '\n', time: 'utc' });
    expect(fs.readFileSync(utc, 'utf8')).toBe('id,ts,tsn,d\n9223372036854775807,2024-03-01T04:30:00.123456Z,2024-03-01T10:00:00.5Z,2024-02-29\n');
    const stored = path.join(dir, 'stored.csv');
    await source.exportCsv({ plan, tmpPath: stored, safe: false, bom: false, delimiter: ',', eol: '\n' });
    expect(fs.readFileSync(stored, 'utf8')).toBe('id,ts,tsn,d\n9223372036854775807,2024-03-01 10:00:00.123456+05:30,2024-03-01 10:00:00.5,2024-02-29\n');
  });

  it('writes a BOM, CRLF and other delimiters when asked', async () => {
    const plan = await planOf('public', 'dbt_audit_detail');
    const file = path.join(dir, 'semi.csv');
    const res = await source.exportCsv({ plan, tmpPath: file, safe: true, bom: true, delimiter: ';', eol: '\r\n' });
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFFdetail_log_id;invocation_id;')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(2002);
    expect(res.rows).toBe(2000);
    const tab = path.join(dir, 'tab.tsv');
    await source.exportCsv({ plan, tmpPath: tab, safe: false, bom: false, delimiter: '\t', eol: '\n' });
    expect(fs.readFileSync(tab, 'utf8').split('\n')[1]?.split('\t')).toHaveLength(8);
  });

  it('refuses to overwrite an existing temporary file, and reports progress', async () => {
    const file = path.join(dir, 'exists.csv');
    fs.writeFileSync(file, 'keep');
    await expect(source.exportCsv({ plan: await planOf('public', 'no_pk'), tmpPath: file, safe: true, bom: false, delimiter: ',', eol: '\n' })).rejects.toMatchObject({ code: 'io', message: expect.stringMatching(/EEXIST/) });
    expect(fs.readFileSync(file, 'utf8')).toBe('keep');
    const seen: number[] = [];
    await source.exportCsv({ plan: await planOf('audit', 'transformation_operation'), tmpPath: path.join(dir, 'progress.csv'), safe: true, bom: false, delimiter: ',', eol: '\n', onProgress: (p) => seen.push(p.rows) });
    expect(seen.at(-1)).toBe(3000);
  });

  it('fails with the server\'s error when a row breaks mid-stream, and the store stays usable', async () => {
    // A schema of its own, made after the shared source read its catalog, so other tests' lists stay as they are.
    await adminRows('CREATE SCHEMA midway');
    await adminRows('CREATE VIEW midway.breaks AS SELECT i, 1 / (i - 60000) AS x, repeat(\'y\', 40) AS pad FROM generate_series(1, 100000) AS i');
    const src = await PostgresSource.open(PG_URL);
    try {
      const t = findTable(await src.catalog(), { schema: 'midway', name: 'breaks' });
      expect(t).toBeDefined();
      const plan = compilePlan(t as TableInfo, { table: { schema: 'midway', name: 'breaks' }, filters: [], sort: [] });
      const file = path.join(dir, 'midway.csv');
      const seen: number[] = [];
      await expect(src.exportCsv({ plan, tmpPath: file, safe: false, bom: false, delimiter: ',', eol: '\n', onProgress: (p) => seen.push(p.rows) }))
        .rejects.toMatchObject({ message: expect.stringMatching(/division by zero/) });
      // Rows had streamed before the error: it arrived between CopyData messages, not before them.
      expect(fs.statSync(file).size).toBeGreaterThan(100_000);
      const after = await src.page(await planOf('public', 'no_pk'), 0, 5);
      expect(after.rows).toHaveLength(5);
    } finally {
      await src.close();
      await adminRows('DROP SCHEMA midway CASCADE');
    }
  });

  it('cancels a running export on the server within two seconds', async () => {
    const controller = new AbortController();
    const file = path.join(dir, 'cancel.csv');
    const run = source.exportCsv({ plan: await planOf('public', 'slow_view'), tmpPath: file, safe: false, bom: false, delimiter: ',', eol: '\n', signal: controller.signal });
    const running = `SELECT count(*) FROM pg_stat_activity WHERE application_name = 'auditlens' AND state = 'active' AND query LIKE 'COPY (SELECT "x" FROM "public"."slow_view"%'`;
    await waitFor(async () => Number(await adminOne(running)) === 1, 5_000);
    controller.abort();
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    const took = await waitFor(async () => Number(await adminOne(running)) === 0, 2_000);
    expect(took).toBeLessThan(2_000);
  });
});

describe('read-only: the write-attempt corpus (security checklist §7 item 26)', () => {
  let s: PgSession;
  let before: Record<string, string | null>;

  beforeAll(async () => {
    before = await checksums();
    s = await PgSession.connect(parseConnectionUrl(PG_URL), null, { statementTimeoutMs: 1_500 });
  });
  afterAll(async () => {
    await s.close();
  });

  const rejected: { sql: string; code: string; words: RegExp }[] = [
    { sql: 'COMMIT; DELETE FROM audit.transformation_operation', code: 'bad-input', words: /multiple commands/ },
    { sql: 'DELETE FROM audit.transformation_operation', code: 'unsupported', words: /read-only/ },
    { sql: "UPDATE audit.transformation_session SET status = 'FAILED'", code: 'unsupported', words: /read-only/ },
    { sql: "INSERT INTO audit.lineage_edge (source_type, source_name, target_type, target_name, relationship_type) VALUES ('TABLE','a','TABLE','b','COPIES')", code: 'unsupported', words: /read-only/ },
    { sql: 'WITH d AS (DELETE FROM audit.transformation_operation RETURNING *) SELECT count(*) FROM d', code: 'unsupported', words: /read-only/ },
    { sql: 'DO $$BEGIN DELETE FROM audit.transformation_operation; END$$', code: 'unsupported', words: /read-only/ },
    { sql: 'COPY audit.transformation_operation FROM STDIN', code: 'unsupported', words: /read-only/ },
    { sql: 'CREATE TEMP TABLE t AS SELECT 1', code: 'unsupported', words: /read-only/ },
    { sql: 'TRUNCATE audit.lineage_edge', code: 'unsupported', words: /read-only/ },
    { sql: 'DROP TABLE audit.lineage_edge', code: 'unsupported', words: /read-only/ },
    { sql: 'ALTER TABLE audit.lineage_edge ADD COLUMN x int', code: 'unsupported', words: /read-only/ },
    { sql: `GRANT ALL ON audit.lineage_edge TO ${RO}`, code: 'unsupported', words: /read-only/ },
    { sql: "SELECT nextval('audit.transformation_operation_id_seq')", code: 'unsupported', words: /read-only/ },
    { sql: 'SELECT pg_sleep(3600)', code: 'timeout', words: /time limit/ },
    { sql: 'SELECT * FROM generate_series(1, 1e9)', code: 'timeout', words: /time limit/ },
  ];

  for (const c of rejected) {
    it(`${c.sql}: ${c.code}`, async () => {
      const started = Date.now();
      await expect(s.query(c.sql)).rejects.toMatchObject({ code: c.code, message: expect.stringMatching(c.words) });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(s.alive).toBe(true);
    });
  }

  it('SET SESSION CHARACTERISTICS … READ WRITE and set_config(…off) change nothing: the next transaction is read-only again', async () => {
    await s.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE');
    await expect(s.query('DELETE FROM audit.transformation_operation')).rejects.toMatchObject({ code: 'unsupported' });
    await s.query("SELECT set_config('default_transaction_read_only', 'off', false)");
    await expect(s.query('DELETE FROM audit.transformation_operation')).rejects.toMatchObject({ code: 'unsupported' });
    expect((await s.query("SELECT current_setting('transaction_read_only')")).rows[0]?.[0]).toBe('on');
  });

  it('LOCK TABLE is allowed by Postgres in a read-only transaction, but ends with our one-statement transaction', async () => {
    await s.query('LOCK TABLE audit.transformation_operation IN ACCESS EXCLUSIVE MODE');
    await admin.query("SET lock_timeout = '500ms'");
    try {
      expect(await adminOne('SELECT count(*) FROM audit.transformation_operation')).toBe('3000');
    } finally {
      await admin.query('RESET lock_timeout');
    }
  });

  it('leaves every audit table byte-identical', async () => {
    expect(await checksums()).toEqual(before);
  });
});

describe('cancel', () => {
  it('stops the statement on the server within two seconds (pg_stat_activity)', async () => {
    const s = await PgSession.connect(parseConnectionUrl(PG_URL), null);
    try {
      const run = s.query('SELECT pg_sleep(60)');
      await waitFor(async () => (await activeQueries(s.pid)) === 1, 5_000);
      expect(await s.cancel()).toBe(true);
      await expect(run).rejects.toMatchObject({ code: 'cancelled' });
      expect(await waitFor(async () => (await activeQueries(s.pid)) === 0, 2_000)).toBeLessThan(2_000);
      expect((await s.query('SELECT 1')).rows).toEqual([[1]]);
      expect(await s.cancel()).toBe(false);
    } finally {
      await s.close();
    }
  });

  it('cuts the socket when the server ignores the cancel, and the server then stops the query too', async () => {
    const s = await PgSession.connect(parseConnectionUrl(PG_URL), null);
    try {
      expect((await s.query("SELECT current_setting('client_connection_check_interval')")).rows[0]?.[0]).toBe('2s');
      Reflect.set(s, 'secretKey', 12345); // a wrong key: the server drops the CancelRequest silently
      const run = s.query('SELECT pg_sleep(60)');
      await waitFor(async () => (await activeQueries(s.pid)) === 1, 5_000);
      const started = Date.now();
      await s.cancel();
      await expect(run).rejects.toMatchObject({ code: 'cancelled' });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(s.alive).toBe(false);
      expect(await waitFor(async () => (await activeQueries(s.pid)) === 0, 5_000)).toBeLessThan(5_000);
    } finally {
      await s.close();
    }
  });

  it('cancels a page request through its AbortSignal', async () => {
    const controller = new AbortController();
    const run = source.page(await planOf('public', 'slow_view'), 0, 5_000, controller.signal);
    const running = `SELECT count(*) FROM pg_stat_activity WHERE application_name = 'auditlens' AND state = 'active' AND query LIKE '%slow_view%' AND query NOT LIKE '%pg_stat_activity%'`;
    await waitFor(async () => Number(await adminOne(running)) === 1, 5_000);
    controller.abort();
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(await waitFor(async () => Number(await adminOne(running)) === 0, 2_000)).toBeLessThan(2_000);
    expect((await source.page(await planOf('public', 'no_pk'), 0, 1)).rows).toHaveLength(1);
  });

  it('refuses work whose signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(source.page(await planOf('public', 'no_pk'), 0, 1, controller.signal)).rejects.toMatchObject({ code: 'cancelled' });
  });
});

describe('write risk', () => {
  it('flags the superuser postgres and every table it could change', async () => {
    const risk = await source.writeRisk();
    expect(risk.superuser).toBe(true);
    expect(risk.writableTables).toEqual(expect.arrayContaining(['audit.transformation_session', 'public.dbt_audit_detail']));
  });

  it('finds nothing writable for a SELECT-only login, and exactly the granted table otherwise', async () => {
    const ro = await PostgresSource.open(`postgres://${RO}@${HOST}/${DB}`);
    const rw = await PostgresSource.open(`postgres://${RW}@${HOST}/${DB}`);
    try {
      expect(await ro.writeRisk()).toEqual({ superuser: false, writableTables: [], powerfulRoles: [] });
      expect(await rw.writeRisk()).toEqual({ superuser: false, writableTables: ['audit.lineage_edge'], powerfulRoles: [] });
    } finally {
      await ro.close();
      await rw.close();
    }
  });
});

describe('pgLiteral against the server', () => {
  it('round-trips hostile strings exactly', async () => {
    const hostile = ["O'Brien", "'; DROP TABLE audit.lineage_edge; --", 'back\\slash\\', '$1 $$ $q$', 'ünï ☃ 🎉 ‮', '"quoted"', '\t\r\n', "''''", 'E\'x\''];
    for (const h of hostile) {
      expect(await adminOne(`SELECT ${pgLiteral(h)}::text`)).toBe(h);
    }
    expect(await adminOne(`SELECT ${pgLiteral(9007199254740993n)}::bigint::text`)).toBe('9007199254740993');
    expect(await adminOne(`SELECT ${pgLiteral(-1.5)}::numeric::text`)).toBe('-1.5');
  });
});
